import BankStatements
import Foundation
import LedgerCrypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A statement (or mapping) file read through the one descriptor it was checked on: only a
/// regular file is read (a FIFO, a device such as `/dev/zero` or a directory is refused before a
/// byte is read, so nothing hangs), at most `limit` bytes of it, hashing what it reads.
final class StatementFileSource: StatementByteSource {
    /// The most bytes a statement file may hold.
    static let maxStatementBytes = 8 << 30
    /// The most bytes a CSV mapping file may hold.
    static let maxMappingBytes = 1 << 20

    /// The path and the option it was given with, for messages (`--statement march.sta`).
    let label: String
    private let descriptor: Int32
    private let limit: Int
    private let hasher = SHA256Hasher()
    /// How many bytes were read so far.
    private(set) var count = 0

    /// Opens `path` without blocking (a FIFO with no writer would otherwise hang the open) and
    /// checks on the open descriptor that it is a regular file of at most `limit` bytes.
    init(path: String, option: String, limit: Int) throws {
        label = "\(option) \(path)"
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw InputError("cannot read \(label): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, UInt32(status.st_mode) & 0o170000 == 0o100000 else {
            close(descriptor)
            throw InputError("\(label) is not a regular file (a FIFO, device or directory); give the file itself")
        }
        guard Int(status.st_size) <= limit else {
            close(descriptor)
            throw InputError("\(label) holds \(status.st_size) bytes, more than the \(limit) bytes it may have")
        }
        _ = fcntl(descriptor, F_SETFL, O_RDONLY)
        self.descriptor = descriptor
        self.limit = limit
    }

    deinit { close(descriptor) }

    func read(upTo maxCount: Int) throws(StatementError) -> [UInt8] {
        let wanted = max(0, min(maxCount, 1 << 20))
        var buffer = [UInt8](repeating: 0, count: wanted)
        var got = -1
        repeat {
            got = buffer.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, wanted) }
        } while got < 0 && errno == EINTR
        guard got >= 0 else { throw StatementError("cannot read \(label): \(String(cString: strerror(errno)))") }
        count += got
        guard count <= limit else { throw StatementError("\(label) grew past the \(limit) bytes it may have while it was read") }
        buffer.removeSubrange(got...)
        hasher.update(buffer)
        return buffer
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

/// `read(2)`, named apart from the method.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
