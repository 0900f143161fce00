import LedgerCore
import LedgerJournal
import LedgerStore
import Testing
@testable import TrustFund
import TrustFundRules

/// The statement of cash flows reads the cash postings summed per shape of entry (kind, the
/// entry's accounts, line, sign) and classifies each shape once; reversals are read whole. Its
/// lines must be exactly those of classifying every cash posting of every entry on its own.
@Suite("Statement of cash flows: sums per shape")
struct CashFlowShapesTests {
    /// A year with every way cash is classified beyond the kind: reversals (of a voucher's
    /// approval, of an interest allocation), interest with income and costs (both signs on
    /// 1100), a secretariat cost (the 5300/1100, 5200/1100 pairs), vouchers by counter-account,
    /// two entries of one shape, and the scenario's FX revaluation, PSC and partner's refund.
    static func year() throws -> TestFund {
        let fund = try ReportTests.scenario(close: false)
        let usd = F.usd
        try fund.record(FundDrafts.interest(income: usd("500.00"), costs: usd("20.00"), date: F.d("2026-03-31"), ref: "INT-Q1"))
        try fund.record(FundDrafts.interest(income: usd("400.00"), costs: usd("15.00"), date: F.d("2026-06-30"), ref: "INT-Q2"))
        let interest = try #require(try fund.file.entries(ofKinds: [.interestAllocate]).last)
        try fund.approved(FundDrafts.reversalRequest(of: interest.seq, date: F.d("2026-07-02"), ref: "REV-INT", memo: "wrong quarter"))
        try fund.approved(SecretariatCostTests.cost("1000.00", ref: "SEC-1"))
        for (ref, account, amount) in [("V-AUDIT", "5300", "1500.00"), ("V-BANK", "5400", "12.00"), ("V-BANK2", "5400", "8.00")] {
            try fund.approved(FundDrafts.voucherRequest(postings: [
                Posting(account: try AccountCode(account), amount: usd(amount), value: usd(amount)),
                Posting(account: try AccountCode("1100"), amount: usd("-" + amount), value: usd("-" + amount)),
            ], date: F.d("2026-05-01"), ref: ref, memo: ref))
        }
        let voucher = try #require(try fund.file.entries(ofKinds: [.approvalApprove]).last)
        try fund.approved(FundDrafts.reversalRequest(of: voucher.seq, date: F.d("2026-07-03"), ref: "REV-V", memo: "paid twice"))
        return fund
    }

    @Test func theShapesGiveTheLinesOfEveryPostingClassifiedOnItsOwn() throws {
        let fund = try Self.year()
        let cash = FundChart.cash
        let (from, through) = (F.d("2026-01-01"), F.d("2026-12-31"))
        let zero = Amount.zero(.usd)
        let shapes = try fund.file.postingShapes(posting: cash, from: from, through: through)
        let fast = try CashFlowReport.lineSums(shapes, zero: zero)
        let whole = try CashFlowReport.lineSums(try fund.file.entries(posting: cash, from: from, through: through), zero: zero)
        #expect(fast.sums == whole.sums)
        #expect(fast.count == whole.count)
        // The store's default (every entry read whole, then summed per shape) agrees too.
        let byDefault = try PostingShapes(try fund.file.entries(posting: cash, from: from, through: through), account: cash, currency: .usd)
        #expect(byDefault.totals == shapes.totals)
        #expect(byDefault.reversing.map(\.entry.seq) == shapes.reversing.map(\.entry.seq))
        // Not figures that agree by being empty: every way of classifying is used.
        let lines = fast.sums.filter { !$0.value.isZero }.mapValues(\.decimalString)
        #expect(lines[.fundManagement] == "-2500.00")   // the secretariat cost's 1100 line after 5300, and V-AUDIT
        #expect(lines[.bankCharges] == "-12.00")        // V-BANK; V-BANK2 is reversed
        #expect(lines[.interestReceived] == "500.00")    // Q2 reversed
        #expect(lines[.cashPoolCosts] == "-20.00")
        #expect(lines[.exchangeDifferences] != nil && lines[.pscPaid] != nil && lines[.refundsFromPartners] != nil)
        #expect(shapes.reversing.count == 2)
        #expect(shapes.totals.contains { $0.count >= 2 })
        // And the report itself reads them: opening + lines = closing.
        let report = try CashFlowReport(try ReportBasis(fund.file, report: .cashFlow, asOf: through, from: from))
        #expect(report.reconciles)
        #expect(report.postings == whole.count)
        #expect(Dictionary(uniqueKeysWithValues: report.lines.map { ($0.kind, $0.value) }) == whole.sums)
    }
}
