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
        // Echo off before the prompt shows, so nothing typed after it is ever echoed; Ctrl-C or
        // a kill while asking puts the terminal back before the process ends.
        Interrupted.arm(fd: fd, saved: saved)
        guard tcsetattr(fd, TCSAFLUSH, &silent) == 0 else {
            Interrupted.disarm()
            return nil
        }
        defer {
            _ = tcsetattr(fd, TCSAFLUSH, &saved)
            Interrupted.disarm()
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

    /// `key generate --encrypt`: a new passphrase, typed twice. Refused with the fix when there is
    /// no terminal, when --passphrase-env is also given, when empty, or when the two differ.
    static func newPassphrase(for path: String, besides variable: String?) throws -> [UInt8] {
        if let variable {
            throw InputError("--encrypt asks for the passphrase on the terminal and --passphrase-env \(variable) takes it from $\(variable): give one of them")
        }
        guard canAsk, var first = try ask(prompt: "Enter a passphrase for \(path): ") else {
            throw InputError("--encrypt asks for the passphrase on a terminal, and standard input is not one; in a script use --passphrase-env VAR")
        }
        guard !first.isEmpty else {
            throw InputError("the passphrase is empty, which would not protect \(path); nothing was written: type a passphrase, or leave out --encrypt")
        }
        if let short = tooShort(first, for: path) {
            wipe(&first)
            throw InputError(short)
        }
        var second = try ask(prompt: "Enter the same passphrase again: ") ?? []
        defer { wipe(&second) }
        guard first == second else {
            wipe(&first)
            throw InputError("the two passphrases typed differ; nothing was written: run vtf key generate --encrypt again")
        }
        return first
    }

    /// The fewest characters a new passphrase has: a shorter one is guessed offline in moments
    /// by anyone who copies the key file.
    static let minimumLength = 10

    /// Why `passphrase` is too short to protect `path`, or nil.
    static func tooShort(_ passphrase: [UInt8], for path: String) -> String? {
        let count = String(decoding: passphrase, as: UTF8.self).count
        guard count < minimumLength else { return nil }
        return "the passphrase has \(count) character\(count == 1 ? "" : "s"), too few to protect \(path) from anyone who copies it; nothing was written: give one of \(minimumLength) or more (a few words will do)"
    }

    /// Wipes an optional passphrase and leaves nil.
    static func wipe(_ bytes: inout [UInt8]?) {
        guard var held = bytes else { return }
        bytes = nil
        wipe(&held)
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

/// Restores the terminal when SIGINT, SIGTERM, SIGHUP or SIGQUIT arrive while the passphrase
/// is asked for, then lets the signal end the process as it would have.
private enum Interrupted {
    // Written only on the main thread before the handlers are installed and after they are
    // removed; read only by the handlers. A signal handler cannot take a lock.
    nonisolated(unsafe) static var fd: Int32 = -1
    nonisolated(unsafe) static var saved = termios()
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func arm(fd: Int32, saved: termios) {
        self.fd = fd
        self.saved = saved
        for number in signals {
            signal(number) { number in
                _ = tcsetattr(Interrupted.fd, TCSAFLUSH, &Interrupted.saved)
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func disarm() {
        for number in signals { signal(number, SIG_DFL) }
        fd = -1
    }
}
