import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// Presentation on the face of the statements (issue 11 item 8): FX netted into one line with a
/// realised / unrealised note, receivables split current / non-current, restricted net assets
/// by earmark apart from unrestricted ones and the reserve. Figures worked out by hand.
@Suite struct PresentationTests {
    private func basis(_ fund: TestFund, _ report: FundReportName, _ asOf: String, from: String? = nil) throws -> ReportBasis {
        try ReportBasis(fund.file, report: report, asOf: F.d(asOf), from: from.map(F.d))
    }

    private func values(_ lines: [FinancialPositionReport.Line]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: lines.map { ($0.key, $0.value.decimalString) })
    }

    /// The report scenario: gains 632.91 (realised on Belgium's over-payment) and losses
    /// 2,176.12 (1,829.27 realised on receipts, 346.85 unrealised at the 31 December
    /// revaluation) net to a loss of 1,543.21: an expense line; realised −1,196.36.
    @Test func aNetFXLossIsOneExpenseLineWithItsNote() throws {
        let report = try FinancialPerformanceReport(try basis(try ReportTests.scenario(close: true), .financialPerformance, "2026-12-31"))
        let fx = report.foreignExchange
        #expect([fx.net, fx.realised, fx.unrealised].map(\.decimalString) == ["-1543.21", "-1196.36", "-346.85"])
        #expect(fx.isLoss)
        #expect(report.expenses.last.map { "\($0.account) \($0.name) \($0.value.decimalString)" } == "5900 Net foreign exchange gains (losses) 1543.21")
        #expect(!report.revenue.contains { $0.account.rawValue == "4900" })
        let json = try FundReports.document(.financialPerformance, ledger: try ReportTests.scenario(close: false).file, asOf: F.d("2026-12-31")).json
        let note = json.objectValue?["foreign_exchange"]?.objectValue
        #expect(note?["presented_as"] == .string("expense") && note?["realised"] == .string("-1196.36"), "\(json)")
    }

    /// The EUR revaluation of NetAssetsCloseTests gains 333.33, unrealised: a revenue line.
    @Test func aNetFXGainIsOneRevenueLine() throws {
        let fund = try NetAssetsCloseTests.fundInThreeCurrencies()
        let report = try FinancialPerformanceReport(try basis(fund, .financialPerformance, "2026-12-31"))
        #expect(report.revenue.last.map { "\($0.account) \($0.value.decimalString)" } == "4900 333.33")
        #expect(!report.expenses.contains { $0.account.rawValue == "5900" })
        #expect([report.foreignExchange.realised, report.foreignExchange.unrealised].map(\.decimalString) == ["0.00", "333.33"])
    }

    /// Belgium's EUR 4,000.00 (USD 5,000.00 at 0.8000): EUR 1,000.00 due 1 Feb 2026, EUR
    /// 3,000.00 due 31 Jan 2028. On 30 Jun 2026 the second is non-current: 5,000.00 × 3/4 =
    /// 3,750.00; the first, overdue, is current (1,250.00). On 15 Feb 2027 both are current.
    @Test func receivablesDueAfterTwelveMonthsAreNonCurrent() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(
            ref: "AGR-B", donor: "BEL", amount: F.eur("4000.00"), date: F.d("2026-01-10"),
            instalments: [.init(amount: F.eur("1000.00"), due: F.d("2026-02-01")), .init(amount: F.eur("3000.00"), due: F.d("2028-01-31"))]))
        let june = try FinancialPositionReport(try basis(fund, .financialPosition, "2026-06-30"))
        #expect(values(june.assets)["contributions_receivable"] == "1250.00")
        #expect(values(june.assets)["contributions_receivable_non_current"] == "3750.00")
        #expect(june.totalNonCurrentAssets.decimalString == "3750.00")
        #expect(june.assets.filter { !$0.current }.map(\.key) == ["contributions_receivable_non_current"])
        #expect(june.balances)
        let later = try FinancialPositionReport(try basis(fund, .financialPosition, "2027-02-15"))
        #expect(values(later.assets)["contributions_receivable"] == "5000.00")
        #expect(values(later.assets)["contributions_receivable_non_current"] == "0.00")
    }

    /// After the close of NetAssetsCloseTests' Sahel year (18,700.00 restricted): the position
    /// shows 3200 by earmark, and the changes in net assets move 18,700.00 from 3100 to 3200.
    @Test func restrictedNetAssetsShowByEarmark() throws {
        let fund = try NetAssetsCloseTests.earmarkedFund()
        try NetAssetsCloseTests.spendOnSahel(fund, "10000.00")
        try fund.closeYear(2026)
        let position = try FinancialPositionReport(try basis(fund, .financialPosition, "2026-12-31"))
        #expect(values(position.netAssets)["accumulated_surplus_earmarked"] == "18700.00")
        #expect(values(position.netAssets)["accumulated_surplus_unearmarked"] == "100000.00")
        #expect(position.earmarks.map { "\($0.name) \($0.value.decimalString)" } == ["Sahel 18700.00"])
        let changes = try NetAssetsReport(try basis(fund, .netAssets, "2026-12-31"))
        #expect(changes.earmarkTransfers.values.map(\.decimalString) == ["-18700.00", "18700.00", "0.00"])
        #expect(changes.closing.values.map(\.decimalString) == ["100000.00", "18700.00", "0.00"])
        #expect(changes.reconciles)
        #expect(changes.earmarks.map { "\($0.name) \($0.opening.decimalString) \($0.closing.decimalString)" } == ["Sahel 0.00 18700.00"])
        // Before the close date, the record's balance does not apply yet.
        #expect(try FinancialPositionReport(try basis(fund, .financialPosition, "2026-12-30")).earmarks.map(\.value.decimalString) == ["0.00"])
    }
}
