/// Why a key file could not be written or read. Messages name the path and never contain a
/// passphrase or key bytes.
public enum KeyFileError: Error, Equatable, CustomStringConvertible {
    /// There is no file at the path.
    case notFound(path: String)
    /// The file already exists; key files are never overwritten.
    case exists(path: String)
    /// The private key file can be read or written by group or others (`mode` is the permission
    /// bits, e.g. 0o644).
    case tooOpen(path: String, mode: UInt32)
    /// The file exists but could not be read; `reason` says why.
    case unreadable(path: String, reason: String)
    /// The file could not be created or written; `reason` says why.
    case unwritable(path: String, reason: String)
    /// The label cannot be written on one explanatory line; `reason` says why.
    case invalidLabel(reason: String)
    /// The file was read but its key was refused.
    case crypto(path: String, CryptoError)

    /// A sentence a fund manager can read.
    public var description: String {
        switch self {
        case .notFound(let path):
            "There is no key file at \(path)."
        case .exists(let path):
            "\(path) already exists, and vtf never overwrites a key file. Choose another path, "
                + "or move the existing file away first."
        case .tooOpen(let path, let mode):
            "The private key file \(path) has permissions \(Self.octal(mode)), so other users of "
                + "this computer could read it. vtf refuses to use it until you restrict it with: "
                + "chmod 600 \(Self.shellQuoted(path))"
        case .unreadable(let path, let reason):
            "The key file \(path) could not be read: \(reason)."
        case .unwritable(let path, let reason):
            "The key file \(path) could not be written: \(reason)."
        case .invalidLabel(let reason):
            "The key label cannot be used: \(reason)."
        case .crypto(let path, let error):
            "The key file \(path) could not be used. \(error.description)"
        }
    }

    /// Permission bits as four octal digits, e.g. "0644".
    static func octal(_ mode: UInt32) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `path` quoted for a POSIX shell when it contains anything but safe characters.
    static func shellQuoted(_ path: String) -> String {
        let safe = path.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil
                || "/._-+:@%,=".unicodeScalars.contains($0))
        }
        guard !safe || path.isEmpty else { return path }
        return "'" + path.replacing("'", with: "'\\''") + "'"
    }
}
