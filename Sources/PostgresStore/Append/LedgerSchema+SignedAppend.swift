import LedgerCrypto
import LedgerJournal
import LedgerStore
import TransparencyLog

extension LedgerSchema {
    /// Appends entries another store signed (`vtf store copy`), as they are: nothing is signed
    /// again. One transaction under the ledger's lock: each entry is checked as the next of this
    /// journal, its bytes and its signature, and the rules re-derive every table from it
    /// (``SignedAppendChecks``, as on SQLite); each note of `checkpoints` must be signed by the
    /// log key of this journal's genesis and sign its root at its size, and is stored as it is.
    /// Anything refused leaves nothing written.
    func appendSigned(_ entries: [SignedEntry], checkpoints: [StoredNote]) throws {
        try writeTransaction {
            let state = try PostgresStoreState(self)
            let start = try tip()
            try SignedAppendChecks.checkContinues(entries, journalSize: start.size)
            try SignedAppendChecks.checkCheckpointSizes(checkpoints, after: start.size, count: entries.count)
            var tip = start
            var signers: [Ed25519PublicKey] = []
            signers.reserveCapacity(entries.count)
            for entry in entries {
                signers.append(try SignedAppendChecks.check(entry, tipSize: tip.size, tipHash: tip.hash, state: state, rules: rules) {
                    try state.apply($0, effects: $1)
                })
                tip = (tip.size + 1, entry.leafHash)
            }
            try SignedAppendChecks.checkSignatures(entries, signers: signers)
            insertJournal(entries)
            state.entriesStored()
            state.flushBalances()
            try storeSignedCheckpoints(leaves: entries.map(\.leafHash), checkpoints: checkpoints)
        }
    }

    /// Appends the leaves to the stored Merkle frontier (storing the interior nodes they
    /// complete) and stores each of `checkpoints` at its size, after checking it against the
    /// root there.
    private func storeSignedCheckpoints(leaves: [SHA256Digest], checkpoints: [StoredNote]) throws {
        var frontier = try self.frontier()
        let verifier = checkpoints.isEmpty ? nil : try logVerifier()
        var notes = checkpoints[...]
        try storeTree(appending: leaves, to: &frontier, checkpointsAt: checkpoints.map(\.size)) { _, root in
            guard let verifier else { throw StoreError(.damaged, "the journal has no genesis entry to name its log key") }
            guard let next = notes.popFirst() else { preconditionFailure("one note a size") }
            try SignedAppendChecks.checkCheckpoint(next, root: root, verifier: verifier)
            return next.note
        }
    }
}
