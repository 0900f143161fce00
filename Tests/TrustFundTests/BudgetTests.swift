import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// The Board-approved budget (`budget.set`, issue 11 item 7) and the statement of comparison of
/// budget and actual amounts (IPSAS 24): effective dating, the figures against the postings, a
/// closed year refused, and forged budget entries caught by the verifier.
@Suite struct BudgetTests {
    static func d(_ text: String) -> LedgerDate { TestFund.date(text) }

    static func budget(
        year: Int = 2026, grants: String, secretariat: String, psc: String, from: String, date: String, ref: String
    ) -> EntryDraft {
        FundDrafts.budgetRequest(
            year: year, grants: grants, secretariat: secretariat, psc: psc, from: d(from), date: d(date), ref: ref,
            decision: "Board session, \(ref)")
    }

    /// The report scenario (5100 10,000.00; 5200 1,300.00; 5400 25.00; FX losses in 5900) with
    /// the original budget BUD-1 from 1 January (approved 15 January) and a revision BUD-2 from
    /// 1 July (approved 20 June).
    static func budgeted() throws -> TestFund {
        let fund = try ReportTests.scenario(close: false)
        try fund.approved(budget(grants: "30000.00", secretariat: "1000.00", psc: "3900.00", from: "2026-01-01", date: "2026-01-15", ref: "BUD-1"))
        try fund.approved(budget(grants: "20000.00", secretariat: "500.00", psc: "2600.00", from: "2026-07-01", date: "2026-06-20", ref: "BUD-2"))
        return fund
    }

    static func report(_ fund: TestFund, asOf: String) throws -> BudgetReport {
        try BudgetReport(try ReportBasis(fund.file, report: .budget, asOf: d(asOf), from: d("2026-01-01")))
    }

    @Test func theOriginalIsTheFirstApprovedAndTheFinalTheOneInForceAtYearEnd() throws {
        let fund = try Self.budgeted()
        let budgets = try fund.file.fundRecords(BudgetRules.collection(2026)).map { try ApprovedBudget($0, year: 2026, currency: try Currency(code: "USD")) }
        #expect(budgets.map(\.request) == ["BUD-1", "BUD-2"])
        #expect(ApprovedBudget.inForce(budgets, on: Self.d("2026-06-30"))?.request == "BUD-1")
        #expect(ApprovedBudget.inForce(budgets, on: Self.d("2026-07-01"))?.request == "BUD-2")
        // Known on 31 March: only BUD-1 was approved, so it is original and final.
        let march = try Self.report(fund, asOf: "2026-03-31")
        #expect(march.original?.request == "BUD-1")
        #expect(march.final?.request == "BUD-1")
        let year = try Self.report(fund, asOf: "2026-12-31")
        #expect(year.original?.request == "BUD-1")
        #expect(year.final?.request == "BUD-2")
        #expect(year.lines.map { $0.original?.decimalString ?? "-" } == ["30000.00", "1000.00", "3900.00", "34900.00"])
        #expect(year.lines.map { $0.final?.decimalString ?? "-" } == ["20000.00", "500.00", "2600.00", "23100.00"])
        try fund.verify()
    }

    /// Actual amounts are the year's expense postings by category, as the statement of financial
    /// performance shows them; the year-end close does not hide them.
    @Test func theActualAmountsAreTheYearsExpensePostings() throws {
        let fund = try Self.budgeted()
        try fund.closeYear(2026)
        let report = try Self.report(fund, asOf: "2026-12-31")
        // Grants 10,000.00 of 20,000.00; secretariat: bank charges 25.00 of 500.00; PSC 1,300.00 of
        // 2,600.00; total 11,325.00 of 23,100.00 = 49.03 %, shown 49.0.
        #expect(report.lines.map(\.category) == ["grants", "secretariat", "psc", "total"])
        #expect(report.lines.map(\.actual.decimalString) == ["10000.00", "25.00", "1300.00", "11325.00"])
        #expect(report.lines.map { $0.difference?.decimalString ?? "-" } == ["10000.00", "475.00", "1300.00", "11775.00"])
        #expect(report.lines.map { $0.utilisation ?? "-" } == ["50.0", "5.0", "50.0", "49.0"])
        let performance = try FinancialPerformanceReport(try ReportBasis(fund.file, report: .financialPerformance, asOf: Self.d("2026-12-31")))
        let expense = Dictionary(uniqueKeysWithValues: performance.expenses.map { ($0.account.rawValue, $0.value.decimalString) })
        #expect(expense["5100"] == "10000.00")
        #expect(expense["5200"] == "1300.00")
        #expect(expense["5400"] == "25.00")
        #expect(report.totalExpenses == performance.totalExpenses)
        #expect(try report.otherExpenses.adding(try #require(report.lines.last).actual) == performance.totalExpenses)
        // Outside the categories: the net FX loss as the statement shows it (4900 − 5900), 5600 is nil here.
        let fx = performance.foreignExchange
        #expect(report.otherExpenses == (fx.isLoss ? try fx.net.negated() : .zero(fx.net.currency)))
        #expect(try Money5900.of(fund) != "0.00", "the scenario has FX losses to net")
        let document = report.document
        #expect(document.notes.contains { $0.contains("accrual basis") })
        #expect(document.json.objectValue?["budget_approved"] == .bool(true))
    }

    @Test func aYearWithoutABudgetSaysSo() throws {
        let fund = try ReportTests.scenario(close: false)
        let report = try Self.report(fund, asOf: "2026-12-31")
        #expect(report.original == nil)
        #expect(report.lines.allSatisfy { $0.final == nil && $0.utilisation == nil })
        #expect(report.document.notes.first?.contains("No budget for 2026 is approved as of 2026-12-31") == true)
        #expect(report.document.notes.first?.contains("vtf budget set --year 2026") == true)
    }

    /// A category budgeted at zero has no utilisation ("n/a") and its overrun is named in a note.
    @Test func anOverrunIsNamedAndAZeroBudgetHasNoUtilisation() throws {
        let fund = try ReportTests.scenario(close: false)
        try fund.approved(Self.budget(grants: "8000.00", secretariat: "0.00", psc: "1300.00", from: "2026-01-01", date: "2026-01-15", ref: "BUD-1"))
        let report = try Self.report(fund, asOf: "2026-12-31")
        #expect(report.lines.map { $0.difference?.decimalString ?? "-" } == ["-2000.00", "-25.00", "0.00", "-2025.00"])
        #expect(report.lines.map { $0.utilisation ?? "-" } == ["125.0", "-", "100.0", "121.8"])
        let notes = report.document.notes
        #expect(notes.contains("Grants to CSOs: the actual amount exceeds the final budget by 2000.00 USD."), "\(notes)")
        #expect(notes.contains("Secretariat and fund management costs: the actual amount exceeds the final budget by 25.00 USD."), "\(notes)")
        #expect(notes.contains("The original budget was not revised."), "\(notes)")
        #expect(report.document.tables[0].rows[1].last == "n/a")
        #expect(throws: ReportError.self) { try FundReports.budget(ledger: fund.file, year: 2026, asOf: Self.d("2025-12-31")) }
        #expect(try FundReports.budget(ledger: fund.file, year: 2026, asOf: Self.d("2027-03-01")).heading.asOf == Self.d("2026-12-31"))
    }

    @Test func aClosedYearsBudgetCannotChange() throws {
        let fund = try Self.budgeted()
        try fund.closeYear(2026)
        try fund.expectRefusal(
            Self.budget(grants: "1.00", secretariat: "1.00", psc: "1.00", from: "2026-10-01", date: "2027-01-10", ref: "BUD-LATE"),
            code: .closedYear)
        try fund.verify()
    }

    @Test func theRulesRefuseBadBudgets() throws {
        let fund = try Self.budgeted()
        try fund.expectRefusal(
            Self.budget(grants: "-1.00", secretariat: "0.00", psc: "0.00", from: "2026-09-01", date: "2026-08-01", ref: "BUD-X"),
            code: .badField)
        try fund.expectRefusal(
            Self.budget(grants: "1.00", secretariat: "0.001", psc: "0.00", from: "2026-09-01", date: "2026-08-01", ref: "BUD-X"),
            code: .badField)
        try fund.expectRefusal(
            Self.budget(grants: "1.00", secretariat: "0.00", psc: "0.00", from: "2024-12-31", date: "2026-08-01", ref: "BUD-X"),
            code: .wrongDate)
        try fund.expectRefusal(
            Self.budget(grants: "1.00", secretariat: "0.00", psc: "0.00", from: "2026-07-01", date: "2026-08-01", ref: "BUD-X"),
            code: .alreadyRecorded)
        try fund.record(Self.budget(grants: "1.00", secretariat: "0.00", psc: "0.00", from: "2026-10-01", date: "2026-08-01", ref: "BUD-3"))
        try fund.expectRefusal(
            Self.budget(grants: "2.00", secretariat: "0.00", psc: "0.00", from: "2026-10-01", date: "2026-08-02", ref: "BUD-4"),
            code: .alreadyRecorded)
        // Never approved by the requester, nor by the certifier under another key.
        try fund.record(FundDrafts.decision(.approvalCertify, request: "BUD-3", date: Self.d("2026-08-01")), by: TestFund.chen)
        try fund.expectRefusal(FundDrafts.decision(.approvalApprove, request: "BUD-3", date: Self.d("2026-08-01")), by: TestFund.mariaApproving,
                               code: .twoPerson)
        try fund.expectRefusal(FundDrafts.decision(.approvalApprove, request: "BUD-3", date: Self.d("2026-08-01")), by: TestFund.chenApproving,
                               code: .twoPerson)
        try fund.verify()
    }

    // MARK: - Forged entries

    /// A budget request signed with a negative amount, or approved by the requester's own
    /// approving key, has valid signatures but breaks the shared rules: `verify` names the entry.
    @Test func theVerifierCatchesForgedBudgetEntries() throws {
        let fund = try TestFund()
        let request = try fund.record(Self.budget(grants: "300.00", secretariat: "40.00", psc: "39.00", from: "2026-01-01", date: "2026-01-15", ref: "BUD-1"))
        let entries = try Forgery.journal(fund)
        try Forgery.expectVerifies(entries)
        var negative = request.body
        negative.data["grants"] = .string("-300.00")
        Forgery.expectCaught(try Forgery.replacingLast(entries, with: negative, signedBy: TestFund.maria), at: request.body.seq, rule: .badField)

        try fund.record(FundDrafts.decision(.approvalCertify, request: "BUD-1", date: Self.d("2026-01-15")), by: TestFund.chen)
        let approval = try fund.record(FundDrafts.decision(.approvalApprove, request: "BUD-1", date: Self.d("2026-01-15")), by: TestFund.amara)
        var selfApproved = approval.body
        selfApproved.signer = TestFund.mariaApproving.publicKey.keyID
        Forgery.expectCaught(try Forgery.replacingLast(try Forgery.journal(fund), with: selfApproved, signedBy: TestFund.mariaApproving), at: approval.body.seq,
                     rule: .twoPerson)
    }
}

/// What 5900 (FX losses) holds for 2026, the only expense of the scenario outside the budget's categories.
private enum Money5900 {
    static func of(_ fund: TestFund) throws -> String {
        let rows = try fund.file.postingTotals(from: TestFund.date("2026-01-01"), through: TestFund.date("2026-12-31"), excluding: [.yearClose])
        var total = Amount.zero(try Currency(code: "USD"))
        for row in rows where row.account.rawValue.hasPrefix("5900") { total = try total.adding(row.value) }
        return total.decimalString
    }
}
