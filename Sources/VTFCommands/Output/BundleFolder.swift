import AuditBundle
import Foundation
import LedgerStore
import TrustFundRules
import TransparencyLog
import SafeIO

/// Where `vtf audit export` writes: the bundle is built in a new folder beside the target and
/// renamed into place, so a failed export leaves nothing half-written. An existing folder is
/// replaced only with `--force`, and only when it holds an earlier bundle (a MANIFEST) and no
/// ledger; a file (above all a ledger) is never replaced by a bundle.
enum BundleFolder {
    static func export(_ store: any LedgerReading, to dir: String, guard outputGuard: OutputGuard, force: Bool) async throws -> BundleSummary {
        let replacing = try check(dir, guard: outputGuard, force: force)
        let staging = try makeStagingFolder(beside: dir)
        let manager = FileManager.default
        let summary: BundleSummary
        do { summary = try await BundleExport.export(store, to: staging) } catch {
            try? manager.removeItem(atPath: staging)
            throw error
        }
        if replacing {
            let old = staging + ".old"
            try manager.moveItem(atPath: dir, toPath: old)
            try manager.moveItem(atPath: staging, toPath: dir)
            try? manager.removeItem(atPath: old)
        } else {
            do {
                if manager.fileExists(atPath: dir) { try manager.removeItem(atPath: dir) }  // an empty folder
                try manager.moveItem(atPath: staging, toPath: dir)
            } catch {
                // Another process made the folder meanwhile (or it cannot be replaced): the
                // bundle was not placed, and its staging folder goes too.
                try? manager.removeItem(atPath: staging)
                throw error
            }
        }
        return summary
    }

    /// Whether `dir` holds an earlier bundle to replace; throws when it must not be touched.
    static func check(_ dir: String, guard outputGuard: OutputGuard, force: Bool) throws -> Bool {
        try outputGuard.checkName(dir)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder) else { return false }
        guard isFolder.boolValue else {
            try outputGuard.check(dir, force: true)
            throw InputError("\(dir) is a file; an audit bundle is written to a new folder")
        }
        let contents = try FileManager.default.contentsOfDirectory(atPath: dir)
        if contents.isEmpty { return false }
        guard force else {
            throw InputError("\(dir) is not empty; give --force to replace an earlier audit bundle there, or choose a new folder")
        }
        guard contents.contains(BundleLayout.manifest) else {
            throw InputError("\(dir) is not an audit bundle (it has no MANIFEST); --force replaces only an earlier bundle")
        }
        for file in try BundleFiles.list(dir) { try outputGuard.check(dir + "/" + file, force: true) }
        return true
    }

    /// A new, empty folder in the same parent folder as `dir` (so the rename stays on one disk).
    static func makeStagingFolder(beside dir: String) throws -> String {
        let trimmed = dir.hasSuffix("/") && dir.count > 1 ? String(dir.dropLast()) : dir
        var template = Array("\(trimmed).vtf-tmp-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }) != nil else {
            throw OutputFileError(.cannotCreate, path: dir, "cannot create a folder beside \(dir): \(String(cString: strerror(errno)))")
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
