public import LedgerCrypto
public import LedgerJournal
public import TransparencyLog

/// The checks of an append of entries signed elsewhere (`vtf store copy`), the same for every
/// store: each store runs them inside its write transaction, with its own rule state.
public enum SignedAppendChecks {
    /// Checks that `entry` is the next of the journal whose tip is (`size`, `hash`), that its
    /// bytes are the canonical bytes of its body, and that the rules accept it against `state`;
    /// then applies its effects with `apply`. Returns the key that must have signed it.
    ///
    /// - Throws: `StoreError` (`bad-input`) for an entry out of place or with other bytes, and the
    ///   rules' `RuleViolation`.
    public static func check<State: LedgerStateReading>(
        _ entry: SignedEntry, tipSize size: UInt64, tipHash hash: SHA256Digest, state: State, rules: LedgerRules,
        apply: (EntryBody, [LedgerEffect]) throws -> Void
    ) throws -> Ed25519PublicKey {
        let seq = entry.body.seq
        guard seq == size else {
            throw StoreError(.badInput, "entry \(seq) cannot be appended here: the journal holds \(size) entries, so the next is entry \(size)")
        }
        guard entry.body.prev == hash else {
            throw StoreError(.badInput, "entry \(seq): its prev is not the leaf hash of entry \(seq == 0 ? "-" : String(seq - 1)) of this journal (the chain would break)")
        }
        let bytes = try JournalVerifier.signableBytes(of: entry.body, fundCurrency: state.settings?.currency)
        guard bytes == entry.bodyBytes else {
            throw StoreError(.badInput, "entry \(seq): its stored bytes are not the canonical bytes of its body")
        }
        let accepted = try rules.check(entry.body, against: state)
        try apply(entry.body, accepted.effects)
        return accepted.signerKey
    }

    /// Checks every entry's signature by the key the rules named for it (`signers`, one per entry),
    /// on every core for a long copy.
    ///
    /// - Throws: `StoreError` (`bad-input`) naming the first entry whose signature is not valid.
    public static func checkSignatures(_ entries: [SignedEntry], signers: [Ed25519PublicKey]) throws {
        precondition(entries.count == signers.count, "one signer per entry")
        let verdicts = ParallelSlots<Bool>(count: entries.count)
        let chunks = entries.count >= 64 ? Parallel.coreCount : 1
        Parallel.forEachChunk(count: entries.count, chunks: chunks) { _, range in
            var verifiers: [[UInt8]: Ed25519Verifier] = [:]
            for index in range {
                let key = signers[index]
                let verifier = verifiers[key.rawRepresentation] ?? (try? Ed25519Verifier(publicKey: key))
                verifiers[key.rawRepresentation] = verifier
                verdicts[index] = verifier?.isValidSignature(entries[index].signature, for: entries[index].bodyBytes) ?? false
            }
        }
        if let bad = entries.indices.first(where: { verdicts[$0] != true }) {
            let entry = entries[bad]
            throw StoreError(.badInput, "entry \(entry.body.seq): its signature is not valid by its signer's key \(entry.body.signer)")
        }
    }

    /// Checks that `entries` start where the journal ends (the first one's seq is `size`): a
    /// journal that grew since its writer looked (another writer) is named as such.
    ///
    /// - Throws: `StoreError` (`bad-input`) with both sizes.
    public static func checkContinues(_ entries: [SignedEntry], journalSize size: UInt64) throws {
        guard let first = entries.first, first.body.seq != size else { return }
        throw StoreError(.badInput, "the entries given start at seq \(first.body.seq), but the next is entry \(size) (the journal holds \(size) entries): another writer has appended meanwhile, or the entries are not the next ones")
    }

    /// Checks that the sizes of `checkpoints` ascend and each falls on one of the `count` entries
    /// appended after the journal's `size`.
    ///
    /// - Throws: `StoreError` (`bad-input`) naming the checkpoint out of place.
    public static func checkCheckpointSizes(_ checkpoints: [StoredNote], after size: UInt64, count: Int) throws {
        var previous = size
        for checkpoint in checkpoints {
            guard checkpoint.size > previous, checkpoint.size <= size + UInt64(count) else {
                throw StoreError(.badInput, "the checkpoint of size \(checkpoint.size) does not fall on one of the entries appended (sizes \(size + 1)…\(size + UInt64(count)), ascending)")
            }
            previous = checkpoint.size
        }
    }

    /// Checks that `note` is signed by the log key `verifier` checks and signs `root`, the
    /// journal's root at the note's size.
    ///
    /// - Throws: `RuleViolation` (`checkpoint`) for a note not signed so or signing another root.
    public static func checkCheckpoint(_ note: StoredNote, root: SHA256Digest, verifier: NoteVerifier) throws {
        let checkpoint = try SignedCheckpoints.check(StoredCheckpoint(filedSize: note.size, note: note.note), with: verifier).get()
        guard checkpoint.rootHash == root else {
            throw RuleViolation(.checkpoint, "the checkpoint of size \(note.size) signs a different root than the entries appended")
        }
    }
}
