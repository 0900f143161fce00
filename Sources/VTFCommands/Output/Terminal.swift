import Foundation
import SafeIO

/// Standard error: messages, and progress lines when it is a terminal. Every message goes
/// through ``TerminalText`` so that text from outside cannot drive the terminal.
enum Terminal {
    static let isInteractive = isatty(STDERR_FILENO) == 1

    /// `vtf: message` on standard error.
    static func error(_ message: String) {
        fflush(nil)
        standardError("vtf: \(TerminalText.inert(message))\n")
    }

    /// Talk, not results: what was written where, what to do next, what is trusted. Standard
    /// output carries only a command's results, so they can be piped into a file or the
    /// command that reads them; standard output is flushed first so a terminal shows both in order.
    static func note(_ message: String) {
        fflush(nil)
        standardError("\(TerminalText.inert(message))\n")
    }

    /// Rewrites one progress line on a terminal; silent otherwise.
    static func progress(_ message: String) {
        guard isInteractive else { return }
        standardError("\r\u{1B}[K\(TerminalText.inert(message))")
    }

    /// Writes `text` to standard error; a closed standard error loses it (vtf ignores SIGPIPE,
    /// and `FileHandle.write(_:)` would trap on the error).
    static func standardError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// Writes `text` to standard output now; a reader that went away loses it.
    static func standardOutput(_ text: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    }

    static func endProgress() {
        guard isInteractive else { return }
        standardError("\r\u{1B}[K")
    }
}

/// Where command output goes: standard output, or a file written through ``OutputFile``
/// (never over a ledger, over an existing file only with `--force`, renamed into place by
/// ``finish()``). Buffered.
final class OutputSink {
    private let file: OutputFile?
    private var buffer: [UInt8] = []

    init(path: String?, guard outputGuard: OutputGuard = OutputGuard(), force: Bool = false) throws {
        file = try path.map { (path) throws(OutputFileError) in try OutputFile(path: path, guard: outputGuard, force: force) }
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func write(_ text: String) throws { try write(Array(text.utf8)) }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        if let file {
            try file.write(buffer)
        } else {
            errno = 0
            do { try FileHandle.standardOutput.write(contentsOf: buffer) } catch {
                // The reader went away (`vtf journal export | head`): nobody reads the rest.
                // Foundation reports it as a file write error; errno still says why.
                if errno == EPIPE || Self.isBrokenPipe(error as NSError) { throw ReaderGone() }
                throw error
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Whether `error`, or the error under it, is POSIX's EPIPE.
    static func isBrokenPipe(_ error: NSError) -> Bool {
        if error.domain == NSPOSIXErrorDomain, error.code == Int(EPIPE) { return true }
        return (error.userInfo[NSUnderlyingErrorKey] as? NSError).map(isBrokenPipe) ?? false
    }

    /// Flushes, and puts the file in place (nothing at the path changes before this).
    func finish() throws {
        try flush()
        try file?.commit()
    }
}

/// Standard output's reader went away (a closed pipe): the command stops writing, and exits 0
/// without a message, as it would have died of SIGPIPE had vtf not ignored it.
struct ReaderGone: Error {}
