import BankStatements
import Foundation
import LedgerCore
import Reconciliation
import Testing

/// Issue 12 item 1: only a true repeat is a duplicate. The key is the bank id with amount,
/// booking date and direction; NONREF/NOTPROVIDED are no id; lines of one statement never
/// duplicate each other.
@Suite("Duplicate bank lines")
struct DuplicateKeyTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/bank")

    /// The file's lines, each numbered with its statement as `vtf reconcile bank` numbers them.
    static func lines(_ name: String, _ format: StatementFormat) throws -> [BankLine] {
        let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
        let file = try StatementReader.read(bytes: bytes, format: format, fileName: name)
        return file.statements.enumerated().flatMap { number, statement in
            statement.lines.map { line in
                var line = line
                line.statementOrdinal = number
                return line
            }
        }
    }

    /// ING layout: `//NONREF` and `//notprovided` on two equal charges are no id (they were
    /// duplicates, dropped from the unmatched list); the statement exported twice is.
    @Test func ingPlaceholdersAreNoIDAndAReExportIs() throws {
        let bank = try Self.lines("mt940_own_ing_nonref_reexport.sta", .mt940)
        #expect(bank.count == 7)
        let result = Matcher.match(bank: bank, book: [])
        // Lines 17/19 (statement B) come again as lines 26/28 in its re-export.
        #expect(result.duplicates.map(\.bank.sourceLine) == [26, 28])
        #expect(result.duplicates.map(\.first.sourceLine) == [17, 19])
        #expect(result.unmatchedBank.map(\.sourceLine) == [6, 8, 10, 17, 19])
    }

    /// Deutsche Bank layout: a reversal (`RvslInd`) and a batch beside a single entry share an
    /// `AcctSvcrRef`; `NOTPROVIDED` in any case is no id: nothing is a duplicate.
    @Test func camtSharedReferencesAreNoDuplicates() throws {
        let bank = try Self.lines("camt053_own_deutschebank_shared_refs.xml", .camt053)
        #expect(bank.count == 6)
        #expect(bank.map(\.isReversal) == [false, true, false, false, false, false])
        let result = Matcher.match(bank: bank, book: [])
        #expect(result.duplicates.isEmpty)
        #expect(result.unmatchedBank.count == 6)
        // The same statement imported twice: each line with an id repeats, none without.
        let twice = bank + bank.map { line in
            var copy = line
            copy.statementOrdinal = 1
            copy.sourceLine += 1000
            return copy
        }
        let again = Matcher.match(bank: twice, book: [])
        #expect(again.duplicates.count == 4)
        #expect(again.duplicates.allSatisfy { $0.bank.sourceLine > 1000 && $0.first.sourceLine < 1000 })
    }

    /// Each part of the key on its own.
    @Test func theKeyIsIDAmountDateAndDirection() throws {
        func duplicates(_ second: BankLine) throws -> Int {
            var first = try Fixture.bank(10_000, day: 3, id: "ACS-9", line: 1)
            first.statementOrdinal = 0
            var second = second
            second.statementOrdinal = 1
            return Matcher.match(bank: [first, second], book: []).duplicates.count
        }
        #expect(try duplicates(Fixture.bank(10_000, day: 3, id: "acs-9 ", line: 2)) == 0, "ids are compared as given, trimmed")
        #expect(try duplicates(Fixture.bank(10_000, day: 3, id: " ACS-9 ", line: 2)) == 1)
        #expect(try duplicates(Fixture.bank(10_001, day: 3, id: "ACS-9", line: 2)) == 0)
        #expect(try duplicates(Fixture.bank(-10_000, day: 3, id: "ACS-9", line: 2)) == 0)
        #expect(try duplicates(Fixture.bank(10_000, day: 3, id: "ACS-9", reversal: true, line: 2)) == 0)
        #expect(try duplicates(Fixture.bank(10_000, day: 4, id: "ACS-9", line: 2)) == 0)
        #expect(try duplicates(Fixture.bank(10_000, day: 9, bookingDay: 3, id: "ACS-9", line: 2)) == 1)
        // Within one statement the balance counts both lines: no duplicate.
        var one = try Fixture.bank(10_000, day: 3, id: "ACS-9", line: 1)
        var two = try Fixture.bank(10_000, day: 3, id: "ACS-9", line: 2)
        one.statementOrdinal = 4
        two.statementOrdinal = 4
        #expect(Matcher.match(bank: [one, two], book: []).duplicates.isEmpty)
        // Placeholders are no id, in any case and with slashes.
        let placeholders = try ["NONREF", "//NONREF", "NotProvided"].enumerated().map { index, id in
            try Fixture.bank(10_000, day: 3, id: id, line: index + 1)
        }
        #expect(Matcher.match(bank: placeholders, book: []).duplicates.isEmpty)
    }
}
