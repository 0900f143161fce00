import LedgerCore
import LedgerJournal
import LedgerStore
import Testing
@testable import TrustFund
import TrustFundRules

/// The annual report's snapshot that remembers (ReportMemo): a balance as of an earlier date
/// worked out from a later one, less the period's totals and its year-end closes, is the one the
/// store sums itself; and what it hands out again is what the store said.
@Suite("Reports: the snapshot that remembers")
struct ReportMemoTests {
    @Test func anEarlierBalanceIsALaterOneLessThePostingsInBetween() throws {
        let fund = try ReportTests.scenario(close: true)  // the year 2026, closed on 31 Dec
        let memo = ReportMemo(fund.file)
        let end = F.d("2026-12-31")
        #expect(try memo.trialBalance(asOf: end) == fund.file.trialBalance(asOf: end))
        for day in ["2026-12-30", "2026-06-30", "2026-02-15", "2026-01-01", "2025-12-31"] {
            let date = F.d(day)
            let derived = try memo.trialBalance(asOf: date)
            #expect(derived == (try fund.file.trialBalance(asOf: date)), "\(day)")
        }
        // Derived, not read again: the period totals it took are remembered.
        #expect(memo.totals.keys.contains { $0.hasPrefix("2026-12-31 2026-12-31") })
        #expect(memo.totals.keys.contains { $0.hasPrefix("2026-07-01 2026-12-30") })
        #expect(!(try memo.trialBalance(asOf: F.d("2026-06-30"))).isEmpty)
        // Two dates at once: the later derived from nothing, then the earlier from it.
        let fresh = ReportMemo(fund.file)
        let pair = try fresh.trialBalances(asOf: F.d("2026-03-31"), F.d("2026-09-30"))
        let direct = try fund.file.trialBalances(asOf: F.d("2026-03-31"), F.d("2026-09-30"))
        #expect(pair.first == direct.first && pair.second == direct.second)
        #expect(try fresh.trialBalance(asOf: F.d("2026-01-31")) == fund.file.trialBalance(asOf: F.d("2026-01-31")))
    }

    @Test func theAnnualReportIsTheSameThroughIt() throws {
        let fund = try ReportTests.scenario(close: true)
        let direct = try AnnualReport(fund.file, year: 2026, made: F.d("2027-01-31"))
        #expect(direct.checksHold)
        #expect(!direct.statements.isEmpty && !direct.notes.isEmpty)
        // AnnualReport wraps its snapshot itself; wrapping twice reads the same.
        let twice = try AnnualReport(ReportMemo(fund.file), year: 2026, made: F.d("2027-01-31"))
        #expect("\(twice.statements.map(\.rows))" == "\(direct.statements.map(\.rows))")
        #expect("\(twice.notes.map(\.rows))" == "\(direct.notes.map(\.rows))")
    }
}
