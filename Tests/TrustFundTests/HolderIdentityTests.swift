import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// The two-person rule compares people, not strings (issue 10 item 6).
@Suite struct HolderIdentityTests {
    /// The five spellings of maria, and more: fullwidth, a zero-width joiner, a soft
    /// hyphen, a non-breaking space, NFD with a combining mark left alone.
    static let mariaSpellings = [
        "Maria", "maria ", " maria", "MARIA", "m\u{0430}ria", "ｍａｒｉａ", "ma\u{200D}ria", "mar\u{00AD}ia", "\u{00A0}maria\u{2003}",
        "MАRІА",  // Cyrillic А and І
    ]

    @Test(arguments: mariaSpellings)
    func eachSpellingIsMaria(_ spelling: String) {
        #expect(HolderIdentity(spelling) == HolderIdentity("maria"), "\(spelling.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func otherLookAlikesAndOtherPeople() {
        #expect(HolderIdentity("r\u{03BF}sa") == HolderIdentity("rosa"))  // Greek omicron
        #expect(HolderIdentity("Ana  María") == HolderIdentity("ana maría"))  // runs of white space
        #expect(HolderIdentity("ana marı́a") == HolderIdentity("ana maría"))  // dotless i + combining acute
        #expect(HolderIdentity("pau1") == HolderIdentity("paul"))  // digit one
        #expect(HolderIdentity("maria") != HolderIdentity("mario"))
        #expect(HolderIdentity("maria") != HolderIdentity("marta"))
        #expect(HolderIdentity("maria") != HolderIdentity("maria chen"))
        // An attacker's spellings of chen, to approve what chen certified: one person.
        for spelling in ["chen\u{2800}", "ch en", "c.hen", "chen_", "c-hen", "(chen)", "ch\u{2800}en"] {
            #expect(HolderIdentity(spelling) == HolderIdentity("chen"), "\(spelling)")
        }
        #expect(HolderIdentity("chen") != HolderIdentity("cheng"))
        // Accents and strokes: a second outside trial's "chén" and "cħen" (h with stroke).
        for spelling in ["ch\u{00E9}n", "c\u{0127}en", "che\u{0301}n", "\u{00C7}hen"] {
            #expect(HolderIdentity(spelling) == HolderIdentity("chen"), "\(spelling)")
        }
    }

    /// A holder names a person: the name of another person's key is not one. The trial
    /// registered "Chen Certifying Officer", the name of chen's key, and approved what chen
    /// certified.
    @Test func anotherPersonsKeyNameIsNotAHolder() throws {
        let fund = try TestFund()
        let chen = try #require(try fund.file.keys().first { $0.record.name == "Chen (approving)" })
        let key = TestFund.key(121)
        let record = KeyRecord(publicKey: key.publicKey, holder: chen.record.name.uppercased(), name: "Approver", roles: [.approvingOfficer])
        try fund.expectRefusal(Self.register(record), by: TestFund.admin, code: .holderIdentity, containing: "is the name of a key held by \"chen\"")
        try fund.expectRefusal(Self.register(record, different: ["chen"]), by: TestFund.admin, code: .holderIdentity)
    }

    /// Each spelling, registered as a certifying officer with the admin's confirmation that it is
    /// maria, may not certify maria's own request; without the confirmation it cannot even be
    /// registered (the verifier refuses such a journal the same way).
    @Test(arguments: Array(mariaSpellings.enumerated()))
    func noSpellingOfMariaCertifiesHerRequest(_ item: (offset: Int, element: String)) throws {
        let fund = try TestFund()
        let key = TestFund.key(UInt8(100 + item.offset))
        let record = KeyRecord(publicKey: key.publicKey, holder: item.element, name: "Maria again", roles: [.certifyingOfficer])
        try fund.expectRefusal(Self.register(record), by: TestFund.admin, code: .holderIdentity)
        try fund.record(Self.register(record, same: ["maria"]), by: TestFund.admin)
        try fund.record(FundDrafts.settingRequest(name: "psc_rate", value: "7", from: F.d("2026-03-01"), date: F.d("2026-03-01"), ref: "SET-1"))
        try fund.expectRefusal(FundDrafts.decision(.approvalCertify, request: "SET-1", date: F.d("2026-03-01")), by: key,
                               code: .twoPerson)
        try fund.verify()
    }

    /// An admin who states that a look-alike holder is another person is taken at their word,
    /// and that decision is in the journal for the auditors.
    @Test func aConfirmedDifferentPersonMayCertify() throws {
        let fund = try TestFund()
        let key = TestFund.key(120)
        let record = KeyRecord(publicKey: key.publicKey, holder: "Maria", name: "Maria Rossi", roles: [.certifyingOfficer])
        let entry = try fund.record(Self.register(record, different: ["maria"]), by: TestFund.admin)
        #expect(entry.body.data[HolderDecisions.differentMember] == .array([.string("maria")]))
        try fund.record(FundDrafts.settingRequest(name: "psc_rate", value: "7", from: F.d("2026-03-01"), date: F.d("2026-03-01"), ref: "SET-1"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "SET-1", date: F.d("2026-03-01")), by: key)
        try fund.verify()
    }

    @Test func decisionsMustNameLookAlikeHolders() throws {
        let fund = try TestFund()
        let key = TestFund.key(121)
        let record = KeyRecord(publicKey: key.publicKey, holder: "MARIA", name: "M", roles: [.certifyingOfficer])
        try fund.expectRefusal(Self.register(record, same: ["chen"]), by: TestFund.admin, code: .holderIdentity)
        try fund.expectRefusal(Self.register(record, same: ["maria"], different: ["maria"]), by: TestFund.admin,
                               code: .holderIdentity)
        let plain = KeyRecord(publicKey: key.publicKey, holder: "rosa", name: "Rosa", roles: [.certifyingOfficer])
        try fund.record(Self.register(plain), by: TestFund.admin)
    }

    /// Seeded property: for 2,000 generated names, changing case, padding with white space and
    /// invisible joiners, widening to fullwidth forms, or swapping Latin letters for their
    /// Cyrillic and Greek look-alikes never changes the identity; changing a letter to a
    /// different letter does.
    @Test func spellingVariantsKeepTheIdentity() {
        var random = HolderNameRandom(seed: 0x5EED_0010)
        let letters = Array("abcdeghijknopqstuvwxyz")
        let lookAlikes: [Character: Character] = ["a": "\u{0430}", "e": "\u{0435}", "o": "\u{03BF}", "p": "\u{0440}", "c": "\u{0441}", "x": "\u{0445}"]
        for _ in 0..<2_000 {
            let length = 1 + Int(random.next() % 12)
            let name = String((0..<length).map { _ in letters[Int(random.next() % UInt64(letters.count))] })
            let identity = HolderIdentity(name)
            let disguised = String(name.map { lookAlikes[$0] ?? $0 })
            let fullwidth = String(String.UnicodeScalarView(name.unicodeScalars.compactMap { Unicode.Scalar($0.value + 0xFEE0) }))
            for variant in [name.uppercased(), "  \(name)\u{200D} ", disguised, fullwidth, name.capitalized] {
                #expect(HolderIdentity(variant) == identity, "\(name) / \(variant)")
            }
            let index = name.index(name.startIndex, offsetBy: Int(random.next() % UInt64(length)))
            let other: Character = name[index] == "z" ? "y" : "z"
            var changed = name
            changed.replaceSubrange(index...index, with: String(other))
            #expect(HolderIdentity(changed) != identity, "\(name) / \(changed)")
        }
    }

    static func register(_ record: KeyRecord, same: [String] = [], different: [String] = []) -> EntryDraft {
        guard case .object(var data) = record.jsonValue else { return EntryDraft(kind: .keyRegister, date: F.d("2026-01-02")) }
        if !same.isEmpty { data[HolderDecisions.sameMember] = .array(same.map(JSONValue.string)) }
        if !different.isEmpty { data[HolderDecisions.differentMember] = .array(different.map(JSONValue.string)) }
        return EntryDraft(kind: .keyRegister, date: F.d("2026-01-02"), data: data)
    }
}

/// A small deterministic generator (HolderNameRandom) for seeded property tests.
struct HolderNameRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
