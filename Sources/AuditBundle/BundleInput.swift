import Foundation
import SafeIO

/// Reading a bundle's files the safe way: regular files only (a FIFO or a link to a device is a
/// failed bundle, never a hang), each kind within its cap, the MANIFEST and the journal streamed.
/// Every refusal is a ``BundleFailure`` naming the file.
enum BundleInput {
    /// A small file read whole, as UTF-8 text.
    static func text(_ root: URL, _ path: String, kind: InputKind) throws -> String {
        do { return try InputFile.text(root.appendingPathComponent(path).path, kind: kind) } catch {
            throw failure(path, error)
        }
    }

    /// The MANIFEST's entries, read line by line (each line capped).
    static func manifest(_ root: URL) throws -> [(path: String, digest: String)] {
        var reader: LineReader
        do { reader = try LineReader(path: root.appendingPathComponent(BundleLayout.manifest).path, kind: .bundleManifest) } catch {
            if error.code == .notFound { throw BundleFailure(BundleLayout.manifest, "is missing (is this an audit bundle?)") }
            throw failure(BundleLayout.manifest, error)
        }
        var entries: [(path: String, digest: String)] = []
        var total = 0
        while true {
            let line: [UInt8]?
            do { line = try reader.next() } catch { throw failure(BundleLayout.manifest, error) }
            guard let line else { return entries }
            total += line.count + 1
            guard total <= InputKind.bundleManifest.byteCountMax ?? Int.max else {
                throw BundleFailure(BundleLayout.manifest, "is larger than any bundle's MANIFEST")
            }
            guard !line.isEmpty else { continue }
            entries += try Manifest.parse(String(decoding: line, as: UTF8.self), firstLine: Int(reader.lineNumber))
        }
    }

    /// The next journal line, or nil at the end; a line over the cap fails the bundle.
    static func journalLine(_ reader: inout LineReader) throws -> [UInt8]? {
        do { return try reader.next() } catch { throw failure(BundleLayout.journal, error) }
    }

    static func failure(_ path: String, _ error: InputFileError) -> BundleFailure {
        switch error.code {
        case .notFound: BundleFailure(path, "is missing")
        case .notRegular: BundleFailure(path, "is not a regular file (a FIFO, a device, a folder or a socket); a bundle holds only regular files")
        case .tooLarge, .lineTooLong, .unreadable: BundleFailure(path, error.message)
        }
    }
}
