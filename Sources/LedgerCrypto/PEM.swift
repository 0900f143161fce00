/// PEM text (RFC 7468): one labelled base64 block, with optional explanatory text around it.
enum PEM {
    /// The labels vtf reads and writes.
    static let publicKeyLabel = "PUBLIC KEY"
    static let privateKeyLabel = "PRIVATE KEY"
    static let encryptedPrivateKeyLabel = "ENCRYPTED PRIVATE KEY"

    /// The longest PEM text we read; an Ed25519 key file is well under 1 KiB.
    static let textByteCountMax = 64 * 1024

    /// A decoded PEM block.
    struct Block {
        /// The label between "BEGIN " and "-----", e.g. "PRIVATE KEY".
        let label: String
        /// The DER bytes the base64 body decodes to.
        var der: [UInt8]
    }

    /// Finds the first block whose label is one of `labels` and decodes its body. Text before the
    /// BEGIN line and after the END line is ignored (RFC 7468 §5.2 explanatory text).
    static func decode(_ text: String, labels: [String]) throws(CryptoError) -> Block {
        guard text.utf8.count <= textByteCountMax else {
            throw .invalidPEM("the text is longer than \(textByteCountMax) bytes")
        }
        // Split on LF bytes, not Characters: Swift treats CR LF as one Character.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { line in
                let bytes = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
                return Substring(String(decoding: bytes, as: UTF8.self))
            }
        for (index, line) in lines.enumerated() {
            guard let label = beginLabel(line), labels.contains(label) else { continue }
            return try decodeBody(lines[(index + 1)...], label: label)
        }
        let found = lines.compactMap(beginLabel).map { "BEGIN \($0)" }
        let wanted = labels.map { "BEGIN \($0)" }.joined(separator: " or ")
        guard found.isEmpty else {
            let foundList = found.joined(separator: ", ")
            throw .invalidPEM("expected a \(wanted) block but found \(foundList)")
        }
        throw .invalidPEM("no \(wanted) block")
    }

    /// Encodes `der` as a PEM block with 64-character lines, ending in "\n".
    static func encode(_ der: [UInt8], label: String) -> String {
        let body = Array(Base64.encode(der).utf8)
        var text = "-----BEGIN \(label)-----\n"
        var start = 0
        while start < body.count {
            let end = min(start + 64, body.count)
            text += String(decoding: body[start..<end], as: UTF8.self) + "\n"
            start = end
        }
        return text + "-----END \(label)-----\n"
    }

    private static func beginLabel(_ line: Substring) -> String? {
        let trimmed = line.trimmingTrailingBlanks()
        guard trimmed.hasPrefix("-----BEGIN "), trimmed.hasSuffix("-----"),
              trimmed.count > "-----BEGIN ".count + "-----".count
        else { return nil }
        return String(trimmed.dropFirst("-----BEGIN ".count).dropLast("-----".count))
    }

    private static func decodeBody(_ lines: ArraySlice<Substring>, label: String)
        throws(CryptoError) -> Block
    {
        var body = ""
        for line in lines {
            let trimmed = line.trimmingTrailingBlanks()
            if trimmed == "-----END \(label)-----" {
                guard let der = Base64.decode(body), !der.isEmpty else {
                    throw .invalidPEM("the BEGIN \(label) block is not valid base64")
                }
                return Block(label: label, der: der)
            }
            guard !trimmed.hasPrefix("-----") else {
                throw .invalidPEM(
                    "the BEGIN \(label) block ends with \(trimmed) instead of END \(label)")
            }
            guard !trimmed.contains(":") else {
                throw .invalidPEM("the BEGIN \(label) block has RFC 1421 headers (legacy "
                    + "encryption), which are not supported")
            }
            body += trimmed.filter { $0 != " " && $0 != "\t" }
        }
        throw .invalidPEM("the BEGIN \(label) block has no END \(label) line")
    }
}

extension Substring {
    /// The line without trailing spaces and tabs (RFC 7468 allows them).
    func trimmingTrailingBlanks() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
