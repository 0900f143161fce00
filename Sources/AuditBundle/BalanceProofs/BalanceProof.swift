public import CanonicalJSON
public import LedgerCore
public import LedgerCrypto
public import LedgerJournal
import TransparencyLog

/// A proof of one account's balance in one currency as of a date, checkable offline with the
/// log's verifier key alone (`vtf prove balance`, `vtf proof check`): the balance's leaf and
/// its path to the root of a `balances.seal` entry's tree, the seal entry's journal line and
/// its inclusion proof, and the signed checkpoint they lead to. A zero balance has no leaf; it
/// is proven by the two leaves around where it would be (or the one at an end of the tree).
/// Format `vtf-balance-proof/1`, Schemas/json/balance-proof.schema.json, Audit/BALANCE-PROOFS.md.
public struct BalanceProof: Sendable {
    /// The document's format name.
    public static let format = "vtf-balance-proof/1"

    /// A leaf of the seal's tree with its index and audit path.
    public struct ProvenLeaf: Sendable {
        /// The leaf's index in the seal's tree.
        public let index: UInt64
        /// The leaf.
        public let leaf: BalanceLeaf
        /// Its audit path to the seal's root, leaf end first.
        public let path: [SHA256Digest]

        /// A leaf at `index` with its `path`.
        public init(index: UInt64, leaf: BalanceLeaf, path: [SHA256Digest]) {
            self.index = index
            self.leaf = leaf
            self.path = path
        }
    }

    /// What proves the balance: its leaf, or the leaves around the place a zero balance's leaf
    /// would hold (nil at an end of the tree).
    public enum Evidence: Sendable {
        /// The balance is this leaf.
        case present(ProvenLeaf)
        /// The balance is zero: no leaf lies between these two, which are adjacent.
        case absent(before: ProvenLeaf?, after: ProvenLeaf?)
    }

    /// The account proven.
    public let account: AccountCode
    /// The currency proven.
    public let currency: Currency
    /// The seal's date: postings dated on or before it count.
    public let asOf: LedgerDate
    /// The leaf, or the neighbours of a zero balance.
    public let evidence: Evidence
    /// The seal entry's journal line (with its `sig`), as `vtf journal export` writes it.
    public let sealEntry: String
    /// The seal entry's inclusion proof in the checkpoint's tree, leaf end first.
    public let sealPath: [SHA256Digest]
    /// The signed checkpoint (a C2SP note, with any cosignatures).
    public let checkpoint: String

    /// A proof from its parts.
    public init(
        account: AccountCode, currency: Currency, asOf: LedgerDate, evidence: Evidence, sealEntry: String, sealPath: [SHA256Digest],
        checkpoint: String
    ) {
        self.account = account
        self.currency = currency
        self.asOf = asOf
        self.evidence = evidence
        self.sealEntry = sealEntry
        self.sealPath = sealPath
        self.checkpoint = checkpoint
    }

    /// The proof as JSON (RFC 8785 when canonicalized).
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("format", .string(Self.format)), ("account", .string(account.rawValue)), ("currency", .string(currency.code)),
            ("as_of", .string(asOf.description)),
        ]
        switch evidence {
        case .present(let leaf):
            members.append(("balance", Self.json(leaf)))
        case .absent(let before, let after):
            members.append(("zero", .object(JSONObject([("before", before.map(Self.json) ?? .null), ("after", after.map(Self.json) ?? .null)]))))
        }
        members += [
            ("seal", SealEntryProof(entry: sealEntry, path: sealPath).json),
            ("checkpoint", .string(checkpoint)),
        ]
        return .object(JSONObject(members))
    }

    static func json(_ proven: ProvenLeaf) -> JSONValue {
        .object(JSONObject([
            ("index", .integer(Int64(clamping: proven.index))), ("leaf", proven.leaf.json),
            ("path", .array(proven.path.map { .string($0.hex) })),
        ]))
    }

    /// The balance proven, as decimal strings: its amount and its value in the fund currency;
    /// nil for a zero balance (no leaf).
    public var balance: (amount: String, value: String)? {
        switch evidence {
        case .present(let proven): (proven.leaf.amount, proven.leaf.value)
        case .absent: nil
        }
    }
}
