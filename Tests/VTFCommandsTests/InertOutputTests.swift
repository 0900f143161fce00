import Foundation
import Testing

/// Issue 10 item 14: terminal escape sequences from a bank file (or any outside text) were
/// printed raw, so a statement line could clear the screen or retitle the window. Everything
/// vtf prints now shows control characters as `\u001b`-style escapes.
@Suite("Printed text is inert")
struct InertOutputTests {
    private static let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{07}"

    @Test func aBankLineWithEscapeSequencesIsPrintedEscaped() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = fund.base.dir + "/january.sta"
        let statement = BankReconcileCommandTests.statement
            .replacingOccurrences(of: ":86:Bank charges January", with: ":86:Bank charges \(Self.hostile)")
            .replacingOccurrences(of: "//BNK-0003", with: "//BNK\u{1B}[31m3")
        try statement.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100"])
        let printed = result.stdout + result.stderr
        #expect(!printed.unicodeScalars.contains("\u{1B}") && !printed.unicodeScalars.contains("\u{07}"), "\(printed.debugDescription)")
        #expect(printed.contains("\\u001b"), "\(printed)")
    }

    @Test func outsideTextInMessagesAndTablesIsEscaped() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        // A name with an escape sequence, in a table and in a message; and a refused file name.
        let added = try fund.run(["donor", "add", "ESC", "--name", "Evil \(Self.hostile)", "--type", "member-state", "--country", "FR",
                                  "--date", "2026-01-05"])
        let list = try fund.run(["donor", "list"])
        let missing = try fund.run(["post", "--file", fund.base.dir + "/\u{1B}[2Jdraft.json"])
        for result in [added, list, missing] {
            let printed = result.stdout + result.stderr
            #expect(!printed.unicodeScalars.contains("\u{1B}"), "\(printed.debugDescription)")
        }
        #expect(missing.status == 2 && missing.stderr.contains("\\u001b[2Jdraft.json"), "\(missing.stderr)")
    }
}
