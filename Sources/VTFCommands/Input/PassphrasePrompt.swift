import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks for an encrypted key's passphrase on the terminal with echo off, as ssh-keygen and
/// openssl do. It asks only when standard input is a terminal (a script's is not: scripts set
/// $VTF_KEY_PASSPHRASE or $VTF_LOG_KEY_PASSPHRASE), and reads from /dev/tty. The passphrase is
/// never echoed, printed or logged; the caller wipes it after use.
enum PassphrasePrompt {
    /// Whether a person is there to ask: standard input is a terminal.
    static var canAsk: Bool { isatty(STDIN_FILENO) == 1 }

    /// The longest passphrase read (bytes); longer input is refused rather than cut.
    static let limit = 1024

    /// Writes `prompt` to the terminal, reads one line with echo off, restores the terminal.
    /// Nil when there is no terminal to ask on.
    static func ask(prompt: String) throws -> [UInt8]? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO | ECHOE | ECHOK)
        silent.c_lflag |= tcflag_t(ICANON)
        // Echo off before the prompt shows, so nothing typed after it is ever echoed.
        guard tcsetattr(fd, TCSAFLUSH, &silent) == 0 else { return nil }
        defer {
            _ = tcsetattr(fd, TCSAFLUSH, &saved)
            writeAll(fd, Array("\n".utf8))
        }
        writeAll(fd, Array(prompt.utf8))
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(fd, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 || byte == 0x0A || byte == 0x0D { break }
            line.append(byte)
            if line.count > limit {
                wipe(&line)
                throw InputError("the passphrase typed is longer than \(limit) bytes")
            }
        }
        return line
    }

    /// Overwrites the bytes of a passphrase that is no longer needed.
    static func wipe(_ bytes: inout [UInt8]) {
        for index in bytes.indices { bytes[index] = 0 }
        bytes.removeAll()
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
