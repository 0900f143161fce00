import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// The seven reports over the year of FundScenarioTests. Every expected figure is worked out by
/// hand from the scenario's comments (and written here as text); none comes from the code under test.
@Suite("IPSAS reports, figures worked out by hand")
struct ReportTests {
    private static func d(_ text: String) -> LedgerDate { TestFund.date(text) }
    private static func usd(_ text: String) -> Amount { TestFund.money(text) }
    private static func eur(_ text: String) -> Amount { TestFund.money(text, "EUR") }

    /// The scenario's year through the reserve adjustment of 31 Dec; closed too when `close`.
    static func scenario(close: Bool) throws -> TestFund {
        let fund = try TestFund(settings: ["planned_expenditure": "100000.00"])
        for (month, value) in [("2026-01-01", "0.8000"), ("2026-03-01", "0.8200"), ("2026-06-01", "0.7900"), ("2026-12-01", "0.8100")] {
            try fund.recordRates(FundDrafts.rates([(try Currency(code: "EUR"), try Decimal64(parsing: value))], from: d(month), revision: false, date: d(month)))
        }
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: d("2026-01-05")))
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-BEL-1", donor: "BEL", amount: eur("100000.00"), date: d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-BEL-1", amount: eur("60000.00"), date: d("2026-03-05"), bankRef: "BNK-0305"))
        try fund.record(FundDrafts.receipt(agreement: "AGR-BEL-1", amount: eur("40100.00"), date: d("2026-06-10"), bankRef: "BNK-0610"))
        try fund.record(FundDrafts.agreement(
            ref: "AGR-ACME-1", donor: "ACME", amount: usd("30000.00"), date: d("2026-02-01"),
            instalments: [.init(amount: usd("15000.00"), due: d("2026-02-01")), .init(amount: usd("15000.00"), due: d("2026-08-01"))]))
        try fund.record(FundDrafts.receipt(agreement: "AGR-ACME-1", amount: usd("15000.00"), charges: usd("25.00"), date: d("2026-02-20"), bankRef: "BNK-0220"))
        try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: usd("20000.00"),
            tranches: [usd("12000.00"), usd("8000.00")], date: d("2026-04-01")))
        try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: usd("12000.00"), date: d("2026-04-15"), ref: "PAY-01"))
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: usd("10000.00"), date: d("2026-07-31")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-ACME-1", amount: usd("15000.00"), date: d("2026-08-01"), bankRef: "BNK-0801"))
        try fund.record(FundDrafts.grantRefund(grant: "G-01", amount: usd("2000.00"), date: d("2026-09-30"), bankRef: "BNK-0930"))
        try fund.record(FundDrafts.grantClose(grant: "G-01", date: d("2026-10-01")))
        try fund.record(FundDrafts.revaluation(date: d("2026-12-31")))
        try fund.record(FundDrafts.reserveAdjustment(date: d("2026-12-31")))
        if close { try fund.closeYear(2026) }
        return fund
    }

    private func basis(_ fund: TestFund, _ report: FundReportName, _ asOf: String, from: String? = nil) throws -> ReportBasis {
        try ReportBasis(fund.file, report: report, asOf: Self.d(asOf), from: from.map(Self.d))
    }

    private func values(_ lines: [FinancialPositionReport.Line]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: lines.map { ($0.key, $0.value.decimalString) })
    }

    @Test func trialBalanceBeforeTheClose() throws {
        let report = try TrialBalanceReport(try basis(try Self.scenario(close: false), .trialBalance, "2026-12-31"))
        // Debits: cash 18,675.00 + 123,580.25, 3100 15,000.00, 5100 10,000.00, 5200 1,300.00,
        // 5400 25.00, 5900 1,829.27 + 346.85 = 170,756.37. Credits: 2300.BEL 123.46, 3300
        // 15,000.00, 4100 125,000.00, 4110 30,000.00, 4900 632.91 = 170,756.37. The memo
        // contras add 20,000.00 each side: the award (Cr 9900.AWARDED 20,000.00) against the
        // tranche paid (Dr 9900.PAID.G-01 12,000.00) and the commitment released at the grant's close
        // (Dr 9900 8,000.00).
        #expect(report.totalDebit.decimalString == "190756.37")
        #expect(report.totalCredit.decimalString == "190756.37")
        #expect(report.balances)
        let lines = report.lines.map { "\($0.account) \($0.amount.currency.code) \($0.amount.decimalString) \($0.debit.decimalString) \($0.credit.decimalString)" }
        #expect(lines == [
            "1100 EUR 100100.00 123580.25 0.00", "1100 USD 18675.00 18675.00 0.00", "2300.BEL EUR -100.00 0.00 123.46",
            "3100 USD 15000.00 15000.00 0.00", "3300 USD -15000.00 0.00 15000.00", "4100 EUR -100000.00 0.00 125000.00",
            "4110 USD -30000.00 0.00 30000.00", "4900 EUR 0.00 0.00 632.91", "5100 USD 10000.00 10000.00 0.00",
            "5200 USD 1300.00 1300.00 0.00", "5400 USD 25.00 25.00 0.00", "5900 EUR 0.00 2176.12 0.00",
            "9900 USD 8000.00 8000.00 0.00", "9900.AWARDED USD -20000.00 0.00 20000.00", "9900.PAID.G-01 USD 12000.00 12000.00 0.00",
        ])
    }

    @Test func financialPositionBeforeAndAfterTheClose() throws {
        let fund = try Self.scenario(close: false)
        let before = try FinancialPositionReport(try basis(fund, .financialPosition, "2026-12-31"))
        #expect(before.totalAssets.decimalString == "142255.25")  // 18,675.00 + 123,580.25
        #expect(before.totalLiabilities.decimalString == "123.46")
        #expect(before.totalNetAssets.decimalString == "142131.79")
        #expect(before.balances)
        #expect(values(before.assets) == [
            "cash": "142255.25", "contributions_receivable": "0.00", "advances": "0.00", "accrued_interest": "0.00",
            "contributions_receivable_non_current": "0.00",
        ])
        #expect(values(before.netAssets) == [
            "accumulated_surplus_unearmarked": "-15000.00", "accumulated_surplus_earmarked": "0.00",
            "operating_reserve": "15000.00", "surplus_not_closed": "142131.79",
        ])
        try fund.closeYear(2026)
        let after = try FinancialPositionReport(try basis(fund, .financialPosition, "2026-12-31"))
        #expect(after.totalAssets.decimalString == "142255.25")
        #expect(values(after.netAssets)["accumulated_surplus_unearmarked"] == "127131.79")  // 142,131.79 − 15,000.00
        #expect(values(after.netAssets)["surplus_not_closed"] == "0.00")
        #expect(after.balances)
    }

    @Test func financialPositionMidYearWithTheMemoAccounts() throws {
        let report = try FinancialPositionReport(try basis(try Self.scenario(close: true), .financialPosition, "2026-04-30"))
        // Cash 73,170.73 (EUR) + 14,975.00 − 12,000.00 = 76,145.73; receivables BEL 50,000.00 +
        // ACME 15,000.00; advance to G-01 12,000.00: assets 153,145.73, no liabilities.
        #expect(values(report.assets)["cash"] == "76145.73")
        #expect(values(report.assets)["contributions_receivable"] == "65000.00")
        #expect(values(report.assets)["advances"] == "12000.00")
        #expect(report.totalAssets.decimalString == "153145.73")
        #expect(report.totalLiabilities.decimalString == "0.00")
        // Revenue 125,000.00 + 30,000.00; expenses 25.00 + 1,829.27.
        #expect(values(report.netAssets)["surplus_not_closed"] == "153145.73")
        #expect(values(report.memo) == ["pledges": "0.00", "commitments": "8000.00"])  // 20,000.00 awarded − 12,000.00 paid
        #expect(report.balances)
    }

    @Test func financialPerformanceOfTheYear() throws {
        for close in [false, true] {
            let report = try FinancialPerformanceReport(try basis(try Self.scenario(close: close), .financialPerformance, "2026-12-31"))
            // FX gains 632.91 less losses 2,176.12 is a net loss of 1,543.21, shown as one expense line.
            #expect(report.totalRevenue.decimalString == "155000.00")
            #expect(report.totalExpenses.decimalString == "12868.21")
            #expect(report.surplus.decimalString == "142131.79")
            let revenue = report.revenue.map { "\($0.account) \($0.value.decimalString)" }
            #expect(revenue == ["4100 125000.00", "4110 30000.00", "4120 0.00", "4200 0.00", "4300 0.00"])
            let expenses = report.expenses.map { "\($0.account) \($0.value.decimalString)" }
            #expect(expenses == ["5100 10000.00", "5200 1300.00", "5300 0.00", "5400 25.00", "5500 0.00", "5600 0.00", "5900 1543.21"])
        }
    }

    @Test func financialPerformanceOfTheSecondHalf() throws {
        let report = try FinancialPerformanceReport(try basis(try Self.scenario(close: true), .financialPerformance, "2026-12-31", from: "2026-07-01"))
        // 5100 10,000.00 + 5200 1,300.00 + 5900 346.85 (revaluation); no revenue.
        #expect(report.totalRevenue.decimalString == "0.00")
        #expect(report.totalExpenses.decimalString == "11646.85")  // the net FX loss is the revaluation's
        #expect(report.surplus.decimalString == "-11646.85")
    }

    private func row(_ row: NetAssetsReport.Row) -> [String] { row.values.map(\.decimalString) + [row.total.decimalString] }

    @Test func changesInNetAssets() throws {
        let fund = try Self.scenario(close: true)
        let year = try NetAssetsReport(try basis(fund, .netAssets, "2026-12-31"))
        #expect(year.components.map(\.rawValue) == ["3100", "3200", "3300"])
        #expect(row(year.opening) == ["0.00", "0.00", "0.00", "0.00"])
        #expect(row(year.surplus) == ["142131.79", "0.00", "0.00", "142131.79"])
        #expect(row(year.reserveTransfers) == ["-15000.00", "0.00", "15000.00", "0.00"])
        #expect(row(year.otherMovements) == ["0.00", "0.00", "0.00", "0.00"])
        #expect(row(year.closing) == ["127131.79", "0.00", "15000.00", "142131.79"])
        #expect(year.reconciles)
        // Second half: opening = the surplus through 30 Jun, 155,632.91 − 25.00 − 1,829.27.
        let half = try NetAssetsReport(try basis(fund, .netAssets, "2026-12-31", from: "2026-07-01"))
        #expect(row(half.opening) == ["153778.64", "0.00", "0.00", "153778.64"])
        #expect(row(half.surplus) == ["-11646.85", "0.00", "0.00", "-11646.85"])
        #expect(row(half.closing) == ["127131.79", "0.00", "15000.00", "142131.79"])
        #expect(half.reconciles)
    }

    private func grantFigures(_ line: GrantsReport.Line) -> [String] {
        [line.amount, line.paid, line.spent, line.psc, line.refunded, line.commitment, line.advance].map(\.decimalString) + [line.status.rawValue]
    }

    @Test func grantsAsOfThreeDates() throws {
        let fund = try Self.scenario(close: true)
        #expect(try GrantsReport(try basis(fund, .grants, "2026-03-31")).lines.isEmpty)
        let april = try GrantsReport(try basis(fund, .grants, "2026-04-10"))
        #expect(april.lines.map(grantFigures) == [["20000.00", "0.00", "0.00", "0.00", "0.00", "20000.00", "0.00", "open"]])
        let august = try GrantsReport(try basis(fund, .grants, "2026-08-31"))
        #expect(august.lines.map(grantFigures) == [["20000.00", "12000.00", "10000.00", "1300.00", "0.00", "8000.00", "2000.00", "open"]])
        let year = try GrantsReport(try basis(fund, .grants, "2026-12-31"))
        #expect(year.lines.map(grantFigures) == [["20000.00", "12000.00", "10000.00", "1300.00", "2000.00", "0.00", "0.00", "closed"]])
        let line = try #require(year.lines.first)
        #expect([line.grant, line.granteeName, line.requested, line.requester, line.certified, line.certifier, line.approved, line.approver]
            == ["G-01", "Shelter Org", "2026-04-01", "maria", "2026-04-01", "chen", "2026-04-01", "amara"])
        #expect(year.totals["paid"]?.decimalString == "12000.00")
        #expect(year.totals["refunded"]?.decimalString == "2000.00")
    }

    private func receivable(_ line: ReceivablesReport.Line) -> [String] {
        [line.donor, line.agreement, line.outstanding.currency.code, line.outstanding.decimalString, line.value.decimalString]
            + line.ageing.map(\.decimalString)
    }

    @Test func receivablesAgeing() throws {
        let fund = try Self.scenario(close: true)
        // 10 Feb: Belgium's single instalment was due 10 Jan (31 days); Acme's first was due 1 Feb (9 days).
        let february = try ReceivablesReport(try basis(fund, .receivables, "2026-02-10"))
        #expect(february.lines.map(receivable) == [
            ["ACME", "AGR-ACME-1", "USD", "30000.00", "30000.00", "15000.00", "15000.00", "0.00", "0.00", "0.00"],
            ["BEL", "AGR-BEL-1", "EUR", "100000.00", "125000.00", "0.00", "0.00", "100000.00", "0.00", "0.00"],
        ])
        #expect(february.totalValue.decimalString == "155000.00")
        // 1 Apr: EUR 60,000.00 received (carrying 75,000.00 of 125,000.00); Acme's first paid.
        let april = try ReceivablesReport(try basis(fund, .receivables, "2026-04-01"))
        #expect(april.lines.map(receivable) == [
            ["ACME", "AGR-ACME-1", "USD", "15000.00", "15000.00", "15000.00", "0.00", "0.00", "0.00", "0.00"],
            ["BEL", "AGR-BEL-1", "EUR", "40000.00", "50000.00", "0.00", "0.00", "40000.00", "0.00", "0.00"],
        ])
        #expect(april.totalValue.decimalString == "65000.00")
        #expect(april.netValue.decimalString == "65000.00")
        // 5 Jun: 146 days after 10 Jan.
        let june = try ReceivablesReport(try basis(fund, .receivables, "2026-06-05"))
        #expect(june.lines.last.map(receivable) == ["BEL", "AGR-BEL-1", "EUR", "40000.00", "50000.00", "0.00", "0.00", "0.00", "40000.00", "0.00"])
        #expect(try ReceivablesReport(try basis(fund, .receivables, "2026-12-31")).lines.isEmpty)
    }

    @Test func programmeSupportCosts() throws {
        let report = try PSCReport(try basis(try Self.scenario(close: true), .psc, "2026-12-31"))
        let lines = report.lines.map { [$0.date.description, $0.grant, $0.expenditure.decimalString, $0.rate, $0.charged.decimalString, $0.recomputed.decimalString] }
        #expect(lines == [["2026-07-31", "G-01", "10000.00", "13", "1300.00", "1300.00"]])  // 13 % of 10,000.00
        #expect(report.agrees)
        #expect(report.totalCharged.decimalString == "1300.00")
        #expect(report.ledgerPSC.decimalString == "1300.00")
        #expect(try PSCReport(try basis(try Self.scenario(close: false), .psc, "2026-06-30")).lines.isEmpty)
    }

    @Test func aPeriodThatEndsBeforeItStartsIsRefused() throws {
        let fund = try TestFund()
        #expect(throws: ReportError.self) { try ReportBasis(fund.file, report: .netAssets, asOf: Self.d("2026-01-31"), from: Self.d("2026-02-01")) }
    }

    @Test func everyReportHasItsDocument() throws {
        let fund = try Self.scenario(close: true)
        for name in FundReportName.allCases {
            let document = try FundReports.document(name, ledger: fund.file, asOf: Self.d("2026-12-31"))
            #expect(document.heading.fundName == "UNVTF test")
            #expect(document.heading.currency.code == "USD")
            #expect(document.json.objectValue?["report"] == .string(name.rawValue))
            #expect(!document.csv.columns.isEmpty)
        }
    }
}
