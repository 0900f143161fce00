import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerJournal
public import TransparencyLog

/// What a balance proof showed, once checked: the balance is in the seal, the seal is in the
/// log, and the log's checkpoint is signed by its key.
public struct CheckedBalance: Sendable {
    /// The log's checkpoint the proof leads to.
    public let checkpoint: Checkpoint
    /// The seal entry's seq.
    public let sealSeq: UInt64
    /// The number of leaves of the seal.
    public let leaves: UInt64
}

extension BalanceProof {
    /// Checks everything the proof says, offline, trusting only `vkey` (the log's verifier key):
    /// the checkpoint's signature; the seal entry's inclusion in it; that the entry is a
    /// `balances.seal` of this log as of ``asOf``; and the leaf's path to the seal's root (or, for
    /// a zero balance, that its neighbours are adjacent leaves around it). Throws
    /// ``BalanceProofError`` `.failed` naming the first thing that does not hold.
    public func check(vkey: String) throws(BalanceProofError) -> CheckedBalance {
        let checkpoint = try checkedCheckpoint(vkey: vkey)
        let seal = try checkedSeal(in: checkpoint)
        switch evidence {
        case .present(let proven):
            guard proven.leaf.account == account.rawValue, proven.leaf.currency == currency.code else {
                throw BalanceProofError(.failed, "the leaf is the balance of \(proven.leaf.account) in \(proven.leaf.currency), not of \(account) in \(currency)")
            }
            try Self.checkLeaf(proven, seal: seal, role: "the balance's leaf")
        case .absent(let before, let after):
            try checkAbsent(before: before, after: after, seal: seal)
        }
        return CheckedBalance(checkpoint: checkpoint, sealSeq: seal.seq, leaves: seal.leaves)
    }

    private func checkedCheckpoint(vkey: String) throws(BalanceProofError) -> Checkpoint {
        do { return try Witness.logCheckpoint(checkpoint, verifierKey: vkey) } catch let error as WitnessError {
            throw BalanceProofError(.failed, "checkpoint: \(error.message)")
        } catch {
            throw BalanceProofError(.malformed, "the log's verifier key: \(error)")
        }
    }

    /// The seal entry's seq, leaf count and root, after its inclusion in `checkpoint` is checked.
    private func checkedSeal(in checkpoint: Checkpoint) throws(BalanceProofError) -> (seq: UInt64, leaves: UInt64, root: SHA256Digest) {
        do {
            let raw = try RawEntry(exportLine: Array(sealEntry.utf8), lineNumber: 1)
            let body = try JSONFields(try JSONParser.parse(raw.bodyBytes), context: "the seal entry")
            let seq = try body.integer("seq")
            guard seq >= 0, UInt64(seq) < checkpoint.size else {
                throw BalanceProofError(.failed, "the seal entry is seq \(seq), not in the checkpoint's \(checkpoint.size) entries")
            }
            do {
                try MerkleVerifier.verifyInclusion(
                    leafIndex: UInt64(seq), treeSize: checkpoint.size, leafHash: MerkleHash.leaf(raw.bodyBytes), proof: sealPath,
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
            guard try data.date("as_of") == asOf else {
                throw BalanceProofError(.failed, "the seal is as of \(try data.date("as_of")), the proof says \(asOf)")
            }
            let leaves = try data.integer("leaves")
            guard leaves >= 0, let root = SHA256Digest(hex: try data.string("root")) else {
                throw BalanceProofError(.failed, "the seal entry's data holds no tree (leaves, root)")
            }
            return (UInt64(seq), UInt64(leaves), root)
        } catch let error as BalanceProofError {
            throw error
        } catch {
            throw BalanceProofError(.failed, "the seal entry: \(error)")
        }
    }

    private static func checkLeaf(_ proven: ProvenLeaf, seal: (seq: UInt64, leaves: UInt64, root: SHA256Digest), role: String) throws(BalanceProofError) {
        do {
            try MerkleVerifier.verifyInclusion(leafIndex: proven.index, treeSize: seal.leaves, leafHash: proven.leaf.hash, proof: proven.path, root: seal.root)
        } catch {
            throw BalanceProofError(.failed, "\(role) (\(proven.leaf.account) \(proven.leaf.currency) at \(proven.index)) does not lead to the root of seal \(seal.seq): the leaf was changed, or is not in the seal (\(error))")
        }
    }

    /// A zero balance: the leaves around its place are in the seal and adjacent (or the tree ends there).
    private func checkAbsent(before: ProvenLeaf?, after: ProvenLeaf?, seal: (seq: UInt64, leaves: UInt64, root: SHA256Digest)) throws(BalanceProofError) {
        let key = (account.rawValue, currency.code)
        if let before {
            try Self.checkLeaf(before, seal: seal, role: "the leaf before")
            guard BalanceLeaf.precedes((before.leaf.account, before.leaf.currency), key) else {
                throw BalanceProofError(.failed, "the leaf before (\(before.leaf.account) \(before.leaf.currency)) does not come before \(account) \(currency)")
            }
        }
        if let after {
            try Self.checkLeaf(after, seal: seal, role: "the leaf after")
            guard BalanceLeaf.precedes(key, (after.leaf.account, after.leaf.currency)) else {
                throw BalanceProofError(.failed, "the leaf after (\(after.leaf.account) \(after.leaf.currency)) does not come after \(account) \(currency)")
            }
        }
        let adjacent = switch (before, after) {
        case let (before?, after?): before.index + 1 == after.index
        case (nil, let after?): after.index == 0
        case (let before?, nil): before.index + 1 == seal.leaves
        case (nil, nil): seal.leaves == 0
        }
        guard adjacent else {
            throw BalanceProofError(.failed, "the leaves around \(account) \(currency) are not adjacent in the seal: a leaf between them may be its balance")
        }
    }
}
