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
            try seal.checkLeaf(proven, role: "the balance's leaf")
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

    /// The seal entry, after its inclusion in `checkpoint` is checked, and that it is as of ``asOf``.
    private func checkedSeal(in checkpoint: Checkpoint) throws(BalanceProofError) -> ProvenSeal {
        let seal = try SealEntryProof(entry: sealEntry, path: sealPath).check(in: checkpoint)
        guard seal.asOf == asOf else {
            throw BalanceProofError(.failed, "the seal is as of \(seal.asOf), the proof says \(asOf)")
        }
        return seal
    }

    /// A zero balance: the leaves around its place are in the seal and adjacent (or the tree ends there).
    private func checkAbsent(before: ProvenLeaf?, after: ProvenLeaf?, seal: ProvenSeal) throws(BalanceProofError) {
        let key = (account.rawValue, currency.code)
        if let before {
            try seal.checkLeaf(before, role: "the leaf before")
            guard BalanceLeaf.precedes((before.leaf.account, before.leaf.currency), key) else {
                throw BalanceProofError(.failed, "the leaf before (\(before.leaf.account) \(before.leaf.currency)) does not come before \(account) \(currency)")
            }
        }
        if let after {
            try seal.checkLeaf(after, role: "the leaf after")
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
