import Foundation
import LedgerCrypto

/// Locates and decodes the shared test vectors in Tests/Fixtures/vectors.
enum Fixtures {
    /// Tests/Fixtures/vectors, found from this file's path.
    static let vectors: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // LedgerCryptoTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures/vectors")

    /// Decodes the JSON file at `relativePath` under the vectors folder.
    static func load<Value: Decodable>(_ type: Value.Type, _ relativePath: String) throws -> Value {
        let data = try Data(contentsOf: vectors.appendingPathComponent(relativePath))
        return try JSONDecoder().decode(type, from: data)
    }

    /// Decodes hex from a fixture; an invalid fixture is a broken test set-up.
    static func bytes(_ hex: String) -> [UInt8] {
        guard let bytes = Hex.decode(hex) else { preconditionFailure("bad hex in fixture: \(hex)") }
        return bytes
    }
}

/// A fresh temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("vtf-crypto-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs the system `openssl` command line tool, when there is one.
enum OpenSSLTool {
    static let path = "/usr/bin/openssl"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Runs openssl with `arguments`; returns the exit status and standard output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
