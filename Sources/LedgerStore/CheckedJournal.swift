import TransparencyLog
public import LedgerCrypto
public import LedgerJournal

/// The ledger read the way anything vtf signs must read it: every journal entry replayed, its
/// leaf hash recomputed and the Merkle root compared with the signed checkpoints (the latest one
/// covering every entry), the rules replayed, and every derived table the queries read
/// (postings, balances, fund records, keys, accounts, reversals, Merkle nodes) compared with the
/// replay. Entry signatures are not re-checked, nor the signatures of earlier checkpoints: the
/// log key's signature of the latest checkpoint's root already binds every entry's bytes. An
/// earlier checkpoint a statement leads to is checked when it is chosen
/// (``isSigned(_:ledger:)``).
///
/// A statement, or any other signed output, is built only after a ``CheckedJournal`` was made
/// in the same run; editing a table without the keys then stops it instead of being signed. The
/// checking is the store's replay (``StoreSnapshot/replayForSigning(threads:)``) judged here, so
/// every store is judged alike.
public struct CheckedJournal: Sendable {
    /// How many entries were read and checked.
    public let entryCount: UInt64
    /// The Merkle root over every entry, equal to the latest signed checkpoint's.
    public let root: SHA256Digest
    /// The keys the journal registered (from the replay, not from the keys table).
    public let keys: [KeyState]
    /// The log's name (the checkpoints' origin).
    public let origin: String
    /// The log's verifier key, from the genesis entry.
    public let logVerifierKey: String

    /// Reads and checks `ledger`.
    /// - Throws: `StoreError` of kind `.damaged` (exit status 3) when the journal does not
    ///   verify against its signed checkpoints, or a derived table differs from the journal.
    /// `outcome` names what a failed check stopped, for its message (e.g. "exported").
    public static func check(_ ledger: any StoreSnapshot, threads: Int = Parallel.coreCount, outcome: String = "signed") throws -> CheckedJournal {
        let verification: StoreVerification
        let keys: [KeyState]
        do {
            (verification, keys) = try ledger.replayForSigning(threads: threads)
        } catch let failure as VerificationFailure {
            // The postings or Merkle tables differ (no rule involved); a journal row whose own
            // columns differ from its bytes (rule code damaged-state) means the journal was edited.
            let tablesOnly = failure.code == .derivedTables && failure.ruleCode == nil
            throw StoreError(.damaged, tablesOnly
                ? "derived tables do not match the journal at entry \(failure.seq): \(failure.reason); nothing was \(outcome) (vtf reconcile ledger lists every difference)"
                : "the journal does not match its signed checkpoints at entry \(failure.seq): \(failure.reason); nothing was \(outcome) (run vtf verify)")
        }
        if let first = verification.differences.first {
            throw StoreError(.damaged,
                "derived tables do not match the journal at \(first)\(verification.differences.count > 1 ? " (and \(verification.differences.count - 1) more)" : ""); nothing was \(outcome) (vtf reconcile ledger lists every difference)")
        }
        guard let origin = try ledger.settings()?.origin else { throw StoreError(.noGenesis, "the ledger has no genesis entry") }
        return CheckedJournal(
            entryCount: verification.entryCount, root: verification.root, keys: keys, origin: origin,
            logVerifierKey: try ledger.logVerifierKey())
    }

    /// Whether `note` is signed by the log key and signs the root of the checked tree at its size
    /// (computed from Merkle nodes this read compared with the journal).
    public func isSigned(_ note: StoredNote, ledger: any StoreSnapshot) throws -> Bool {
        guard note.size <= entryCount, let verifier = try? NoteVerifier(verifierKey: logVerifierKey),
            let checked = try? LogCheckpoint(note: note.note, verifier: verifier), checked.checkpoint.size == note.size
        else { return false }
        return checked.checkpoint.rootHash == (try ledger.root(size: note.size))
    }

    /// The audits on a stored checkpoint note: its cosignatures that verify with an auditor key
    /// the journal registered (not revoked before the checkpoint). Other lines are left out.
    public func audits(of note: StoredNote) -> [AuditorCosignature] {
        guard let signed = try? SignedNote.parse(note.note) else { return [] }
        return Cosignature.audits(of: signed, size: note.size, logName: origin, keys: keys)
    }

    /// The smallest checkpoint of at least `size` entries (and at most the checked ones) that
    /// is signed by the log key over the checked tree and carries an audit, with its audits; nil
    /// when none does. Cosignatures that are not audits (forged, or by a key that is not a
    /// registered auditor) are passed over.
    public func auditedCheckpoint(_ ledger: any StoreSnapshot, atLeast size: UInt64) throws -> (note: StoredNote, audits: [AuditorCosignature])? {
        var from = size
        while from <= entryCount {
            let sizes = try ledger.cosignedSizes(from: from, through: entryCount, limit: 256)
            guard let last = sizes.last else { return nil }
            for found in sizes {
                guard let (note, audits) = try note(ledger, size: found), !audits.isEmpty,
                    try isSigned(note, ledger: ledger)
                else { continue }
                return (note, audits)
            }
            from = last + 1
        }
        return nil
    }

    /// The stored checkpoint of `size` with only those of its stored cosignature lines that are
    /// audits (a line that is not, or a row of the wrong type in a hostile store, is left out
    /// rather than passed on to a donor or trapped on), and those audits.
    public func note(_ ledger: any StoreSnapshot, size: UInt64) throws -> (note: StoredNote, audits: [AuditorCosignature])? {
        guard let stored = try ledger.checkpointParts(size: size) else { return nil }
        let audits = self.audits(of: StoredNote(size: size, note: stored.note + stored.cosignatureLines.map { $0 + "\n" }.joined()))
        let witnesses = Set(audits.map(\.witness))
        let kept = stored.cosignatureLines.filter(witnesses.contains).map { $0 + "\n" }.joined()
        return (StoredNote(size: size, note: stored.note + kept), audits)
    }
}
