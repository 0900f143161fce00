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

/// A partner's refund of money already reported as spent (FUND-RULES.md, "Refunds from
/// partners"): in the year of the expense it reduces 5100 and the PSC charged on it at the rate
/// that charged it; of an earlier year's expense it is prior-period revenue (4300), its PSC too.
/// Figures worked out by hand; PSC 13 % unless said.
@Suite struct GrantRefundTests {
    private func lines(_ entry: SignedEntry) -> [String] {
        entry.body.postings.map { "\($0.account) \($0.amount.currency.code) \($0.amount.decimalString) \($0.value.decimalString)" }
    }

    /// Paid 12,000.00, reported 10,000.00 (PSC 1,300.00). The PSC rate is then lowered to 7 %.
    /// A refund of 3,000.00 clears the 2,000.00 still advanced; the other 1,000.00 was spent
    /// this year: 5100 −1,000.00 and its PSC at the 13 % that charged it, 130.00, comes back.
    @Test func aRefundInTheYearOfTheExpenseReducesTheExpenseAndItsPSC() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("10000.00"), date: F.d("2026-06-30")))
        try fund.approved(FundDrafts.settingRequest(name: "psc_rate", value: "7", from: F.d("2026-08-01"), date: F.d("2026-07-15"), ref: "SET-1"))
        let refund = try fund.record(FundDrafts.grantRefund(grant: "G-01", amount: F.usd("3000.00"), date: F.d("2026-09-30"), bankRef: "BNK-R1"))
        #expect(lines(refund) == [
            "1100 USD 3000.00 3000.00", "1300.G-01 USD -2000.00 -2000.00", "5100 USD -1000.00 -1000.00",
            "1100 USD 130.00 130.00", "5200 USD -130.00 -130.00",
        ])
        #expect(try fund.balance("5100").value == "9000.00")
        #expect(try fund.balance("5200").value == "1170.00")
        #expect(try fund.balance("4300").value == "0")
        #expect(try fund.field("grant", "G-01", "spent") == "9000.00")
        #expect(try fund.field("grant", "G-01", "psc") == "1170.00")
        #expect(try fund.field("grant", "G-01", "refunded") == "3000.00")
        // vtf report grants reads the same position: paid 12,000.00 = spent 9,000.00 + refunded 3,000.00.
        let line = try #require(try GrantsReport(try ReportBasis(fund.file, report: .grants, asOf: F.d("2026-12-31"), from: nil)).lines.first)
        #expect([line.paid, line.spent, line.psc, line.refunded, line.advance].map(\.decimalString) == ["12000.00", "9000.00", "1170.00", "3000.00", "0.00"])
        // vtf report psc lists the refund at the 13 % that charged it, and totals 5200.
        let psc = try PSCReport(try ReportBasis(fund.file, report: .psc, asOf: F.d("2026-12-31"), from: F.d("2026-01-01")))
        let last = try #require(psc.lines.last)
        #expect([last.expenditure.decimalString, last.rate, last.charged.decimalString, last.recomputed.decimalString] == ["-1000.00", "13", "-130.00", "-130.00"])
        #expect(psc.agrees && psc.totalCharged.decimalString == "1170.00" && psc.ledgerPSC.decimalString == "1170.00")
        try fund.verify()
    }

    /// 10,000.00 reported in 2026 (PSC 1,300.00), 2026 closed, the last 2,000.00 reported in
    /// 2027 (PSC 260.00). A refund of 3,000.00 in 2027 (nothing advanced) takes the latest first:
    /// 2,000.00 of 2027 (5100, PSC 260.00 back to 5200), then 1,000.00 of closed 2026 to 4300,
    /// with its PSC of 130.00 returned to 4300 too.
    @Test func aRefundOfAClosedYearsExpenseIsPriorPeriodRevenueWithItsPSC() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("10000.00"), date: F.d("2026-06-30")))
        try fund.closeYear(2026)
        // Recorded when they happen: an entry is dated at most a month after it is recorded.
        let refund = try RecordingTime.$override.withValue("2027-03-01T09:00:00Z") {
            try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("2000.00"), date: F.d("2027-02-01")))
            return try fund.record(FundDrafts.grantRefund(grant: "G-01", amount: F.usd("3000.00"), date: F.d("2027-03-01"), bankRef: "BNK-R1"))
        }
        #expect(lines(refund) == [
            "1100 USD 3000.00 3000.00", "5100 USD -2000.00 -2000.00", "4300 USD -1000.00 -1000.00",
            "1100 USD 390.00 390.00", "5200 USD -260.00 -260.00", "4300 USD -130.00 -130.00",
        ])
        #expect(try fund.balance("5100").value == "0")
        #expect(try fund.balance("5200").value == "0")
        #expect(try fund.balance("4300").value == "-1130.00")
        #expect(try fund.field("grant", "G-01", "spent") == "9000.00")
        #expect(try fund.field("grant", "G-01", "psc") == "1170.00")
        // A second refund of the rest of 2026's spending: 9,000.00 and the 1,170.00 left of its PSC.
        let rest = try RecordingTime.$override.withValue("2027-03-02T09:00:00Z") {
            try fund.record(FundDrafts.grantRefund(grant: "G-01", amount: F.usd("9000.00"), date: F.d("2027-03-02"), bankRef: "BNK-R2"))
        }
        #expect(lines(rest) == ["1100 USD 9000.00 9000.00", "4300 USD -9000.00 -9000.00", "1100 USD 1170.00 1170.00", "4300 USD -1170.00 -1170.00"])
        #expect(try fund.field("grant", "G-01", "psc") == "0.00")
        let line = try #require(try GrantsReport(try ReportBasis(fund.file, report: .grants, asOf: F.d("2027-12-31"), from: nil)).lines.first)
        #expect([line.paid, line.spent, line.psc, line.refunded].map(\.decimalString) == ["12000.00", "0.00", "0.00", "12000.00"])
        try fund.verify()
    }

    /// An approved reversal of such a refund puts the expense, its PSC and the grant's
    /// position back (the grant's reported list with them), so a corrected refund can follow.
    @Test func aReversedRefundRestoresTheExpenseItsPSCAndTheGrant() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("12000.00"), date: F.d("2026-06-30")))
        let refund = try fund.record(FundDrafts.grantRefund(grant: "G-01", amount: F.usd("1000.00"), date: F.d("2026-09-30"), bankRef: "BNK-R1"))
        let approval = try fund.approved(FundDrafts.reversalRequest(of: refund.body.seq, date: F.d("2026-10-01"), ref: "REV-1", memo: "wrong amount"))
        #expect(lines(approval) == [
            "1100 USD -1000.00 -1000.00", "5100 USD 1000.00 1000.00", "1100 USD -130.00 -130.00", "5200 USD 130.00 130.00",
        ])
        #expect(try fund.balance("5100").value == "12000.00")
        #expect(try fund.balance("5200").value == "1560.00")
        #expect(try fund.field("grant", "G-01", "spent") == "12000.00")
        #expect(try fund.field("grant", "G-01", "psc") == "1560.00")
        #expect(try fund.field("grant", "G-01", "refunded") == "0.00")
        let again = try fund.record(FundDrafts.grantRefund(grant: "G-01", amount: F.usd("100.00"), date: F.d("2026-10-02"), bankRef: "BNK-R2"))
        #expect(lines(again) == ["1100 USD 100.00 100.00", "5100 USD -100.00 -100.00", "1100 USD 13.00 13.00", "5200 USD -13.00 -13.00"])
        try fund.verify()
    }

    /// A refund signed with the old postings (the whole excess to 4300, PSC left charged) fails
    /// `verify` at that entry, although its signature is valid: the verifier re-derives it.
    @Test func aRefundPostedTheOldWayIsCaught() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("12000.00"), date: F.d("2026-06-30")))
        let refund = try fund.record(FundDrafts.grantRefund(grant: "G-01", amount: F.usd("1000.00"), date: F.d("2026-09-30"), bankRef: "BNK-R1"))
        let entries = try Forgery.journal(fund)
        try Forgery.expectVerifies(entries)
        var forged = refund.body
        forged.postings = [
            Posting(account: F.account("1100"), amount: F.usd("1000.00"), value: F.usd("1000.00")),
            Posting(account: F.account("4300"), amount: F.usd("-1000.00"), value: F.usd("-1000.00")),
        ]
        Forgery.expectCaught(try Forgery.replacingLast(entries, with: forged, signedBy: TestFund.maria), at: refund.body.seq, rule: .postingsDiffer)
    }

}
