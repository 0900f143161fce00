import Foundation
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
public import LedgerStore

/// What an export wrote.
public struct BundleSummary: Sendable {
    /// The number of journal entries written to `journal.jsonl`.
    public let entryCount: UInt64
    /// The number of checkpoint notes written under `checkpoints/`.
    public let checkpointCount: Int
    /// The number of registered public keys written under `keys/` as PEM.
    public let keyCount: Int
    /// The root hash line (base64) of the last checkpoint written, or empty when the ledger has no
    /// checkpoint.
    public let root: String
}

/// Writes an audit bundle from a ledger.
public enum BundleExport {
    /// Writes the bundle into `directory`, which must not exist or be empty. The content is a
    /// function of the ledger alone (no export time), so the same ledger gives the same bundle.
    /// The journal is read `pageSize` entries at a time, so any store and any journal length
    /// fit in memory.
    public static func export(_ store: any LedgerReading, to directory: String, pageSize: UInt64 = 4096) async throws -> BundleSummary {
        let manager = FileManager.default
        if manager.fileExists(atPath: directory), !((try? manager.contentsOfDirectory(atPath: directory))?.isEmpty ?? true) {
            throw StoreError(.exists, "\(directory) is not empty; an audit bundle needs a new folder")
        }
        let root = URL(fileURLWithPath: directory)
        for folder in ["", BundleLayout.checkpoints, BundleLayout.keys] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        var manifest = Manifest()
        let journal = try FileWriter(root.appendingPathComponent(BundleLayout.journal))
        // The count is read first: entries appended while the export runs are left out, and the
        // checkpoints below stop at this size too.
        let entryCount = try await store.entryCount()
        var next: UInt64 = 0
        while next < entryCount {
            let end = min(entryCount, next + max(1, pageSize))
            for line in try await store.exportLines(next..<end) {
                try journal.write(line)
                try journal.write([0x0A])
            }
            next = end
        }
        manifest.add(BundleLayout.journal, try journal.close())
        var checkpointCount = 0
        var lastRoot = ""
        var after: UInt64 = 0
        paging: while true {
            let page = try await store.storedNotes(after: after, limit: 1024)
            for stored in page {
                guard stored.size <= entryCount else { break paging }
                let path = BundleLayout.checkpointPath(size: stored.size)
                manifest.add(path, try FileWriter.write(Array(stored.note.utf8), to: root.appendingPathComponent(path)))
                checkpointCount += 1
                lastRoot = String(stored.note.split(separator: "\n").dropFirst(2).first ?? "")
            }
            guard let last = page.last else { break }
            after = last.size
        }
        let vkey = try await store.logVerifierKey()
        manifest.add(BundleLayout.logVerifierKey, try FileWriter.write(Array((vkey + "\n").utf8), to: root.appendingPathComponent(BundleLayout.logVerifierKey)))
        let keys = try await store.keys()
        for key in keys {
            let path = BundleLayout.keyPath(keyID: key.record.keyID)
            manifest.add(path, try FileWriter.write(Array(key.record.publicKey.pemRepresentation.utf8), to: root.appendingPathComponent(path)))
        }
        let settings = try await store.settings()
        let readme = BundleReadme.text(
            origin: settings?.origin ?? "", fundName: settings?.fundName ?? "", vkey: vkey, entryCount: entryCount,
            checkpointCount: checkpointCount)
        manifest.add(BundleLayout.readme, try FileWriter.write(Array(readme.utf8), to: root.appendingPathComponent(BundleLayout.readme)))
        _ = try FileWriter.write(Array(manifest.text.utf8), to: root.appendingPathComponent(BundleLayout.manifest))
        return BundleSummary(entryCount: entryCount, checkpointCount: checkpointCount, keyCount: keys.count, root: lastRoot)
    }
}

/// The MANIFEST file: SHA-256 of every other file, in `sha256sum` format.
struct Manifest {
    private(set) var entries: [(path: String, digest: String)] = []

    mutating func add(_ path: String, _ digest: String) { entries.append((path, digest)) }

    var text: String { entries.sorted { $0.path < $1.path }.map { "\($0.digest)  \($0.path)\n" }.joined() }

    /// Parses a MANIFEST, naming the first malformed line.
    static func parse(_ text: String, firstLine: Int = 1) throws -> [(path: String, digest: String)] {
        var entries: [(path: String, digest: String)] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let index = firstLine - 1 + offset
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit), parts[1].hasPrefix(" "),
                !parts[1].dropFirst().isEmpty
            else { throw BundleFailure(BundleLayout.manifest, "line \(index + 1) is not \"<sha256>  <path>\"") }
            entries.append((String(parts[1].dropFirst()), String(parts[0]).lowercased()))
        }
        return entries
    }
}

/// Writes a file while hashing it.
final class FileWriter {
    private let handle: FileHandle
    private let hasher = SHA256Hasher()
    private var buffer: [UInt8] = []

    init(_ url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = try? FileHandle(forWritingTo: url) else {
            throw StoreError(.io, "cannot create \(url.path)")
        }
        self.handle = handle
    }

    func write(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        hasher.update(buffer)
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes, and returns the file's SHA-256 in hex.
    func close() throws -> String {
        try flush()
        try handle.close()
        return hasher.finalize().hex
    }

    static func write(_ bytes: [UInt8], to url: URL) throws -> String {
        let writer = try FileWriter(url)
        try writer.write(bytes)
        return try writer.close()
    }
}
