import Foundation
import SafeIO

/// Standard error: messages, and progress lines when it is a terminal. Every message goes
/// through ``TerminalText`` so that text from outside cannot drive the terminal.
enum Terminal {
    static let isInteractive = isatty(STDERR_FILENO) == 1

    /// `vtf: message` on standard error.
    static func error(_ message: String) {
        fflush(nil)
        FileHandle.standardError.write(Data("vtf: \(TerminalText.inert(message))\n".utf8))
    }

    /// Talk, not results: what was written where, what to do next, what is trusted. Standard
    /// output carries only a command's results, so they can be piped into a file or the
    /// command that reads them; standard output is flushed first so a terminal shows both in order.
    static func note(_ message: String) {
        fflush(nil)
        FileHandle.standardError.write(Data("\(TerminalText.inert(message))\n".utf8))
    }

    /// Rewrites one progress line on a terminal; silent otherwise.
    static func progress(_ message: String) {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(TerminalText.inert(message))".utf8))
    }

    static func endProgress() {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
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
        if let file { try file.write(buffer) } else { try FileHandle.standardOutput.write(contentsOf: buffer) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and puts the file in place (nothing at the path changes before this).
    func finish() throws {
        try flush()
        try file?.commit()
    }
}
