import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerJournal
import Testing
import TransparencyLog

/// `balances.seal` (issue 17 point 1): the writer fills in the tree of every balance as of a
/// date, and the same rules refuse a seal whose leaves or root differ from the ledger's.
@Suite("Balances seals")
struct BalanceSealTests {
    let admin = try! Ed25519PrivateKey(seed: [UInt8](repeating: 1, count: 32))
    let log = try! Ed25519PrivateKey(seed: [UInt8](repeating: 2, count: 32))
    let alice = try! Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
    let rules = LedgerRules.core

    func date(_ text: String) -> LedgerDate { try! LedgerDate(parsing: text) }

    func body(_ draft: EntryDraft, seq: UInt64, key: Ed25519PrivateKey) -> EntryBody {
        draft.body(ledger: "seal.example/fund", seq: seq, prev: EntryBody.zeroHash, time: "2026-02-01T10:00:00Z", signer: key.publicKey.keyID)
    }

    func posting(_ account: String, _ amount: String, _ currency: Currency = .usd, value: String? = nil) -> Posting {
        Posting(
            account: try! AccountCode(account), amount: try! Amount(parsing: amount, currency: currency, mode: .exact),
            value: try! Amount(parsing: value ?? amount, currency: .usd, mode: .exact))
    }

    /// Genesis, alice (fund manager), accounts 1100 and 4100, and vouchers: 25.00 USD on
    /// 2026-01-10, EUR 10.00 (value 11.00) on 2026-01-20, 5.00 USD on 2026-02-15.
    func ledger() throws -> (LedgerSnapshot, UInt64) {
        var snapshot = LedgerSnapshot(lookup: { _ in nil })
        let records = [
            KeyRecord(publicKey: admin.publicKey, holder: "ana", name: "Ana", roles: [.admin]),
            KeyRecord(publicKey: log.publicKey, holder: "log", name: "log", roles: [.log]),
        ]
        guard case .object(let alicesKey) = KeyRecord(publicKey: alice.publicKey, holder: "alice", name: "alice", roles: [.fundManager]).jsonValue else {
            preconditionFailure("a key record is an object")
        }
        let day = date("2026-01-01")
        let open = { (code: String, type: String) in
            EntryDraft(kind: .accountOpen, date: day, data: JSONObject([("code", .string(code)), ("name", .string(code)), ("type", .string(type))]))
        }
        let drafts: [(EntryDraft, Ed25519PrivateKey)] = [
            (EntryDraft(kind: .genesis, date: day, data: JSONObject([
                ("fund_name", .string("Seal")), ("currency", .string("USD")), ("keys", .array(records.map(\.jsonValue))),
            ])), admin),
            (EntryDraft(kind: .keyRegister, date: day, data: alicesKey), admin),
            (open("1100", "asset"), alice), (open("4100", "revenue"), alice),
            (EntryDraft(kind: .voucher, date: date("2026-01-10"), memo: "a", postings: [posting("1100", "25.00"), posting("4100", "-25.00")]), alice),
            (EntryDraft(kind: .voucher, date: date("2026-01-20"), memo: "b", postings: [
                posting("1100", "10.00", try! Currency(code: "EUR"), value: "11.00"), posting("4100", "-10.00", try! Currency(code: "EUR"), value: "-11.00"),
            ]), alice),
            (EntryDraft(kind: .voucher, date: date("2026-02-15"), memo: "c", postings: [posting("1100", "5.00"), posting("4100", "-5.00")]), alice),
        ]
        for (seq, (draft, key)) in drafts.enumerated() {
            let body = body(draft, seq: UInt64(seq), key: key)
            try snapshot.apply(body, effects: try rules.check(body, against: snapshot).effects)
        }
        return (snapshot, UInt64(drafts.count))
    }

    func seal(asOf: String, seq: UInt64, on day: String = "2026-03-01", extra: [(String, JSONValue)] = []) -> EntryBody {
        body(EntryDraft(kind: .balancesSeal, date: date(day), data: JSONObject([("as_of", .string(asOf))] + extra)), seq: seq, key: alice)
    }

    /// The leaves as the issue defines them, written out by hand, and their tree by hand.
    static let januaryLeaves = [
        #"{"account":"1100","amount":"10.00","currency":"EUR","value":"11.00"}"#,
        #"{"account":"1100","amount":"25.00","currency":"USD","value":"25.00"}"#,
        #"{"account":"4100","amount":"-10.00","currency":"EUR","value":"-11.00"}"#,
        #"{"account":"4100","amount":"-25.00","currency":"USD","value":"-25.00"}"#,
    ]

    @Test func theWriterFillsInTheTreeOfEveryBalanceAsOfTheDate() throws {
        let (snapshot, seq) = try ledger()
        let completed = try rules.completing(seal(asOf: "2026-01-31", seq: seq), against: snapshot)
        let leaves = Self.januaryLeaves.map { SHA256.hash(prefix: 0x00, Array($0.utf8)) }
        let root = SHA256.hash(prefix: 0x01, SHA256.hash(prefix: 0x01, leaves[0], leaves[1]), SHA256.hash(prefix: 0x01, leaves[2], leaves[3]))
        #expect(completed.data["leaves"] == .integer(4))
        #expect(completed.data["root"] == .string(root.hex))
        // It keeps its tree beside the balances: one leaf tile, a node tile per level, the index.
        let records = try rules.check(completed, against: snapshot).effects.compactMap { effect -> StateRecord? in
            if case .putRecord(let record) = effect { return record }
            return nil
        }
        #expect(records.map(\.id).sorted() == ["\(seq)", "\(seq)/0", "\(seq)/0/0", "\(seq)/1/0", "\(seq)/2/0"])
        #expect(records.first { $0.collection == SealTiles.nodesCollection && $0.id == "\(seq)/2/0" }?.fields["hashes"] == .array([.string(root.hex)]))
        #expect(records.first { $0.collection == SealTiles.leavesCollection }?.fields["leaves"]?.arrayValue?.count == 4)
        // The February voucher counts in a seal as of February, not in January's.
        let february = try rules.completing(seal(asOf: "2026-02-28", seq: seq), against: snapshot)
        #expect(february.data["root"] != completed.data["root"])
        #expect(february.data["leaves"] == .integer(4))
    }

    @Test func aSealWhoseTreeDiffersFromTheLedgerIsRefused() throws {
        let (snapshot, seq) = try ledger()
        let good = try rules.completing(seal(asOf: "2026-01-31", seq: seq), against: snapshot)
        var wrongRoot = good
        let otherLeaves = Self.januaryLeaves.map { $0.replacingOccurrences(of: "25.00", with: "26.00") }
        wrongRoot.data["root"] = .string(MerkleTree(leafHashes: otherLeaves.map { MerkleHash.leaf(Array($0.utf8)) }).root.hex)
        var wrongCount = good
        wrongCount.data["leaves"] = .integer(3)
        for body in [wrongRoot, wrongCount] {
            #expect { try rules.check(body, against: snapshot) } throws: { error in
                (error as? RuleViolation)?.code == .dataDiffers && "\(error)".contains("expected 4 leaves with root \(good.data["root"]?.stringValue ?? "")")
            }
        }
        let future = try rules.completing(seal(asOf: "2026-03-02", seq: seq), against: snapshot)
        #expect { try rules.check(future, against: snapshot) } throws: { ($0 as? RuleViolation)?.code == .wrongDate }
        var extra = good
        extra.data["note"] = .string("x")
        #expect { try rules.check(extra, against: snapshot) } throws: { $0 is RuleViolation }
        var postings = good
        postings.postings = [posting("1100", "1.00"), posting("4100", "-1.00")]
        #expect { try rules.check(postings, against: snapshot) } throws: { $0 is RuleViolation }
    }

    @Test func anEmptyLedgerSealsTheEmptyTree() throws {
        let (snapshot, seq) = try ledger()
        let completed = try rules.completing(seal(asOf: "2026-01-05", seq: seq), against: snapshot)
        #expect(completed.data["leaves"] == .integer(0))
        #expect(completed.data["root"] == .string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
    }

    @Test func leavesSortByAccountThenCurrencyInByteOrder() {
        let lines = [("1100.BEL", "EUR"), ("1100", "USD"), ("1110", "EUR"), ("1100", "EUR"), ("1100.BEL", "AUD")].map { account, currency in
            BalanceLine(
                account: try! AccountCode(account), amount: Amount(minorUnits: 1, currency: try! Currency(code: currency)),
                value: Amount(minorUnits: 1, currency: .usd))
        }
        let seal = BalanceSeal(asOf: date("2026-01-01"), lines: lines)
        #expect(seal.leaves.map { "\($0.account) \($0.currency)" } == ["1100 EUR", "1100 USD", "1100.BEL AUD", "1100.BEL EUR", "1110 EUR"])
        #expect(seal.position(of: try! AccountCode("1100.A"), currency: .usd) == 2)
        #expect(seal.position(of: try! AccountCode("2000"), currency: .usd) == 5)
    }
}
