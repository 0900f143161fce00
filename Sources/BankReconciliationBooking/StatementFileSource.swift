import BankStatements
import LedgerCrypto
import SafeIO

/// A statement (or mapping) file read through SafeIO's ``InputFile``: only a regular file is
/// read (a FIFO, a device such as `/dev/zero` or a folder is refused before a byte is read, so
/// nothing hangs), at most `limit` bytes of it, hashing what it reads.
final class StatementFileSource: StatementByteSource {
    /// The most bytes a statement file may hold (SafeIO's cap for a bank statement).
    static let maxStatementBytes = InputKind.bankStatement.byteCountMax ?? (4 << 30)
    /// The most bytes a CSV mapping file may hold.
    static let maxMappingBytes = 1 << 20

    /// The path and the option it was given with, for messages (`--statement march.sta`).
    let label: String
    private let file: InputFile
    private let limit: Int
    private let hasher = SHA256Hasher()
    /// How many bytes were read so far.
    private(set) var count = 0

    /// Opens `path` without blocking and checks on the open descriptor that it is a regular file
    /// of at most `limit` bytes.
    init(path: String, option: String, limit: Int) throws {
        label = "\(option) \(path)"
        do { file = try InputFile(path: path, kind: limit <= Self.maxMappingBytes ? .jsonDocument : .bankStatement) } catch {
            throw BankReconciliationError(.unreadableFile, "\(option) \(error.message)")
        }
        guard file.size <= UInt64(limit) else {
            throw BankReconciliationError(.unreadableFile, "\(label) holds \(file.size) bytes, more than the \(limit) bytes it may have")
        }
        self.limit = limit
    }

    func read(upTo maxCount: Int) throws(StatementError) -> [UInt8] {
        let piece: [UInt8]
        do { piece = try file.read(upToCount: max(1, min(maxCount, 1 << 20))) ?? [] } catch {
            throw StatementError("cannot read \(label): \(error.message)")
        }
        count += piece.count
        guard count <= limit else { throw StatementError("\(label) grew past the \(limit) bytes it may have while it was read") }
        hasher.update(piece)
        return piece
    }

    /// All the rest of the file (for small files such as a mapping).
    func readAll() throws(StatementError) -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let piece = try read(upTo: 1 << 16)
            if piece.isEmpty { return bytes }
            bytes += piece
        }
    }

    /// The SHA-256 of the bytes read; call once, at the end.
    func digest() -> SHA256Digest { hasher.finalize() }
}
