/// Statement bytes as text: UTF-8 when valid (a byte-order mark is dropped), else ISO 8859-1,
/// which every byte sequence is, so decoding never fails.
enum TextDecoding {
    static func decode(_ bytes: [UInt8]) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        return decodeLine(body)
    }

    /// One line: UTF-8 when valid, else ISO 8859-1.
    static func decodeLine(_ bytes: some Collection<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return latin1(bytes)
    }

    /// ISO 8859-1: each byte is the scalar of the same number.
    static func latin1(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }

    /// The offset of the first byte of `bytes` that is not valid UTF-8, nil when all are.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The text's lines without their terminators (LF, CRLF or CR), numbered from 1.
    static func lines(_ text: String) -> [(number: Int, text: String)] {
        var result: [(number: Int, text: String)] = []
        var number = 0
        let normalized = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        for piece in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            result.append((number, String(piece)))
        }
        return result
    }
}
