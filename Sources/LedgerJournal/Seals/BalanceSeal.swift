public import CanonicalJSON
public import LedgerCore
public import LedgerCrypto
public import TransparencyLog

/// One leaf of a balances seal: an account's balance in one currency as of the seal's date.
/// Its bytes are the RFC 8785 form of `{"account","amount","currency","value"}` (the same
/// decimal strings as `vtf balance --format json`); its hash is SHA-256(0x00 ‖ bytes).
public struct BalanceLeaf: Sendable, Equatable {
    /// The account's code.
    public let account: String
    /// The currency's code.
    public let currency: String
    /// Σ amount, a decimal string in the currency's minor unit (`1234.56`).
    public let amount: String
    /// Σ value in the fund currency, a decimal string in its minor unit.
    public let value: String

    /// The leaf of `line`.
    public init(_ line: BalanceLine) {
        self.init(account: line.account.rawValue, currency: line.amount.currency.code, amount: line.amount.decimalString, value: line.value.decimalString)
    }

    /// A leaf of these four strings, as a proof document gives them (unchecked: a leaf written
    /// otherwise than a seal writes it hashes differently, and its path does not lead to the root).
    public init(account: String, currency: String, amount: String, value: String) {
        self.account = account
        self.currency = currency
        self.amount = amount
        self.value = value
    }

    /// The leaf as JSON: four string members.
    public var json: JSONValue {
        .object(JSONObject([("account", .string(account)), ("amount", .string(amount)), ("currency", .string(currency)), ("value", .string(value))]))
    }

    /// The RFC 8785 bytes the leaf hash covers.
    public var bytes: [UInt8] {
        // Four strings: the canonicalizer refuses only noncharacters, which no account code,
        // currency code or decimal holds; a hand-made leaf that did would hash as nothing, and fail.
        (try? JSONCanonicalizer.canonicalBytes(json)) ?? []
    }

    /// SHA-256(0x00 ‖ ``bytes``).
    public var hash: SHA256Digest { MerkleHash.leaf(bytes) }

    /// Whether `self` comes before `other` in a seal: by account, then currency, in byte order.
    public func precedes(_ other: BalanceLeaf) -> Bool {
        Self.precedes((account, currency), (other.account, other.currency))
    }

    /// The index the leaf of `key` (account, currency) has or would have among `leaves`, which
    /// are in the seal's order: the number of them that come before it.
    public static func position(of key: (String, String), in leaves: some Collection<BalanceLeaf>) -> Int {
        leaves.firstIndex { !precedes(($0.account, $0.currency), key) }.map { leaves.distance(from: leaves.startIndex, to: $0) } ?? leaves.count
    }

    /// The seal's order on (account, currency): the account's bytes, then the currency's.
    public static func precedes(_ lhs: (String, String), _ rhs: (String, String)) -> Bool {
        if lhs.0 != rhs.0 { return lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8) }
        return lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
    }
}

/// What a `balances.seal` entry commits to: every non-zero balance of every account and
/// currency as of a date, as the leaves of an RFC 9162 Merkle tree sorted by account then
/// currency (byte order). The entry's data holds `as_of`, the number of leaves and the tree's
/// root (hex); any one balance is then proven by its leaf's inclusion proof to that root.
public struct BalanceSeal: Sendable {
    /// The last day counted: postings dated on or before it.
    public let asOf: LedgerDate
    /// The leaves, in the tree's order.
    public let leaves: [BalanceLeaf]
    /// The tree of the leaves' hashes.
    public let tree: MerkleTree

    /// The seal of `lines` (any order; zero lines are left out) as of `asOf`.
    public init(asOf: LedgerDate, lines: [BalanceLine]) {
        self.asOf = asOf
        leaves = lines.filter { $0.amount.minorUnits != 0 || $0.value.minorUnits != 0 }.map(BalanceLeaf.init).sorted { $0.precedes($1) }
        tree = MerkleTree(leafHashes: leaves.map(\.hash))
    }

    /// The seal of the ledger `state` as of `asOf`.
    public init(asOf: LedgerDate, state: some LedgerStateReading) throws {
        self.init(asOf: asOf, lines: try state.allBalanceLines(asOf: asOf))
    }

    /// The tree's root.
    public var root: SHA256Digest { tree.root }

    /// The entry's data: `as_of`, `leaves` and `root`.
    public var data: JSONObject {
        JSONObject([("as_of", .string(asOf.description)), ("leaves", .integer(Int64(leaves.count))), ("root", .string(root.hex))])
    }

    /// The index the leaf of `account` in `currency` has or would have: the number of leaves
    /// that come before it.
    public func position(of account: AccountCode, currency: Currency) -> Int {
        BalanceLeaf.position(of: (account.rawValue, currency.code), in: leaves)
    }
}

extension EntryDraft {
    /// A `balances.seal` entry dated `date` sealing the balances as of `asOf` (on or before
    /// `date`): the writer fills in its tree (``LedgerRules/drafting(_:ledger:seq:prev:time:signer:against:)``).
    public static func balancesSeal(asOf: LedgerDate, date: LedgerDate, memo: String?) -> EntryDraft {
        EntryDraft(kind: .balancesSeal, date: date, memo: memo, data: JSONObject([("as_of", .string(asOf.description))]))
    }
}

/// `balances.seal`: the rules of the core kind that seals every balance as of a date. The writer
/// fills in `leaves` and `root` from the ledger before the entry (``LedgerRules/completing(_:against:)``);
/// every verifier recomputes them the same way and refuses a difference.
enum SealRules {
    static func check(_ body: EntryBody, _ fields: JSONFields, state: some LedgerStateReading) throws -> [LedgerEffect] {
        let at = "entry \(body.seq)"
        try fields.allowOnly(["as_of", "leaves", "root"])
        let asOf = try fields.date("as_of")
        guard asOf <= body.date else {
            throw RuleViolation(.wrongDate, "\(at): a seal is as of its own date or earlier, not \(asOf) (the entry is dated \(body.date))")
        }
        let seal = try BalanceSeal(asOf: asOf, state: state)
        guard try fields.integer("leaves") == Int64(seal.leaves.count), try fields.string("root") == seal.root.hex else {
            throw RuleViolation(
                .dataDiffers,
                "\(at): the seal as of \(asOf) does not match the balances before it: expected \(seal.leaves.count) leaves with root \(seal.root.hex)")
        }
        return SealTiles.records(seal, seq: body.seq).map(LedgerEffect.putRecord)
    }

    /// `body` with the `leaves` and `root` of its `as_of`, from `state`.
    static func completing(_ body: EntryBody, state: some LedgerStateReading) throws -> EntryBody {
        let fields = try JSONFields(.object(body.data), context: "entry \(body.seq) data")
        var completed = body
        for (name, value) in try BalanceSeal(asOf: try fields.date("as_of"), state: state).data.members {
            completed.data[name] = value
        }
        return completed
    }
}
