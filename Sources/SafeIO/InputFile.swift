#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An outside file opened for reading: a regular file only (a symbolic link is followed only
/// to one), refused without blocking when it is a FIFO, a device, a folder or a socket, and
/// read up to the cap of its ``InputKind``.
///
/// The file is opened with `O_NONBLOCK` and examined with `fstat` on the open descriptor, so
/// a FIFO never blocks the open and the check cannot race with a rename.
public final class InputFile {
    /// The path as given.
    public let path: String
    /// What the file is for, which sets its cap.
    public let kind: InputKind
    /// The file's size when it was opened.
    public let size: UInt64
    private let descriptor: Int32
    private var bytesRead: UInt64 = 0

    /// Opens `path` as a `kind` file; throws ``InputFileError`` naming the path and the fix.
    public init(path: String, kind: InputKind) throws(InputFileError) {
        self.path = path
        self.kind = kind
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.openError(path: path, kind: kind, code: errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw InputFileError(.unreadable, path: path, "\(path) cannot be read: \(POSIX.reason(code))")
        }
        let fileKind = FileKind(mode: status.st_mode)
        guard fileKind == .regular else {
            close(descriptor)
            throw InputFileError(
                .notRegular, path: path,
                "\(path) is \(fileKind.phrase), not a regular file; give the \(kind.noun) itself (vtf reads only regular files)")
        }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        self.descriptor = descriptor
        self.size = UInt64(max(0, status.st_size))
        if let limit = kind.byteCountMax, size > UInt64(limit) {
            close(descriptor)
            throw Self.tooLarge(path: path, kind: kind, limit: limit)
        }
    }

    deinit { close(descriptor) }

    /// Reads the whole file (at most the kind's cap: a file that grew past it is refused).
    public static func read(_ path: String, kind: InputKind) throws(InputFileError) -> [UInt8] {
        let file = try InputFile(path: path, kind: kind)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(min(file.size, UInt64(kind.byteCountMax ?? (1 << 20)))))
        while let chunk = try file.read(upToCount: 1 << 20) { bytes += chunk }
        return bytes
    }

    /// Reads the whole file as UTF-8 text (invalid bytes become U+FFFD).
    public static func text(_ path: String, kind: InputKind) throws(InputFileError) -> String {
        String(decoding: try read(path, kind: kind), as: UTF8.self)
    }

    /// Moves the read position to `offset` bytes from the start.
    public func seek(to offset: UInt64) throws(InputFileError) {
        guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else {
            throw InputFileError(.unreadable, path: path, "\(path) cannot be read at byte \(offset): \(POSIX.reason(errno))")
        }
        bytesRead = offset
    }

    /// The next bytes, at most `count`; nil at the end of the file.
    public func read(upToCount count: Int) throws(InputFileError) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: max(1, count))
        var got = -1
        while got < 0 {
            got = chunk.withUnsafeMutableBytes { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                return POSIX.readBytes(descriptor, base, buffer.count)
            }
            if got < 0, errno != EINTR {
                throw InputFileError(.unreadable, path: path, "\(path) cannot be read: \(POSIX.reason(errno))")
            }
        }
        guard got > 0 else { return nil }
        bytesRead += UInt64(got)
        if let limit = kind.byteCountMax, bytesRead > UInt64(limit) {
            throw Self.tooLarge(path: path, kind: kind, limit: limit)
        }
        chunk.removeSubrange(got...)
        return chunk
    }

    static func tooLarge(path: String, kind: InputKind, limit: Int) -> InputFileError {
        InputFileError(
            .tooLarge, path: path,
            "\(path) is larger than \(ByteCount.text(limit)), the most vtf reads from a \(kind.noun); is it the right file?")
    }

    static func openError(path: String, kind: InputKind, code: Int32) -> InputFileError {
        if code == ENOENT { return InputFileError(.notFound, path: path, "there is no \(kind.noun) at \(path)") }
        return InputFileError(.unreadable, path: path, "\(path) cannot be opened: \(POSIX.reason(code))")
    }
}

/// Byte counts for people: "64 KiB", "1 MiB", "4 GiB".
enum ByteCount {
    static func text(_ count: Int) -> String {
        for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] where count >= 1 << shift && count % (1 << shift) == 0 {
            return "\(count >> shift) \(unit)"
        }
        return "\(count) bytes"
    }
}
