import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerJournal
import Testing

/// A rule set that is not the fund's: a "tip jar" whose `tip.give` entries post a tip from the
/// data's `cents` to cash and revenue, and keep a count of tips as a record. It shows what the
/// protocol asks of a rule set and that the core runs it as it runs the fund's.
private struct TipJar: RuleSet {
    static let give = EntryKind(declared: "tip.give")
    var name: String { "tipjar" }
    var kinds: [EntryKind] { [Self.give] }
    func requiredRoles(_ kind: EntryKind) -> Set<Role> { [.fundManager] }

    func checkEntry(_ body: EntryBody, state: some LedgerStateReading) throws {
        if body.memo == "forbidden" { throw RuleViolation(.badField, "entry \(body.seq): the tip jar refuses this memo") }
    }

    func evaluate(_ body: EntryBody, signer: KeyState, state: some LedgerStateReading) throws -> RuleOutcome {
        guard let cents = body.data["cents"]?.integerValue, cents > 0 else {
            throw RuleViolation(.badField, "entry \(body.seq): data.cents must be a positive integer")
        }
        let usd = Currency.usd
        let tip = Amount(minorUnits: cents, currency: usd)
        let count = (try state.record("tips", "count")?.fields["n"]?.integerValue ?? 0) + 1
        return RuleOutcome(
            postings: [
                Posting(account: try AccountCode("1100"), amount: tip, value: tip),
                Posting(account: try AccountCode("4100"), amount: try tip.negated(), value: try tip.negated()),
            ],
            effects: [.putRecord(StateRecord(collection: "tips", id: "count", seq: body.seq, fields: ["n": .integer(count)]))],
            computedData: [ComputedMember(name: "count", value: .integer(count), meaning: "count the tips so far")])
    }
}

@Suite("Rule sets")
struct RuleSetTests {
    let admin = try! Ed25519PrivateKey(seed: [UInt8](repeating: 1, count: 32))
    let log = try! Ed25519PrivateKey(seed: [UInt8](repeating: 2, count: 32))
    let alice = try! Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
    static let date = try! LedgerDate(parsing: "2026-02-01")

    /// The genesis entry, alice's key and the two accounts, checked by `rules`.
    func start(_ rules: LedgerRules) throws -> (LedgerSnapshot, UInt64) {
        var snapshot = LedgerSnapshot(lookup: { _ in nil })
        let records = [
            KeyRecord(publicKey: admin.publicKey, holder: "ana", name: "Ana", roles: [.admin]),
            KeyRecord(publicKey: log.publicKey, holder: "log", name: "log", roles: [.log]),
        ]
        guard case .object(let alicesKey) = KeyRecord(publicKey: alice.publicKey, holder: "alice", name: "alice", roles: [.fundManager]).jsonValue else {
            preconditionFailure("a key record is an object")
        }
        let drafts: [(EntryDraft, Ed25519PrivateKey)] = [
            (EntryDraft(kind: .genesis, date: Self.date, data: JSONObject([
                ("fund_name", .string("Tips")), ("currency", .string("USD")), ("keys", .array(records.map(\.jsonValue))),
            ])), admin),
            (EntryDraft(kind: .keyRegister, date: Self.date, data: alicesKey), admin),
            (EntryDraft(kind: .accountOpen, date: Self.date, data: JSONObject([("code", .string("1100")), ("name", .string("Cash")), ("type", .string("asset"))])), alice),
            (EntryDraft(kind: .accountOpen, date: Self.date, data: JSONObject([("code", .string("4100")), ("name", .string("Tips")), ("type", .string("revenue"))])), alice),
        ]
        for (seq, (draft, key)) in drafts.enumerated() {
            let body = body(draft, seq: UInt64(seq), key: key)
            try snapshot.apply(body, effects: try rules.check(body, against: snapshot).effects)
        }
        return (snapshot, UInt64(drafts.count))
    }

    func body(_ draft: EntryDraft, seq: UInt64, key: Ed25519PrivateKey) -> EntryBody {
        draft.body(ledger: "tips.example/jar", seq: seq, prev: EntryBody.zeroHash, time: "2026-02-01T10:00:00Z", signer: key.publicKey.keyID)
    }

    func tip(_ cents: Int64, seq: UInt64, memo: String? = nil) -> EntryBody {
        body(EntryDraft(kind: TipJar.give, date: Self.date, memo: memo, data: JSONObject([("cents", .integer(cents))])), seq: seq, key: alice)
    }

    @Test func aKindNoRegisteredSetDefinesIsRefusedByName() throws {
        let (snapshot, seq) = try start(.core)
        #expect { try LedgerRules.core.check(tip(250, seq: seq), against: snapshot) } throws: { error in
            (error as? RuleViolation)?.code == .unknownKind
        }
    }

    @Test func aRegisteredSetComputesThePostingsAndTheData() throws {
        let rules = LedgerRules([TipJar()])
        #expect(rules.kinds.contains(TipJar.give) && rules.computesPostings(TipJar.give) && !rules.computesPostings(.voucher))
        var (snapshot, seq) = try start(rules)
        for cents: Int64 in [250, 100] {
            let body = try rules.completing(tip(cents, seq: seq), against: snapshot)
            #expect(body.postings.map(\.amount.minorUnits) == [cents, -cents])
            let accepted = try rules.check(body, against: snapshot)
            try snapshot.apply(body, effects: accepted.effects)
            seq += 1
        }
        #expect(snapshot.record("tips", "count")?.fields["n"] == .integer(2))
    }

    @Test func theVerifierSideRefusesPostingsOrDataOtherThanTheComputed() throws {
        let rules = LedgerRules([TipJar()])
        let (snapshot, seq) = try start(rules)
        var body = try rules.completing(tip(250, seq: seq), against: snapshot)
        var wrongCount = body
        wrongCount.data["count"] = .integer(7)
        #expect { try rules.check(wrongCount, against: snapshot) } throws: { error in
            (error as? RuleViolation)?.code == .dataDiffers
        }
        body.postings = body.postings.reversed()
        #expect { try rules.check(body, against: snapshot) } throws: { error in
            (error as? RuleViolation)?.code == .postingsDiffer
        }
    }

    @Test func aSetChecksEveryEntryWhateverItsKind() throws {
        let rules = LedgerRules([TipJar()])
        let (snapshot, seq) = try start(rules)
        #expect(throws: RuleViolation.self) { try rules.check(try rules.completing(tip(1, seq: seq, memo: "forbidden"), against: snapshot), against: snapshot) }
        #expect(throws: RuleViolation.self) { try rules.check(tip(1, seq: seq, memo: "forbidden"), against: snapshot) }
    }
}
