public import CanonicalJSON
public import LedgerCore
public import LedgerCrypto
import LedgerJournal
public import TransparencyLog

/// A `balances.seal` entry and the proof that it is in the log: its journal line (with its
/// `sig`) and its inclusion path to a checkpoint. A balance proof carries one; a statement that
/// proves its figures carries one per seal its figures use.
public struct SealEntryProof: Sendable {
    /// The seal entry's journal line, as `vtf journal export` writes it.
    public let entry: String
    /// Its inclusion proof in the checkpoint's tree, leaf end first.
    public let path: [SHA256Digest]

    /// A seal entry's line and path.
    public init(entry: String, path: [SHA256Digest]) {
        self.entry = entry
        self.path = path
    }

    /// `{"entry", "path"}`.
    public var json: JSONValue {
        .object(JSONObject([("entry", .string(entry)), ("path", .array(path.map { .string($0.hex) }))]))
    }

    /// Reads `{"entry", "path"}` at `context`; throws `.malformed` naming what is wrong.
    public init(json: JSONValue, at context: String) throws(BalanceProofError) {
        do {
            let fields = try JSONFields(json, context: context)
            try fields.allowOnly(["entry", "path"])
            self.init(entry: try fields.string("entry"), path: try BalanceProof.path(fields.array("path"), at: "\(context).path"))
        } catch let error as BalanceProofError {
            throw error
        } catch {
            throw BalanceProofError(.malformed, "\(error)")
        }
    }

    /// Checks that the entry is in `checkpoint`'s tree, and is a `balances.seal` of the
    /// checkpoint's log; returns what it seals. Throws `.failed` naming what does not hold.
    public func check(in checkpoint: Checkpoint) throws(BalanceProofError) -> ProvenSeal {
        do {
            let raw = try RawEntry(exportLine: Array(entry.utf8), lineNumber: 1)
            let body = try JSONFields(try JSONParser.parse(raw.bodyBytes), context: "the seal entry")
            let seq = try body.integer("seq")
            guard seq >= 0, UInt64(seq) < checkpoint.size else {
                throw BalanceProofError(.failed, "the seal entry is seq \(seq), not in the checkpoint's \(checkpoint.size) entries")
            }
            do {
                try MerkleVerifier.verifyInclusion(
                    leafIndex: UInt64(seq), treeSize: checkpoint.size, leafHash: MerkleHash.leaf(raw.bodyBytes), proof: path,
                    root: checkpoint.rootHash)
            } catch {
                throw BalanceProofError(.failed, "the seal entry's inclusion proof does not lead to the checkpoint's root: the entry is not the log's (\(error))")
            }
            guard try body.string("kind") == EntryKind.balancesSeal.rawValue else {
                throw BalanceProofError(.failed, "entry \(seq) is a \(try body.string("kind")), not a balances.seal")
            }
            guard try body.string("ledger") == checkpoint.origin else {
                throw BalanceProofError(.failed, "the seal entry is of \(try body.string("ledger")), not of \(checkpoint.origin)")
            }
            let data = try JSONFields(.object(try body.objectValue("data")), context: "the seal entry's data")
            let leaves = try data.integer("leaves")
            guard leaves >= 0, let root = SHA256Digest(hex: try data.string("root")) else {
                throw BalanceProofError(.failed, "the seal entry's data holds no tree (leaves, root)")
            }
            return ProvenSeal(seq: UInt64(seq), asOf: try data.date("as_of"), leaves: UInt64(leaves), root: root)
        } catch let error as BalanceProofError {
            throw error
        } catch {
            throw BalanceProofError(.failed, "the seal entry: \(error)")
        }
    }
}

/// A seal entry found in the log: its seq, its date and its tree's size and root.
public struct ProvenSeal: Sendable, Equatable {
    /// The seal entry's seq.
    public let seq: UInt64
    /// The seal's date: postings dated on or before it count.
    public let asOf: LedgerDate
    /// The number of leaves of its tree.
    public let leaves: UInt64
    /// Its tree's root.
    public let root: SHA256Digest

    /// Checks that `proven` leads to this seal's root; `role` names the leaf in the error.
    func checkLeaf(_ proven: BalanceProof.ProvenLeaf, role: String) throws(BalanceProofError) {
        do {
            try MerkleVerifier.verifyInclusion(leafIndex: proven.index, treeSize: leaves, leafHash: proven.leaf.hash, proof: proven.path, root: root)
        } catch {
            throw BalanceProofError(.failed, "\(role) (\(proven.leaf.account) \(proven.leaf.currency) at \(proven.index)) does not lead to the root of seal \(seq): the leaf was changed, or is not in the seal (\(error))")
        }
    }
}
