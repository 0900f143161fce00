#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Key files on disk: a private key PEM (mode 0600) and its public key PEM beside it (`.pub`).
public enum KeyFile {
    /// The longest key file read, in bytes; an Ed25519 key file is well under 1 KiB.
    static let fileByteCountMax = 64 * 1024

    /// The start of the explanatory label line written before each PEM block.
    static let labelPrefix = "vtf key \""

    /// Writes PATH (private PEM, created with O_CREAT|O_EXCL and mode 0600, refuses to overwrite an
    /// existing file) and PATH.pub (SPKI PEM, 0644). `label` (optional) is written as one
    /// explanatory text line before each PEM block, e.g. `vtf key "Alice Fund Manager" 3b6a27bc…`
    /// (RFC 7468 allows explanatory text; `openssl pkey` still reads the file).
    public static func write(
        _ key: Ed25519PrivateKey, to path: String, label: String?, passphrase: [UInt8]?
    ) throws(KeyFileError) {
        let header = try label.map { (name) throws(KeyFileError) in
            try labelLine(name: name, keyID: key.publicKey.keyID)
        } ?? ""
        let privatePEM: String
        do {
            privatePEM = try key.pemRepresentation(passphrase: passphrase)
        } catch {
            throw .crypto(path: path, error)
        }
        let publicPath = path + ".pub"
        guard !FileSystem.exists(publicPath) else { throw .exists(path: publicPath) }
        try FileSystem.createExclusive(path, contents: header + privatePEM, mode: 0o600)
        do {
            try FileSystem.createExclusive(
                publicPath, contents: header + key.publicKey.pemRepresentation, mode: 0o644)
        } catch {
            FileSystem.remove(path)  // leave no private key without its public half
            throw error
        }
        FileSystem.syncDirectory(containing: path)
    }

    /// Reads a private key file. Refuses (`KeyFileError.tooOpen`) when group or others have any
    /// permission bits (like ssh), naming the path, the mode and the chmod fix.
    public static func readPrivateKey(at path: String, passphrase: [UInt8]?) throws(KeyFileError)
        -> Ed25519PrivateKey
    {
        var bytes = try FileSystem.readFile(path, byteCountMax: fileByteCountMax, privateOnly: true)
        defer { SecretBytes.cleanse(&bytes) }
        do {
            return try Ed25519PrivateKey(
                pemRepresentation: String(decoding: bytes, as: UTF8.self), passphrase: passphrase)
        } catch {
            throw .crypto(path: path, error)
        }
    }

    /// Reads a public key file (SPKI PEM, explanatory text allowed).
    public static func readPublicKey(at path: String) throws(KeyFileError) -> Ed25519PublicKey {
        let bytes = try FileSystem.readFile(
            path, byteCountMax: fileByteCountMax, privateOnly: false)
        do {
            return try Ed25519PublicKey(pemRepresentation: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw .crypto(path: path, error)
        }
    }

    /// The explanatory label line's quoted name, if the file has one.
    public static func label(at path: String) -> String? {
        guard var bytes = try? FileSystem.readFile(path, byteCountMax: fileByteCountMax,
                                               privateOnly: false)
        else { return nil }
        defer { SecretBytes.cleanse(&bytes) }
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(labelPrefix) {
            return parseQuoted(line.dropFirst(labelPrefix.count))
        }
        return nil
    }

    /// `vtf key "<name>" <key id>\n`, with `"` and `\` in the name escaped by a backslash.
    static func labelLine(name: String, keyID: String) throws(KeyFileError) -> String {
        guard !name.isEmpty else { throw .invalidLabel(reason: "the label is empty") }
        guard name.utf8.count <= 200 else {
            throw .invalidLabel(reason: "the label is longer than 200 bytes")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw .invalidLabel(reason: "the label contains a control character (a line break?)")
        }
        guard !name.contains("-----") else {
            throw .invalidLabel(
                reason: "the label contains \"-----\", which PEM readers take for a boundary")
        }
        let escaped = name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return labelPrefix + escaped + "\" " + keyID + "\n"
    }

    /// The name up to the closing unescaped quote, unescaping `\"` and `\\`; nil if unterminated.
    static func parseQuoted(_ text: Substring) -> String? {
        var name = ""
        var escaping = false
        for character in text {
            if escaping {
                name.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "\"" {
                return name
            } else {
                name.append(character)
            }
        }
        return nil
    }
}

/// The few POSIX file operations key files need, with errors naming the path.
enum FileSystem {
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// Best effort: makes the new directory entries durable (a failure only risks losing a file
    /// that was just written, never exposing it).
    static func syncDirectory(containing path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "."
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Creates `path` (O_CREAT|O_EXCL, never following a symlink), sets exactly `mode`, writes
    /// `contents` and syncs it to disk. Removes the file again if anything fails after creation.
    static func createExclusive(_ path: String, contents: String, mode: mode_t)
        throws(KeyFileError)
    {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw .exists(path: path) }
            throw .unwritable(path: path, reason: reason(code))
        }
        var failure: String?
        if fchmod(descriptor, mode) != 0 {
            failure = "cannot set permissions: " + reason(errno)
        } else if let problem = writeAll(descriptor, Array(contents.utf8)) {
            failure = problem
        } else if fsync(descriptor) != 0 {
            failure = "cannot sync to disk: " + reason(errno)
        }
        if close(descriptor) != 0, failure == nil { failure = "cannot close: " + reason(errno) }
        if let failure {
            remove(path)
            throw .unwritable(path: path, reason: failure)
        }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> String? {
        var bytes = bytes
        defer { SecretBytes.cleanse(&bytes) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes {
                guard let base = $0.baseAddress else { return 0 }
                return write(descriptor, base + written, $0.count - written)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return "cannot write: " + reason(errno) }
            written += count
        }
        return nil
    }

    /// Reads a regular file of at most `byteCountMax` bytes. With `privateOnly`, refuses a file
    /// that group or others may access (checked on the open descriptor, so no race). Opened with
    /// O_NONBLOCK so that a FIFO given as a key file is refused at once instead of blocking.
    static func readFile(_ path: String, byteCountMax: Int, privateOnly: Bool) throws(KeyFileError)
        -> [UInt8]
    {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .notFound(path: path) }
            throw .unreadable(path: path, reason: reason(code))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(path: path, reason: reason(errno))
        }
        guard UInt32(status.st_mode) & 0o170000 == 0o100000 else {
            throw .unreadable(path: path, reason: "it is not a regular file")
        }
        let permissions = UInt32(status.st_mode) & 0o7777
        if privateOnly, permissions & 0o077 != 0 {
            throw .tooOpen(path: path, mode: permissions)
        }
        return try readAll(descriptor, path: path, byteCountMax: byteCountMax)
    }

    private static func readAll(_ descriptor: Int32, path: String, byteCountMax: Int)
        throws(KeyFileError) -> [UInt8]
    {
        var bytes = [UInt8](repeating: 0, count: byteCountMax + 1)
        var total = 0
        while total < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                guard let base = $0.baseAddress else { return 0 }
                return read(descriptor, base + total, $0.count - total)
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                SecretBytes.cleanse(&bytes)
                throw .unreadable(path: path, reason: reason(errno))
            }
            if count == 0 { break }
            total += count
        }
        guard total <= byteCountMax else {
            SecretBytes.cleanse(&bytes)
            throw .unreadable(
                path: path, reason: "it is larger than \(byteCountMax) bytes, so not a key file")
        }
        let contents = Array(bytes[..<total])
        SecretBytes.cleanse(&bytes)
        return contents
    }
}

