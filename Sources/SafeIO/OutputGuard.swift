#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides whether vtf may write a file at a path. Never over a ledger: not the open ledger
/// (same device and inode, so no link or other spelling of its path gets through), not any
/// SQLite database (a copy or another ledger), not a `-wal`, `-shm` or `-journal` file, and
/// `--force` does not change that. Never over any other existing file without `--force`.
public struct OutputGuard: Sendable {
    /// The first 16 bytes of every SQLite database file.
    public static let sqliteHeader: [UInt8] = Array("SQLite format 3".utf8) + [0]
    /// Names SQLite gives the files beside a database.
    public static let sqliteSuffixes = ["-wal", "-shm", "-journal"]

    private let protectedFiles: [FileIdentity]

    /// Protects the files at `ledgerPaths` (those that exist) by identity.
    public init(protecting ledgerPaths: [String] = []) {
        protectedFiles = ledgerPaths.compactMap { path in POSIX.status(path).map(FileIdentity.init) }
    }

    /// Throws ``OutputFileError`` when `path` must not be written (with `force`: replaced).
    public func check(_ path: String, force: Bool) throws(OutputFileError) {
        try checkNotLedger(path)
        guard let status = POSIX.status(path) else { return try checkDangling(path) }
        let kind = FileKind(mode: status.st_mode)
        guard kind == .regular else {
            throw OutputFileError(.notRegular, path: path, "\(path) is \(kind.phrase); give a file path for the output")
        }
        guard force else {
            throw OutputFileError(.exists, path: path, "\(path) already exists; give --force to replace it, or choose another path")
        }
    }

    /// Throws `output.bad_name` for a path no one means to write: an empty one, one with a
    /// name of blanks only (a stray tab or space), or one holding a control character.
    public func checkName(_ path: String) throws(OutputFileError) {
        guard !path.isEmpty else { throw OutputFileError(.badName, path: path, "the output path is empty: give a file or folder name") }
        if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw OutputFileError(.badName, path: path, "the output path '\(TerminalText.inertCell(path))' holds a control character (a tab, a line break): give a plain name")
        }
        if path.split(separator: "/").contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw OutputFileError(.badName, path: path, "the output path '\(TerminalText.inertCell(path))' has a name of blanks only: give a plain name")
        }
    }

    /// Throws `output.ledger` when `path` is the protected ledger, any SQLite database, or
    /// named like a ledger's -wal, -shm or -journal file; `--force` never changes this. Checks
    /// the name first (``checkName(_:)``).
    public func checkNotLedger(_ path: String) throws(OutputFileError) {
        try checkName(path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let suffix = Self.sqliteSuffixes.first(where: { name.hasSuffix($0) }) {
            throw Self.ledgerError(path, "its name is that of a ledger's \(suffix) file")
        }
        guard let status = POSIX.status(path) else { return }
        if protectedFiles.contains(FileIdentity(status)) { throw Self.ledgerError(path, "it is the ledger this command reads") }
        if FileKind(mode: status.st_mode) == .regular, Self.startsWithSQLiteHeader(path) {
            throw Self.ledgerError(path, "it is an SQLite database (a ledger or a copy of one)")
        }
    }

    /// A symbolic link to nowhere: renaming over it is safe, but say so if it cannot be examined.
    private func checkDangling(_ path: String) throws(OutputFileError) {
        guard let link = POSIX.linkStatus(path) else { return }
        guard FileKind(mode: link.st_mode) == .symbolicLink else {
            throw OutputFileError(.unwritable, path: path, "\(path) cannot be examined; choose another path")
        }
    }

    static func ledgerError(_ path: String, _ reason: String) -> OutputFileError {
        OutputFileError(
            .wouldOverwriteLedger, path: path,
            "refusing to write \(path): \(reason); vtf never writes over a ledger, even with --force. Choose another path")
    }

    /// Whether the file at `path` begins with the SQLite header (read without blocking).
    static func startsWithSQLiteHeader(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: sqliteHeader.count)
        let count = header.withUnsafeMutableBytes { buffer in
            buffer.baseAddress.map { POSIX.readBytes(descriptor, $0, buffer.count) } ?? 0
        }
        return count == sqliteHeader.count && header == sqliteHeader
    }
}

/// A file's identity: its device and inode.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}
