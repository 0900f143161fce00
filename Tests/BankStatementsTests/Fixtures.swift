import BankStatements
import Foundation
import LedgerCore
import Testing

/// The sample statements in `Tests/Fixtures/bank/`, and small helpers for hand-made inputs.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/bank")

    static let samples = [
        "camt053_genkgo_v2_multi_statement.xml", "camt053_genkgo_v8.xml", "mt940_betterplace_sepa_mt9401.sta",
        "mt940_cmxl_mt940.sta", "mt940_jejik_abnamro.sta", "mt940_jejik_ing.sta",
    ]

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The sample `name` read in the format its bytes show.
    static func read(_ name: String) throws -> StatementFile {
        let bytes = try bytes(name)
        let format = try #require(StatementFormat.detect(bytes))
        return try StatementReader.read(bytes: bytes, format: format, fileName: name)
    }

    static func mt940(_ text: String, name: String = "hand.sta") throws(StatementError) -> StatementFile {
        try StatementReader.read(bytes: Array(text.utf8), format: .mt940, fileName: name)
    }

    static func camt(_ text: String, name: String = "hand.xml") throws(StatementError) -> StatementFile {
        try StatementReader.read(bytes: Array(text.utf8), format: .camt053, fileName: name)
    }

    static func amount(_ text: String, _ code: String = "EUR") throws -> Amount {
        try Amount(parsing: text, currency: Currency(code: code), mode: .exact)
    }

    static func date(_ text: String) throws -> LedgerDate { try LedgerDate(parsing: text) }

    /// The error message `body` throws, or nil when it does not throw.
    static func message(_ body: () throws(StatementError) -> StatementFile) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.message
        }
    }
}
