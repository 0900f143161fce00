import Foundation

/// Test data under Tests/Fixtures, found from this file's path.
enum Fixtures {
    static let jcsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/vectors/jcs")

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: jcsDirectory.appendingPathComponent(relativePath)))
    }

    static func text(_ relativePath: String) throws -> String {
        String(decoding: try bytes(relativePath), as: UTF8.self)
    }

    /// "5b 35 36 ..." → bytes.
    static func hexBytes(_ text: String) -> [UInt8]? {
        var result: [UInt8] = []
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" }) {
            guard let byte = UInt8(token, radix: 16) else { return nil }
            result.append(byte)
        }
        return result
    }
}
