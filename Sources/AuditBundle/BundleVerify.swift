import Foundation
import LedgerCore
public import LedgerCrypto
public import LedgerJournal
import LedgerStore
import SafeIO
public import TrustFundRules
import TransparencyLog

/// The outcome of a clean bundle verification.
public struct BundleVerification: Sendable {
    /// The number of journal entries verified.
    public let entryCount: UInt64
    /// The number of checkpoint notes checked against the log's verifier key.
    public let checkpointCount: Int
    /// The Merkle root of the whole verified journal.
    public let root: SHA256Digest
    /// The number of key PEM files checked against the keys the journal registered.
    public let keyCount: Int
}

/// Verifies an audit bundle offline, trusting only the log's verifier key.
public enum BundleVerify {
    /// Checks the manifest, then streams the journal through `JournalVerifier` with the
    /// bundle's checkpoints, then the keys. Memory stays flat (one batch of entries, a sparse
    /// index of line offsets) but for the refs, which `refs` keeps.
    /// - Parameters:
    ///   - directory: the bundle's folder (as `vtf audit export` wrote it).
    ///   - vkey: the log's verifier key, from a source the auditor trusts (not from the bundle).
    ///   - rules: the rules every entry is checked against; the UN trust fund's by default (the
    ///     audit verifier registers the same rule set as the writer).
    ///   - threads: cores to use for signatures and parsing.
    ///   - refs: where the refs seen so far are kept (a ref is used once per kind). In memory by
    ///     default; `vtf audit verify` passes a store's temporary-file index (SQLiteStore's
    ///     `TemporaryRefIndex`), so a journal of any length needs no memory per entry.
    ///   - progress: called with the number of entries checked so far.
    /// - Throws: ``BundleFailure`` or `VerificationFailure` naming the first problem.
    public static func verify(
        _ directory: String, vkey: String, rules: LedgerRules = .unvtf, threads: Int = Parallel.coreCount,
        refs: any RefIndex = InMemoryRefIndex(), progress: ((UInt64) -> Void)? = nil
    ) throws -> BundleVerification {
        let root = URL(fileURLWithPath: directory)
        let verifier: NoteVerifier
        do { verifier = try NoteVerifier(verifierKey: vkey) } catch {
            throw StoreError(.badInput, "--vkey: \(error)")
        }
        try checkManifest(root)
        let bundledKey = try BundleInput.text(root, BundleLayout.logVerifierKey, kind: .bundleVerifierKey)
        guard bundledKey.trimmingCharacters(in: .whitespacesAndNewlines) == vkey else {
            throw BundleFailure(BundleLayout.logVerifierKey, "is not the verifier key you gave: this bundle is of another log, or its log key was replaced")
        }
        let checkpointFiles = try listCheckpoints(root)
        let cosignatures = BundleCosignatures()
        let checkpoints = try SignedCheckpoints(logVerifier: verifier) { after in
            let start = after.map { size in checkpointFiles.firstIndex { $0.size > size } ?? checkpointFiles.count } ?? 0
            return try checkpointFiles[start..<min(start + 4096, checkpointFiles.count)].map { file in
                let note = try BundleInput.text(root, BundleLayout.checkpointPath(size: file.size), kind: .bundleCheckpoint)
                cosignatures.collect(size: file.size, note: note)
                return StoredCheckpoint(filedSize: file.size, note: note)
            }
        }
        let reader = try BundleJournalReader(path: root.appendingPathComponent(BundleLayout.journal).path)
        let report = try JournalVerifier(rules: rules, threads: threads).verify(reader, checkpoints: checkpoints, refs: refs, progress: progress)
        if let size = checkpoints.nextSize {
            throw BundleFailure(BundleLayout.checkpointPath(size: size), "signs \(size) entries but the journal has only \(report.entryCount)")
        }
        let covered = checkpoints.lastChecked?.size ?? 0
        guard covered == report.entryCount else {
            throw BundleFailure(BundleLayout.journal, "entries \(covered)…\(report.entryCount - 1) are not covered by any signed checkpoint")
        }
        try checkLogKey(report.snapshot, verifier: verifier)
        try cosignatures.check(keys: Array(report.snapshot.keys.values), logName: verifier.name)
        let keyCount = try checkKeys(root, snapshot: report.snapshot)
        return BundleVerification(entryCount: report.entryCount, checkpointCount: checkpoints.checkedCount, root: report.root, keyCount: keyCount)
    }

    /// Every file listed with the right SHA-256, and no file left unlisted.
    static func checkManifest(_ root: URL) throws {
        let entries = try BundleInput.manifest(root)
        let listed = Set(entries.map(\.path))
        for file in try BundleFiles.list(root.path) where file != BundleLayout.manifest && !listed.contains(file) {
            throw BundleFailure(file, "is not listed in MANIFEST")
        }
        for entry in entries {
            let path = root.appendingPathComponent(entry.path).path
            guard !entry.path.contains(".."), FileManager.default.fileExists(atPath: path) else {
                throw BundleFailure(entry.path, "is listed in MANIFEST but missing")
            }
            guard try BundleFiles.sha256(path) == entry.digest else {
                throw BundleFailure(entry.path, "does not match its SHA-256 in MANIFEST (the file was changed)")
            }
        }
    }

    /// The checkpoint files, by size; any other file in checkpoints/ is refused.
    static func listCheckpoints(_ root: URL) throws -> [(name: String, size: UInt64)] {
        let folder = root.appendingPathComponent(BundleLayout.checkpoints).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return try names.map { name in
            guard let size = BundleLayout.checkpointSize(fileName: name), size > 0 else {
                throw BundleFailure("\(BundleLayout.checkpoints)/\(name)", "is not a checkpoint file name (<20-digit size>.note)")
            }
            return (name, size)
        }.sorted { $0.size < $1.size }
    }

    /// The genesis entry's log key must be the one the auditor trusts.
    static func checkLogKey(_ snapshot: LedgerSnapshot, verifier: NoteVerifier) throws {
        let logKeys = snapshot.keys.values.filter { $0.record.roles.contains(.log) }
        guard snapshot.settings?.origin == verifier.name, logKeys.count == 1,
            logKeys[0].record.publicKey == verifier.publicKey
        else {
            throw BundleFailure(BundleLayout.journal, "entry 0 names another log key or origin than the verifier key you gave")
        }
    }

    /// keys/ holds exactly the keys the journal registered, each under its own id.
    static func checkKeys(_ root: URL, snapshot: LedgerSnapshot) throws -> Int {
        let folder = root.appendingPathComponent(BundleLayout.keys).path
        let names = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).subtracting(["log.vkey"])
        for (id, key) in snapshot.keys {
            let path = BundleLayout.keyPath(keyID: id)
            guard names.contains("\(id).pem") else { throw BundleFailure(path, "is missing: the journal registered this key") }
            let file = try KeyFile.readPublicKey(at: root.appendingPathComponent(path).path)
            guard file == key.record.publicKey else { throw BundleFailure(path, "holds another key than the journal registered") }
        }
        for name in names.sorted() where !snapshot.keys.keys.contains(String(name.dropLast(4))) || !name.hasSuffix(".pem") {
            throw BundleFailure("\(BundleLayout.keys)/\(name)", "is not a key the journal registered")
        }
        return names.count
    }
}

/// Reads journal.jsonl in order for the verifier, keeping the byte offset of every 1024th line
/// so that looking back (reversals) reads at most 1024 lines.
final class BundleJournalReader: JournalReader {
    static let stride: UInt64 = 1024
    let path: String
    private var reader: LineReader
    private var position: UInt64 = 0
    private var offsets: [UInt64] = [0]

    init(path: String) throws {
        self.path = path
        do { reader = try LineReader(path: path, keepCarriageReturns: true, kind: .bundleJournal) } catch {
            throw BundleFailure(BundleLayout.journal, error.message)
        }
    }

    func readEntries(from start: UInt64, limit: Int) throws -> [RawEntry] {
        precondition(start == position, "the verifier reads the journal in order")
        var entries: [RawEntry] = []
        entries.reserveCapacity(limit)
        while entries.count < limit, let line = try BundleInput.journalLine(&reader) {
            entries.append(Self.raw(line, seq: position))
            position += 1
            if position % Self.stride == 0 { offsets.append(reader.nextLineOffset) }
        }
        return entries
    }

    func readEntry(at seq: UInt64) throws -> RawEntry? {
        guard seq < position else { return nil }
        let block = seq / Self.stride
        var lines: LineReader
        do { lines = try LineReader(path: path, offset: offsets[Int(block)], keepCarriageReturns: true, kind: .bundleJournal) } catch {
            throw BundleFailure(BundleLayout.journal, error.message)
        }
        var current = block * Self.stride
        while let line = try BundleInput.journalLine(&lines) {
            if current == seq { return Self.raw(line, seq: seq) }
            current += 1
        }
        return nil
    }

    static func raw(_ line: [UInt8], seq: UInt64) -> RawEntry {
        do { return try RawEntry(exportLine: line, lineNumber: seq + 1) } catch {
            return RawEntry(unreadable: seq, problem: "journal.jsonl \(error.message)")
        }
    }
}

/// The files of a bundle folder, and their SHA-256.
public enum BundleFiles {
    /// Every regular file below `directory`, as sorted relative paths.
    public static func list(_ directory: String) throws -> [String] {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// The SHA-256 of a file in lowercase hex, read in 1 MiB chunks; a FIFO, a device or any
    /// other file that is not regular is refused without blocking.
    public static func sha256(_ path: String) throws -> String {
        do {
            let file = try InputFile(path: path, kind: .bundleJournal)
            let hasher = SHA256Hasher()
            while let chunk = try file.read(upToCount: 1 << 20) { hasher.update(chunk) }
            return hasher.finalize().hex
        } catch {
            throw BundleInput.failure(path, error)
        }
    }
}
