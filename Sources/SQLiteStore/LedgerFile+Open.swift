import Foundation
public import LedgerJournal
import LedgerStore

extension LedgerFile {
    /// How a command uses a ledger.
    public enum OpenMode: Sendable {
        /// Reads only: never writes a byte of the ledger or its -wal, and works on a read-only
        /// file system or a file the user cannot write.
        case readOnly
        /// Records entries (and upgrades an older schema).
        case readWrite
    }

    /// Opens an existing ledger.
    ///
    /// Either way a `-wal` that does not belong to the ledger file (an old copy put back) is
    /// refused first, with both files untouched (``StoreError/Kind/system``, exit 3). A read-only
    /// open where SQLite cannot create its `-shm` index (a read-only folder or file system) reads
    /// the file as immutable, which is exact as long as no -wal holds commits not yet in it.
    public static func open(at path: String, mode: OpenMode, rules: LedgerRules) throws -> LedgerFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.notFound, "no ledger at \(path) (create one with `vtf init`, or pass --ledger / set VTF_LEDGER)")
        }
        try WALGuard.check(ledger: path)
        switch mode {
        case .readWrite:
            let file = try connect(path: path, readOnly: false, rules: rules)
            try Migrations.check(file.queue, path: path, upgrade: true)
            return file
        case .readOnly:
            let immutable = try ReadOnlyAccess.needsImmutable(path)
            let file = try connect(path: path, readOnly: true, immutable: immutable, rules: rules)
            try Migrations.check(file.queue, path: path, upgrade: false)
            return file
        }
    }
}

/// How a read-only open reaches the file.
enum ReadOnlyAccess {
    /// True when SQLite could not create the `-shm` index next to the ledger (the folder is
    /// read-only, or on a read-only file system) and no -wal holds commits: then the file is
    /// opened with `immutable=1`, which needs no -shm and takes no locks. A -wal with commits is
    /// read through an existing -shm; without one it is refused (immutable reads would miss it).
    static func needsImmutable(_ path: String) throws -> Bool {
        let manager = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if access(folder, W_OK) == 0 { return false }
        if try WALFile.read(at: path + "-wal") != nil {
            // SQLite reads an existing -wal through an existing -shm opened read-only.
            if manager.fileExists(atPath: path + "-shm") { return false }
            throw StoreError(.unreadable, """
                \(path)-wal holds entries that are not in the ledger file yet, and SQLite cannot read them from here \
                (the folder \(folder) is read-only). Copy the ledger and its -wal together to a writable folder and \
                run the command there, or have someone who can write the folder run `vtf verify` once
                """)
        }
        return true
    }

    /// The `file:` URI of `path` with `immutable=1` (and read-only mode).
    static func immutableURI(_ path: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-._~")
        let absolute = URL(fileURLWithPath: path).path
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:\(escaped)?mode=ro&immutable=1"
    }
}
