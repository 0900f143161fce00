import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerLog
import LedgerStore
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
    }

    /// Each spelling, registered as a certifying officer with the admin's confirmation that it is
    /// maria, may not certify maria's own request; without the confirmation it cannot even be
    /// registered (the verifier refuses such a journal the same way).
    @Test(arguments: Array(mariaSpellings.enumerated()))
    func noSpellingOfMariaCertifiesHerRequest(_ item: (offset: Int, element: String)) throws {
        let fund = try TestFund()
        let key = TestFund.key(UInt8(100 + item.offset))
        let record = KeyRecord(publicKey: key.publicKey, holder: item.element, name: "Maria again", roles: [.certifyingOfficer])
        try fund.expectRefusal(Self.register(record), by: TestFund.admin, containing: "looks like the registered holder \"maria\"")
        try fund.record(Self.register(record, same: ["maria"]), by: TestFund.admin)
        try fund.record(FundDrafts.settingRequest(name: "psc_rate", value: "7", from: F.d("2026-03-01"), date: F.d("2026-03-01"), ref: "SET-1"))
        try fund.expectRefusal(FundDrafts.decision(.approvalCertify, request: "SET-1", date: F.d("2026-03-01")), by: key,
                               containing: "made request SET-1 (as \"maria\") and may not certify it")
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
        try fund.expectRefusal(Self.register(record, same: ["chen"]), by: TestFund.admin, containing: "\"chen\" is not a registered holder that looks like \"MARIA\"")
        try fund.expectRefusal(Self.register(record, same: ["maria"], different: ["maria"]), by: TestFund.admin,
                               containing: "named both the same person as and a different person from")
        let plain = KeyRecord(publicKey: key.publicKey, holder: "rosa", name: "Rosa", roles: [.certifyingOfficer])
        try fund.record(Self.register(plain), by: TestFund.admin)
    }

    static func register(_ record: KeyRecord, same: [String] = [], different: [String] = []) -> EntryDraft {
        guard case .object(var data) = record.jsonValue else { return EntryDraft(kind: .keyRegister, date: F.d("2026-01-02")) }
        if !same.isEmpty { data[HolderDecisions.sameMember] = .array(same.map(JSONValue.string)) }
        if !different.isEmpty { data[HolderDecisions.differentMember] = .array(different.map(JSONValue.string)) }
        return EntryDraft(kind: .keyRegister, date: F.d("2026-01-02"), data: data)
    }
}
