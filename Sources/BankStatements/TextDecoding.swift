/// Statement bytes as text: UTF-8 when valid (a byte-order mark is dropped), else ISO 8859-1,
/// which every byte sequence is, so decoding never fails.
enum TextDecoding {
    static func decode(_ bytes: [UInt8]) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return text }
        var scalars = String.UnicodeScalarView()
        for byte in body { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
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
