import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import Testing
import TrustFund
import TrustFundRules

/// Secretariat direct costs (`secretariat.cost`, the worked example of ARCHITECTURE.md): 5300
/// and the PSC on it, paid from cash at approval; two people; checked against funds and cash;
/// shown in the budget and cash-flow statements; a forged payment is caught by the verifier.
@Suite struct SecretariatCostTests {
    static func d(_ text: String) -> LedgerDate { TestFund.date(text) }

    static func cost(_ amount: String, ref: String, date: String = "2026-11-20", category: SecretariatRules.Category = .board) -> EntryDraft {
        FundDrafts.secretariatCostRequest(
            category: category, payee: "UN Vienna conference services", amount: TestFund.money(amount), invoice: "INV-\(ref)",
            description: "Board of Trustees, November session", date: d(date), ref: ref)
    }

    @Test func theApprovalPaysTheCostAndItsPSCFromCash() throws {
        let fund = try ReportTests.scenario(close: false)
        let cashBefore = try fund.totalValueMinor("1100")
        try fund.approved(Self.cost("1000.00", ref: "SEC-1"))
        // PSC 13 % of 1,000.00 = 130.00; both paid from cash.
        #expect(try fund.balance("5300").amount == "1000.00")
        #expect(try fund.totalValueMinor("5200") == 1_300_00 + 130_00)  // the scenario's grant PSC, and this one's
        #expect(try fund.totalValueMinor("1100") == cashBefore - 1_130_00)
        try fund.verify()
    }

    @Test func twoPeopleAndNotTheRequester() throws {
        let fund = try ReportTests.scenario(close: false)
        try fund.record(Self.cost("500.00", ref: "SEC-2"))
        // Not approvable before certification, nor by the requester, nor by the certifier.
        try fund.expectRefusal(FundDrafts.decision(.approvalApprove, request: "SEC-2", date: Self.d("2026-11-20")), by: TestFund.amara, code: .wrongState)
        try fund.record(FundDrafts.decision(.approvalCertify, request: "SEC-2", date: Self.d("2026-11-20")), by: TestFund.chen)
        try fund.expectRefusal(FundDrafts.decision(.approvalApprove, request: "SEC-2", date: Self.d("2026-11-20")), by: TestFund.mariaApproving, code: .twoPerson, containing: "self-approval")
        try fund.expectRefusal(FundDrafts.decision(.approvalApprove, request: "SEC-2", date: Self.d("2026-11-20")), by: TestFund.chenApproving, code: .twoPerson)
        try fund.record(FundDrafts.decision(.approvalApprove, request: "SEC-2", date: Self.d("2026-11-20")), by: TestFund.amara)
        try fund.verify()
    }

    @Test func moreThanTheFundsAvailableIsNotCertified() throws {
        let fund = try ReportTests.scenario(close: false)
        let available = try fund.file.fundsAvailable(asOf: Self.d("2026-11-20")).available
        // The cost fits but not with its PSC on top.
        let cost = Amount(minorUnits: available.minorUnits * 100 / 113 + 100, currency: .usd)
        try fund.record(Self.cost(cost.decimalString, ref: "SEC-3"))
        try fund.expectRefusal(FundDrafts.decision(.approvalCertify, request: "SEC-3", date: Self.d("2026-11-20")), by: TestFund.chen, code: .fundsUnavailable)
    }

    @Test func aCertifiedCostHoldsItsMoneyUntilApproved() throws {
        let fund = try ReportTests.scenario(close: false)
        let before = try fund.file.fundsAvailable(asOf: Self.d("2026-11-20")).available
        try fund.record(Self.cost("1000.00", ref: "SEC-4"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "SEC-4", date: Self.d("2026-11-20")), by: TestFund.chen)
        let after = try fund.file.fundsAvailable(asOf: Self.d("2026-11-20")).available
        #expect(before.minorUnits - after.minorUnits == 1_130_00)
    }

    /// A certified cost holds its PSC at the rate of its own date (the rate its approval will
    /// post), not the rate in force on the day funds are counted.
    @Test func theHeldPSCIsTheRateOfTheRequestsDate() throws {
        let fund = try ReportTests.scenario(close: false)
        try fund.record(Self.cost("1000.00", ref: "SEC-9", date: "2026-11-20"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "SEC-9", date: Self.d("2026-11-20")), by: TestFund.chen)
        // A setting changes after every posting already recorded (the scenario's run to 2026-12-31).
        let before = try fund.file.fundsAvailable(asOf: Self.d("2027-01-15")).available
        try fund.approved(FundDrafts.settingRequest(name: "psc_rate", value: "7", from: Self.d("2027-01-01"), date: Self.d("2026-11-25"), ref: "SET-PSC"))
        let after = try fund.file.fundsAvailable(asOf: Self.d("2027-01-15")).available
        #expect(after == before, "the held 1,130.00 stays 1,130.00 after the rate changes from January")
        try fund.record(FundDrafts.decision(.approvalApprove, request: "SEC-9", date: Self.d("2026-11-20")), by: TestFund.amara)
        #expect(try fund.totalValueMinor("5200") == 1_300_00 + 130_00)
    }

    @Test func aBadRequestIsRefusedWithTheFix() throws {
        let fund = try ReportTests.scenario(close: false)
        var draft = Self.cost("100.00", ref: "SEC-5")
        draft.data["category"] = .string("party")
        try fund.expectRefusal(draft, code: .badField, containing: "category \"party\" is not one of board, evaluation, audit, other")
        var euro = Self.cost("100.00", ref: "SEC-6")
        euro.data["amount"] = .string("100.001")
        try fund.expectRefusal(euro, code: .badField)
    }

    @Test func theBudgetAndTheCashFlowShowIt() throws {
        let fund = try ReportTests.scenario(close: false)
        try fund.approved(Self.cost("1000.00", ref: "SEC-7", category: .audit))
        let budget = try BudgetReport(try ReportBasis(fund.file, report: .budget, asOf: Self.d("2026-12-31"), from: Self.d("2026-01-01")))
        // secretariat = 5300 + 5400 + 5500: the scenario's bank charges 25.00 and this cost.
        #expect(budget.lines[1].actual.decimalString == "1025.00")
        let basis = try ReportBasis(fund.file, report: .cashFlow, asOf: Self.d("2026-12-31"), from: Self.d("2026-01-01"))
        let flows = try CashFlowReport(basis)
        // The cost is fund management; its PSC joins the PSC the partner's report paid (1,300.00).
        #expect(flows.lines.first { $0.kind == .fundManagement }?.value.decimalString == "-1000.00")
        #expect(flows.lines.first { $0.kind == .pscPaid }?.value.decimalString == "-1430.00")
    }

    /// The PSC report lists the cost's PSC beside the grants' (an accountant found it left out,
    /// so that the report's total disagreed with 5200), and its approved reversal negated.
    @Test func thePSCReportListsTheCostAndItsReversal() throws {
        let fund = try ReportTests.scenario(close: false)
        let approval = try fund.approved(Self.cost("1000.00", ref: "SEC-8"))
        let reversal = try fund.approved(FundDrafts.reversalRequest(of: approval.body.seq, date: Self.d("2026-11-25"), ref: "REV-SEC-8", memo: "wrong invoice"))
        let report = try PSCReport(try ReportBasis(fund.file, report: .psc, asOf: Self.d("2026-12-31"), from: Self.d("2026-01-01")))
        let cost = try #require(report.lines.first { $0.seq == approval.body.seq })
        #expect(cost.grant == nil && cost.secretariatCost == "SEC-8" && cost.reverses == nil)
        #expect(cost.expenditure.decimalString == "1000.00" && cost.charged.decimalString == "130.00" && cost.agrees)
        let undone = try #require(report.lines.first { $0.seq == reversal.body.seq })
        #expect(undone.reverses == approval.body.seq && undone.secretariatCost == "SEC-8")
        #expect(undone.expenditure.decimalString == "-1000.00" && undone.charged.decimalString == "-130.00" && undone.agrees)
        #expect(report.totalCharged == report.ledgerPSC, "\(report.totalCharged) vs 5200 \(report.ledgerPSC)")
        #expect(report.agrees)
        // Before the reversal's date, the cost alone, and 5200 holds its PSC with the grants'.
        let before = try PSCReport(try ReportBasis(fund.file, report: .psc, asOf: Self.d("2026-11-24"), from: Self.d("2026-01-01")))
        #expect(before.lines.contains { $0.secretariatCost == "SEC-8" } && !before.lines.contains { $0.seq == reversal.body.seq })
        #expect(before.agrees, "\(before.totalCharged) vs 5200 \(before.ledgerPSC)")
    }

    @Test func aForgedPaymentIsCaughtByTheVerifier() throws {
        let fund = try ReportTests.scenario(close: false)
        let approval = try fund.approved(Self.cost("1000.00", ref: "SEC-8"))
        var forged = approval.body
        // The payee is paid 1,000.00 but the PSC line is left out: balanced, and wrong.
        forged.postings = Array(forged.postings.prefix(2))
        let journal = try Forgery.replacingLast(try Forgery.journal(fund), with: forged, signedBy: TestFund.amara)
        Forgery.expectCaught(journal, at: approval.body.seq, rule: .postingsDiffer)
    }
}
