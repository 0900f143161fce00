public import CanonicalJSON
public import LedgerCore
import LedgerCrypto
public import LedgerStore
public import LedgerJournal

/// An account and its sub-accounts (`1200` and `1200.BEL`, `1200.BEL.X`, …): what a figure
/// proven by a seal sums. In a seal's order their leaves lie among those whose account, in
/// bytes, is at least the code and below the code followed by "/" (the byte after "."), so a
/// run of adjacent leaves holds every one of them.
public struct AccountScope: Sendable, Equatable, Hashable {
    /// The account's code.
    public let account: String

    /// The scope of `account`.
    public init(_ account: String) { self.account = account }

    /// Whether `code` is the account or one of its sub-accounts.
    public func contains(_ code: String) -> Bool {
        code == account || code.utf8.starts(with: (account + ".").utf8)
    }

    /// Whether a leaf of `code` comes before every leaf of the range the scope lies in.
    func isBelow(_ code: String) -> Bool { code.utf8.lexicographicallyPrecedes(account.utf8) }

    /// Whether a leaf of `code` comes after every leaf of the range the scope lies in.
    func isAbove(_ code: String) -> Bool { !code.utf8.lexicographicallyPrecedes((account + "/").utf8) }
}

/// Every balance of an ``AccountScope`` in one seal, shown to be complete: a run of adjacent
/// leaves from the one before the scope's range (or the tree's first) to the one after it (or
/// the tree's last), each with its path to the seal's root. A leaf of the scope left out would
/// have to lie inside the run, where no index is missing.
public struct ScopeProof: Sendable {
    /// The account whose balances, its sub-accounts' included, the proof holds.
    public let scope: AccountScope
    /// The run of adjacent leaves, in the seal's order.
    public let leaves: [BalanceProof.ProvenLeaf]

    /// A proof from its parts.
    public init(scope: AccountScope, leaves: [BalanceProof.ProvenLeaf]) {
        self.scope = scope
        self.leaves = leaves
    }

    /// `{"account", "leaves"}`.
    public var json: JSONValue {
        .object(JSONObject([("account", .string(scope.account)), ("leaves", .array(leaves.map(BalanceProof.json)))]))
    }

    /// Reads `{"account", "leaves"}` at `context`; throws `.malformed` naming what is wrong.
    public init(json: JSONValue, at context: String) throws(BalanceProofError) {
        do {
            let fields = try JSONFields(json, context: context)
            try fields.allowOnly(["account", "leaves"])
            let leaves = try fields.array("leaves").enumerated().map { index, item in
                try BalanceProof.provenLeaf(item, at: "\(context).leaves[\(index)]")
            }
            self.init(scope: AccountScope(try fields.accountCode("account").rawValue), leaves: leaves)
        } catch let error as BalanceProofError {
            throw error
        } catch {
            throw BalanceProofError(.malformed, "\(error)")
        }
    }

    /// Checks the run against `seal` (every path leads to its root; the indices follow one
    /// another; the run reaches past the scope's range at both ends, or to the tree's ends) and
    /// returns the scope's leaves. Throws `.failed` naming what does not hold.
    public func check(in seal: ProvenSeal) throws(BalanceProofError) -> [BalanceLeaf] {
        let what = "the balances of \(scope.account) in seal \(seal.seq)"
        guard let first = leaves.first, let last = leaves.last else {
            guard seal.leaves == 0 else { throw BalanceProofError(.failed, "\(what): no leaf is shown, and the seal has \(seal.leaves)") }
            return []
        }
        for (offset, proven) in leaves.enumerated() {
            guard proven.index == first.index + UInt64(offset) else {
                throw BalanceProofError(.failed, "\(what): the leaves are not adjacent (\(proven.index) follows \(first.index + UInt64(offset) - 1)): a leaf between them may be left out")
            }
            try seal.checkLeaf(proven, role: "\(what), leaf")
        }
        guard first.index == 0 || scope.isBelow(first.leaf.account) else {
            throw BalanceProofError(.failed, "\(what): the run starts at \(first.leaf.account), inside the account's range: a leaf before it may be left out")
        }
        guard last.index + 1 == seal.leaves || scope.isAbove(last.leaf.account) else {
            throw BalanceProofError(.failed, "\(what): the run ends at \(last.leaf.account), inside the account's range: a leaf after it may be left out")
        }
        return leaves.map(\.leaf).filter { scope.contains($0.account) }
    }
}

/// The sealed balances of one `balances.seal` entry, read from the tree it kept in the derived
/// state: what a statement that proves its figures draws on.
public struct SealedBalances {
    let tiles: SealTileReader
    /// The seal entry's body.
    public let body: EntryBody

    /// The seal at `seq` of `snapshot`; nil when the entry is not a seal, or its tree is not
    /// in the tables (a ledger sealed before seals kept their trees).
    public init?(_ snapshot: any StoreSnapshot, seq: UInt64) throws {
        guard let entry = try snapshot.entry(at: seq), entry.body.kind == .balancesSeal,
            let tiles = try SealTileReader(snapshot, seq: seq)
        else { return nil }
        self.tiles = tiles
        body = entry.body
    }

    /// The seal's date.
    public var asOf: LedgerDate? { body.data["as_of"]?.stringValue.flatMap { try? LedgerDate(parsing: $0) } }

    /// The run of leaves that holds every balance of `scope`.
    public func proof(of scope: AccountScope) throws -> ScopeProof {
        guard tiles.count > 0 else { return ScopeProof(scope: scope, leaves: []) }
        let start = try tiles.position(of: (scope.account, "")).index
        let end = try tiles.position(of: (scope.account + "/", "")).index
        let low = max(start - 1, 0)
        let high = min(end, tiles.count - 1)
        return ScopeProof(scope: scope, leaves: try (low...high).map { try tiles.proven($0) })
    }

    /// The seal entry with its inclusion proof to the checkpoint of `size` entries.
    public func entryProof(_ snapshot: any StoreSnapshot, size: UInt64) throws -> SealEntryProof {
        guard let entry = try snapshot.entry(at: body.seq) else { throw BalanceProofError(.failed, "seal \(body.seq) is missing") }
        return SealEntryProof(
            entry: String(decoding: entry.exportLine(), as: UTF8.self), path: try snapshot.inclusionProof(seq: body.seq, size: size).path)
    }
}
