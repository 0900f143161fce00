public import LedgerCrypto
public import LedgerStore
public import TransparencyLog
import LedgerJournal

/// An auditor as a witness of the log: before cosigning a checkpoint it checks that the log key
/// it trusts signed it and that it extends the checkpoint it cosigned before (a Merkle
/// consistency proof), so a rewritten history or a split view is never vouched for.
public enum Witness {
    /// What one cosignature did, for the witness to read.
    public struct Cosigned: Sendable {
        /// The checkpoint's note with every signature line, the new cosignature among them.
        public let note: String
        /// The size of the checkpoint cosigned.
        public let size: UInt64
        /// The log key trusted on first use, when this was the witness's first cosignature (the
        /// witness compares it with one it got from the fund through another channel).
        public let trustedOnFirstUse: String?
        /// The witness's own verifier key (`name+keyid+base64`), which checks its cosignatures.
        public let witnessVerifierKey: String
    }

    /// Cosigns the latest checkpoint of `store` as the witness `name` with the auditor `key`
    /// (`keyLabel` names it in messages, e.g. its file), after the checks: the key is a
    /// registered, unrevoked auditor key; the checkpoint is signed by the log key the state
    /// trusts (the first time, the ledger's own); it extends the checkpoint cosigned before.
    /// Then the state at `statePath` remembers this checkpoint. On any refusal nothing is
    /// cosigned and the state file is unchanged. Cosigning a checkpoint already cosigned by this
    /// witness adds nothing.
    public static func cosign(
        _ store: any LedgerWriting, key: Ed25519PrivateKey, keyLabel: String, name: String, statePath: String, timestamp: UInt64
    ) async throws -> Cosigned {
        try await requireRegisteredAuditor(key.publicKey, keyLabel: keyLabel, store: store)
        let lock = try WitnessStateLock(statePath: statePath)
        defer { withExtendedLifetime(lock) {} }
        let previous = try WitnessState.load(statePath)
        guard let stored = try await store.latestNote() else { throw WitnessError(.noCheckpoint, "the ledger has no checkpoint yet") }
        let logKey: String
        if let previous { logKey = previous.logVerifierKey } else { logKey = try await store.logVerifierKey() }
        let checkpoint = try logCheckpoint(stored.note, verifierKey: logKey)
        if let previous {
            try await checkConsistent(checkpoint, after: previous, store: store)
        }
        let signature = try Cosignature.sign(checkpointText: checkpoint.noteText, name: name, key: key, timestamp: timestamp)
        do { try await store.addCosignature(size: checkpoint.size, signature: signature) } catch is RuleViolation where previous?.size == checkpoint.size {
            // Already cosigned by this witness: nothing to add.
        }
        try WitnessState(
            origin: checkpoint.origin, logVerifierKey: logKey, size: checkpoint.size,
            rootBase64: Base64.encode(checkpoint.rootHash.bytes)
        ).save(statePath)
        guard let cosigned = try await store.storedNote(size: checkpoint.size) else { preconditionFailure("just cosigned") }
        return Cosigned(
            note: cosigned.note, size: checkpoint.size, trustedOnFirstUse: previous == nil ? logKey : nil,
            witnessVerifierKey: Cosignature.verifierKey(name: name, publicKey: key.publicKey))
    }

    /// Refuses a key the ledger has not registered with role auditor, or has revoked: nobody
    /// could tell its cosignature from a forged one.
    public static func requireRegisteredAuditor(_ publicKey: Ed25519PublicKey, keyLabel: String, store: any LedgerReading) async throws {
        let registered = try await store.keys().first { $0.record.publicKey == publicKey }
        guard let registered, registered.record.roles.contains(.auditor) else {
            throw WitnessError(.notAnAuditor, "\(keyLabel) is not registered in this ledger as an auditor key, so its cosignature would prove nothing; the admin registers it first (vtf key register --role auditor --public-key \(keyLabel).pub --holder NAME)")
        }
        if let revoked = registered.revokedSeq {
            throw WitnessError(.auditorKeyRevoked, "\(keyLabel) is \(registered.record.holder)'s auditor key, revoked by entry \(revoked); cosign with a key that is registered and not revoked")
        }
    }

    /// Parses `note` and checks the log's signature by `verifierKey`; returns the checkpoint.
    /// A malformed verifier key throws its `NoteError`.
    public static func logCheckpoint(_ note: String, verifierKey: String) throws -> Checkpoint {
        let verifier = try NoteVerifier(verifierKey: verifierKey)
        do throws(LogCheckpoint.Problem) { return try LogCheckpoint(note: note, verifier: verifier).checkpoint } catch {
            switch error {
            case .otherOrigin(let found, let expected):
                throw WitnessError(.otherOrigin, "the checkpoint is for \(found), not \(expected)")
            case .notSigned(let reason):
                throw WitnessError(.notSigned, "the checkpoint is not signed by the log key \(verifierKey): \(reason)")
            }
        }
    }

    /// Refuses a checkpoint that does not extend `previous`, the one cosigned before: another
    /// origin, fewer entries, another root at the same size, or a failed consistency proof
    /// (read from `store`).
    public static func checkConsistent(_ checkpoint: Checkpoint, after previous: WitnessState, store: any LedgerReading) async throws {
        guard checkpoint.origin == previous.origin else {
            throw WitnessError(.otherOrigin, "this ledger is \(checkpoint.origin), but you last cosigned \(previous.origin)")
        }
        guard checkpoint.size >= previous.size else {
            throw WitnessError(.rolledBack, "the ledger's latest checkpoint has \(checkpoint.size) entries, fewer than the \(previous.size) you already cosigned: history was truncated or rolled back")
        }
        guard let oldRoot = Base64.decode(previous.rootBase64) else {
            throw WitnessError(.malformedState, "the witness state holds a malformed root")
        }
        if checkpoint.size == previous.size {
            guard checkpoint.rootHash.bytes == oldRoot else {
                throw WitnessError(.splitView, "split view: the checkpoint of size \(checkpoint.size) has a different root than the one you cosigned")
            }
            return
        }
        let proof = try await store.consistencyProof(oldSize: previous.size, newSize: checkpoint.size)
        do {
            try MerkleVerifier.verifyConsistency(
                oldSize: previous.size, newSize: checkpoint.size, oldRoot: oldRoot, newRoot: checkpoint.rootHash.bytes,
                proof: proof.map(\.bytes))
        } catch {
            throw WitnessError(.notConsistent, "the checkpoint of size \(checkpoint.size) is not consistent with the one of size \(previous.size) you cosigned: history was rewritten (\(error))")
        }
    }
}
