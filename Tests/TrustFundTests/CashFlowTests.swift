import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// The statement of cash flows (IPSAS 2, direct method): every posting to 1100 in one line,
/// opening + net change = closing = 1100's balance, reversals in the line of what they undo.
@Suite("Statement of cash flows")
struct CashFlowTests {
    private func report(_ fund: TestFund, from: String = "2026-01-01", _ asOf: String) throws -> CashFlowReport {
        try CashFlowReport(try ReportBasis(fund.file, report: .cashFlow, asOf: F.d(asOf), from: F.d(from)))
    }

    private func values(_ report: CashFlowReport) -> [String: String] {
        Dictionary(uniqueKeysWithValues: report.lines.filter { !$0.value.isZero }.map { ($0.kind.rawValue, $0.value.decimalString) })
    }

    /// The year of ReportTests, by hand: receipts USD 14,975.00 (15,000.00 less 25.00 charges)
    /// + 15,000.00, EUR 60,000.00 at 0.8200 (73,170.73) + EUR 40,100.00 at 0.7900 (50,759.49);
    /// tranche −12,000.00; PSC 13% of 10,000.00 −1,300.00; the partner's refund +2,000.00; the
    /// EUR cash of 100,100.00 revalued at 0.8100 on 31 Dec is 123,580.25, 349.97 less than the
    /// 123,930.22 it came in at. Closing cash 18,675.00 + 123,580.25 = 142,255.25.
    @Test func theScenarioYearByHand() throws {
        let fund = try ReportTests.scenario(close: false)
        let cash = try report(fund, "2026-12-31")
        #expect(values(cash) == [
            "contributions_received": "153905.22", "grants_paid": "-12000.00", "psc_paid": "-1300.00",
            "refunds_from_partners": "2000.00", "exchange_differences": "-349.97",
        ])
        #expect(cash.total(.operating).decimalString == "142605.22")
        #expect(cash.opening.isZero)
        #expect(cash.closing.decimalString == "142255.25")
        #expect(cash.reconciles)
        // The year-end close moves no cash: the same statement after it.
        let closed = try report(try ReportTests.scenario(close: true), "2026-12-31")
        #expect(values(closed) == values(cash))
        #expect(closed.reconciles)
    }

    /// A later period opens with the cash the earlier one closed with.
    @Test func aPeriodOpensWithTheCashBeforeIt() throws {
        let fund = try ReportTests.scenario(close: false)
        let first = try report(fund, "2026-06-30")
        let second = try report(fund, from: "2026-07-01", "2026-12-31")
        #expect(second.opening == first.closing)
        #expect(first.reconciles && second.reconciles)
        #expect(second.closing.decimalString == "142255.25")
    }

    /// Reversed entries: a receipt, an interest allocation and a grant tranche, each reversed
    /// by an approved reversal, land in the line of the entry they undo, with the sign flipped.
    @Test func reversalsLandInTheLineOfWhatTheyUndo() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()  // 100,000.00 in, 12,000.00 paid on 15 Feb
        let payment = try #require(try fund.file.entries(ofKinds: [.approvalApprove]).last)
        let receipt = try #require(try fund.file.entries(ofKinds: [.contributionReceive]).last)
        try fund.record(FundDrafts.interest(income: F.usd("500.00"), costs: F.usd("20.00"), date: F.d("2026-03-31"), ref: "INT-Q1"))
        try fund.record(FundDrafts.interest(income: F.usd("400.00"), costs: F.usd("15.00"), date: F.d("2026-06-30"), ref: "INT-Q2"))
        let interest = try #require(try fund.file.entries(ofKinds: [.interestAllocate]).last)
        try fund.approved(FundDrafts.reversalRequest(of: interest.seq, date: F.d("2026-07-02"), ref: "REV-INT", memo: "wrong quarter"))
        try fund.approved(FundDrafts.reversalRequest(of: payment.seq, date: F.d("2026-07-03"), ref: "REV-PAY", memo: "paid twice"))
        try fund.record(FundDrafts.agreement(ref: "AGR-2", donor: "ACME", amount: F.usd("100000.00"), date: F.d("2026-07-04")))
        try fund.approved(FundDrafts.reversalRequest(of: receipt.seq, date: F.d("2026-07-05"), ref: "REV-RCV", memo: "wrong agreement"))
        try fund.record(FundDrafts.receipt(agreement: "AGR-2", amount: F.usd("100000.00"), date: F.d("2026-07-05"), bankRef: "BNK-1-AGAIN"))
        let cash = try report(fund, "2026-12-31")
        #expect(values(cash) == ["contributions_received": "100000.00", "interest_received": "500.00", "cash_pool_costs": "-20.00"])
        #expect(cash.reconciles)
        #expect(cash.closing.decimalString == "100480.00")
        #expect(cash.postings == 11)  // 2 receipts, 1 payment, 2 × 2 interest; the reversals: 2 (interest), 1 (payment), 1 (receipt)
        // Before the reversals, the payment and both quarters show.
        let june = try report(fund, "2026-06-30")
        #expect(values(june) == [
            "contributions_received": "100000.00", "grants_paid": "-12000.00", "interest_received": "900.00", "cash_pool_costs": "-35.00",
        ])
        #expect(june.reconciles)
    }

    /// Every kind is classified without a default: the switch is exhaustive, and a voucher's cash
    /// goes by the accounts it posts against.
    @Test func vouchersGoByTheirCounterAccounts() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        let usd = F.usd
        try fund.approved(FundDrafts.voucherRequest(postings: [
            Posting(account: try AccountCode("5300"), amount: usd("1500.00"), value: usd("1500.00")),
            Posting(account: try AccountCode("1100"), amount: usd("-1500.00"), value: usd("-1500.00")),
        ], date: F.d("2026-05-01"), ref: "V-AUDIT", memo: "audit fee"))
        try fund.approved(FundDrafts.voucherRequest(postings: [
            Posting(account: try AccountCode("5400"), amount: usd("12.00"), value: usd("12.00")),
            Posting(account: try AccountCode("1100"), amount: usd("-12.00"), value: usd("-12.00")),
        ], date: F.d("2026-05-02"), ref: "V-BANK", memo: "bank fee"))
        let cash = try report(fund, "2026-12-31")
        #expect(values(cash) == ["contributions_received": "100000.00", "fund_management": "-1500.00", "bank_charges": "-12.00"])
        #expect(cash.reconciles)
    }
}
