import LedgerCore
import Testing
import TrustFund

/// The month ends a `--seal monthly` fund seals before a write (``MonthlySeals/due(opening:latest:sealed:)``).
@Suite struct MonthlySealsTests {
    static func day(_ text: String) throws -> LedgerDate { try LedgerDate(parsing: text) }

    @Test func everyMonthEndBeforeTheLatestMonthThatIsNotSealed() throws {
        let due = MonthlySeals.due(opening: try Self.day("2027-11-15"), latest: try Self.day("2028-03-01"), sealed: [try Self.day("2027-12-31")])
        #expect(due.map(\.description) == ["2027-11-30", "2028-01-31", "2028-02-29"])
    }

    @Test func nothingWithinTheOpeningMonthOrBeforeIt() throws {
        #expect(MonthlySeals.due(opening: try Self.day("2026-01-01"), latest: try Self.day("2026-01-31"), sealed: []).isEmpty)
        #expect(MonthlySeals.due(opening: try Self.day("2026-05-01"), latest: try Self.day("2026-02-10"), sealed: []).isEmpty)
    }

    @Test func anEntryFarAheadSealsOnlyTheLatestMonths() throws {
        let due = MonthlySeals.due(opening: try Self.day("2026-01-01"), latest: try Self.day("2099-06-15"), sealed: [])
        #expect(due.count == MonthlySeals.limit)
        #expect(due.last?.description == "2099-05-31" && due.first?.description == "2097-06-30")
    }
}
