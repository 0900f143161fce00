#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file written safely: checked by ``OutputGuard`` first, written to a temporary file
/// in the same folder, synced, checked again and renamed over the path in one step. Until
/// ``commit()`` nothing at the path changes; a file never committed is removed.
public final class OutputFile {
    /// The output path as given.
    public let path: String
    private let outputGuard: OutputGuard
    private let force: Bool
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var committed = false

    /// Checks `path` and creates the temporary file beside it.
    public init(path: String, guard outputGuard: OutputGuard, force: Bool) throws(OutputFileError) {
        try outputGuard.check(path, force: force)
        self.path = path
        self.outputGuard = outputGuard
        self.force = force
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(folder).\(name).vtf-tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else {
            throw OutputFileError(
                .cannotCreate, path: path, "\(path) cannot be created: \(POSIX.reason(errno)); check that its folder exists and is writable")
        }
        self.descriptor = descriptor
        self.temporaryPath = POSIX.string(template)
        _ = fchmod(descriptor, 0o644)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if !committed { unlink(temporaryPath) }
    }

    /// Writes `contents` to `path` in one step (see ``OutputFile``).
    public static func write(_ contents: [UInt8], to path: String, guard outputGuard: OutputGuard, force: Bool) throws(OutputFileError) {
        let file = try OutputFile(path: path, guard: outputGuard, force: force)
        try file.write(contents)
        try file.commit()
    }

    /// Appends bytes (buffered).
    public func write(_ bytes: [UInt8]) throws(OutputFileError) {
        buffer += bytes
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends UTF-8 text.
    public func write(_ text: String) throws(OutputFileError) { try write(Array(text.utf8)) }

    /// Flushes, syncs, checks the path again and renames the temporary file over it.
    public func commit() throws(OutputFileError) {
        try flush()
        guard fsync(descriptor) == 0 else { throw failure("cannot sync to disk") }
        guard close(descriptor) == 0 else {
            descriptor = -1
            throw failure("cannot close")
        }
        descriptor = -1
        try outputGuard.check(path, force: force)
        guard rename(temporaryPath, path) == 0 else { throw failure("cannot rename into place") }
        committed = true
        syncFolder()
    }

    private func flush() throws(OutputFileError) {
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { bytes in
                bytes.baseAddress.map { POSIX.writeBytes(descriptor, $0 + written, bytes.count - written) } ?? 0
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw failure("cannot write") }
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func failure(_ what: String) -> OutputFileError {
        OutputFileError(.unwritable, path: path, "\(path) cannot be written (\(what)): \(POSIX.reason(errno))")
    }

    /// Best effort: makes the rename durable.
    private func syncFolder() {
        let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "."
        let folderDescriptor = open(folder, O_RDONLY | O_CLOEXEC)
        guard folderDescriptor >= 0 else { return }
        _ = fsync(folderDescriptor)
        close(folderDescriptor)
    }
}
