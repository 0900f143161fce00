import LedgerJournal
import LedgerStore
import TransparencyLog

/// A ledger copied from one store to another (`vtf store copy`), through the store seam only:
/// the source is a `LedgerReading`, the destination an empty `LedgerWriting`. The journal goes
/// over entry by entry as signed (``LedgerWriting/appendSigned(_:checkpoints:)``: nothing is
/// signed again, the destination's rules re-derive every table), with every stored checkpoint
/// at its own size and every cosignature; then both are verified and their roots compared.
struct StoreCopy {
    /// What a copy did, for its summary line.
    struct Outcome: Equatable {
        /// Entries copied (the source's journal when it was verified).
        let entryCount: UInt64
        /// Checkpoints stored in the destination.
        let checkpointCount: Int
        /// Cosignatures stored in the destination.
        let cosignatureCount: Int
        /// The Merkle root both journals have (hex).
        let rootHex: String
    }

    /// Entries per write of the destination (one transaction each).
    static let batchSize: UInt64 = 1000
    /// Checkpoints read from the source per call.
    static let checkpointPage = 4096

    let source: any LedgerReading
    let destination: any LedgerWriting
    let threads: Int
    /// Called with a line to show as progress (a terminal's progress line).
    let progress: @Sendable (String) -> Void

    /// Verifies the source, copies it, verifies the copy. Throws `VerificationFailure` when the
    /// source does not verify (nothing is copied), `CheckFailure` when its derived tables differ
    /// or the copy does not verify with the same root (exit 1), `InputError` for a destination
    /// that is not empty.
    func run() async throws -> Outcome {
        guard try await destination.entryCount() == 0 else {
            throw InputError("the destination ledger is not empty; vtf store copy writes into a new, empty ledger only (nothing was changed)")
        }
        let verified = try await source.verify(threads: threads, progress: { progress("verifying the source: \($0) entries") })
        guard verified.differences.isEmpty else {
            throw CheckFailure("the source ledger's derived tables differ from its journal (\(verified.differences.first ?? "")); run vtf verify on it and restore a good copy before copying it (nothing was copied)")
        }
        let size = verified.entryCount
        var copied: UInt64 = 0
        var checkpoints = 0
        var cosigned: [(size: UInt64, lines: [String])] = []
        var pending: [UInt64] = []
        var fetchedThrough: UInt64 = 0
        var exhausted = false
        while copied < size {
            let end = min(copied + Self.batchSize, size)
            while !exhausted, fetchedThrough < end {
                let page = try await source.storedNotes(after: fetchedThrough, limit: Self.checkpointPage).map(\.size)
                guard let last = page.last else {
                    exhausted = true
                    break
                }
                precondition(last > fetchedThrough, "checkpoints come in ascending size")
                pending += page.filter { $0 <= size }
                fetchedThrough = last
            }
            let sizes = Array(pending.prefix { $0 <= end })
            pending.removeFirst(sizes.count)
            let batch = try await read(copied..<end, checkpoints: sizes)
            do { try await destination.appendSigned(batch.entries, checkpoints: batch.notes) } catch where copied == 0 {
                // Nothing of this copy is there: if the destination holds entries now, another
                // writer filled it after it was found empty, and it is theirs to keep.
                if (try? await destination.entryCount()) ?? 0 > 0 {
                    throw DestinationRefused(reason: InputError("another writer filled the destination after this copy found it empty; vtf store copy writes into a new, empty ledger only (nothing was copied)"))
                }
                throw error
            }
            checkpoints += batch.notes.count
            cosigned += batch.cosignatures
            copied = end
            progress("copied \(copied) of \(size) entries")
        }
        let cosignatureCount = try await copyCosignatures(cosigned)
        try await copyLocalSettings()
        let copy = try await destination.verify(threads: threads, progress: { progress("verifying the copy: \($0) entries") })
        guard copy.differences.isEmpty, copy.entryCount == size, copy.root == verified.root else {
            throw CheckFailure("the copy does not match its source: \(copy.entryCount) entries with root \(copy.root.hex), the source \(size) entries with root \(verified.root.hex)\(copy.differences.first.map { "; \($0)" } ?? "")")
        }
        return Outcome(entryCount: size, checkpointCount: checkpoints, cosignatureCount: cosignatureCount, rootHex: copy.root.hex)
    }

    /// Entries `range` of the source as signed, and its checkpoints of `sizes` split into the
    /// log's note and the cosignature lines, from one snapshot.
    private func read(
        _ range: Range<UInt64>, checkpoints sizes: [UInt64]
    ) async throws -> (entries: [SignedEntry], notes: [StoredNote], cosignatures: [(size: UInt64, lines: [String])]) {
        let batch = try await source.read { snapshot in
            let entries = try range.map { seq throws -> SignedEntry in
                guard let entry = try snapshot.entry(at: seq) else {
                    throw StoreError(.damaged, "the source has no entry \(seq) although it verified with more; copy again")
                }
                return entry
            }
            let parts = try sizes.map { size throws -> CheckpointParts in
                guard let parts = try snapshot.checkpointParts(size: size) else {
                    throw StoreError(.damaged, "the source's checkpoint of size \(size) vanished during the copy; copy again")
                }
                return CheckpointParts(size: size, note: parts.note, cosignatureLines: parts.cosignatureLines)
            }
            return CopyBatch(entries: entries, checkpoints: parts)
        }
        return (
            batch.entries, batch.checkpoints.map { StoredNote(size: $0.size, note: $0.note) },
            batch.checkpoints.filter { !$0.cosignatureLines.isEmpty }.map { ($0.size, $0.cosignatureLines) }
        )
    }

    /// Stores the source's cosignatures on the destination's checkpoints (the destination's
    /// verify checks each against the auditor keys of the journal).
    private func copyCosignatures(_ cosigned: [(size: UInt64, lines: [String])]) async throws -> Int {
        var count = 0
        for (size, lines) in cosigned {
            for line in lines {
                let signature: NoteSignature
                do { signature = try NoteSignature(line: line) } catch {
                    throw CheckFailure("the source's cosignature on the checkpoint of size \(size) is not a note signature line (\(error)); run vtf verify on the source")
                }
                try await destination.addCosignature(size: size, signature: signature)
                count += 1
            }
        }
        return count
    }

    /// The settings of this copy that belong with the ledger wherever it is kept: where its log
    /// key is (so commands that write find it, as in the source).
    private func copyLocalSettings() async throws {
        if let path = try await source.localSetting(LocalSettings.logKeyPath) {
            try await destination.setLocalSetting(LocalSettings.logKeyPath, path)
        }
    }
}

/// A source checkpoint read for a copy.
private struct CheckpointParts: Sendable {
    let size: UInt64
    let note: String
    let cosignatureLines: [String]
}

/// Entries and checkpoints read from one snapshot of the source.
private struct CopyBatch: Sendable {
    let entries: [SignedEntry]
    let checkpoints: [CheckpointParts]
}
