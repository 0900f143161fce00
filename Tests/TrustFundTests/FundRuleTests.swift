import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// What the rules post in the details, every figure worked out by hand in the comments.
/// Rates (EUR per USD) where used: 0.8000 from 1 Jan, 0.8200 from 1 Mar.
@Suite("Fund rules in detail, figures worked out by hand")
struct FundRuleTests {
    private func eurFund() throws -> TestFund {
        let fund = try TestFund()
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8200")], from: F.d("2026-03-01"), revision: false, date: F.d("2026-03-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        return fund
    }

    /// USD 10,250.00 against USD 10,000.00 expected: 250.00 is owed back to the donor.
    @Test func anOverPaymentGoesToRefundsPayable() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        let signed = try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("10000.00"), date: F.d("2026-01-10")))
        #expect(F.lines(signed) == ["1200.ACME USD 10000.00 10000.00", "4110 USD -10000.00 -10000.00"])
        let receipt = try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("10250.00"), date: F.d("2026-02-01"), bankRef: "BNK-1"))
        #expect(F.lines(receipt) == ["1100 USD 10250.00 10250.00", "1200.ACME USD -10000.00 -10000.00", "2300.ACME USD -250.00 -250.00"])
        #expect(try fund.field("agreement", "AGR-1", "received") == "10000.00")
        // A further receipt is all over-payment.
        let more = try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("50.00"), date: F.d("2026-02-02"), bankRef: "BNK-2"))
        #expect(F.lines(more) == ["1100 USD 50.00 50.00", "2300.ACME USD -50.00 -50.00"])
        #expect(try fund.balance("2300.ACME") == ("-300.00", "-300.00"))
        try fund.verify()
    }

    /// USD 6,000.00 of 10,000.00 arrives: 4,000.00 stays receivable, and may still come.
    @Test func anUnderPaymentLeavesTheRestOutstanding() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("10000.00"), date: F.d("2026-01-10")))
        let receipt = try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("6000.00"), date: F.d("2026-02-01"), bankRef: "BNK-1"))
        #expect(F.lines(receipt) == ["1100 USD 6000.00 6000.00", "1200.ACME USD -6000.00 -6000.00"])
        #expect(try fund.balance("1200.ACME") == ("4000.00", "4000.00"))
        #expect(try fund.field("agreement", "AGR-1", "received") == "6000.00")
        try fund.expectRefusal(
            FundDrafts.writeOffRequest(agreement: "AGR-1", amount: F.usd("4000.01"), date: F.d("2026-03-01"), ref: "WO-1"),
            code: .fundsUnavailable)
        let rest = try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("4000.00"), date: F.d("2026-03-01"), bankRef: "BNK-2"))
        #expect(F.lines(rest) == ["1100 USD 4000.00 4000.00", "1200.ACME USD -4000.00 -4000.00"])
        #expect(try fund.balance("1200.ACME").amount == "0")
    }

    /// EUR 1,000.00 signed on 10 Jan at 0.8000 = USD 1,250.00. The same EUR 1,000.00 arrives
    /// unidentified on 5 Mar at 0.8200: 1,000 / 0.82 = 1,219.5121… → 1,219.51 into suspense.
    /// Applied on 10 Mar: suspense out at its carrying 1,219.51, the receivable at its carrying
    /// 1,250.00, a realised loss of 1,250.00 − 1,219.51 = 30.49.
    @Test func anUnidentifiedReceiptIsHeldThenApplied() throws {
        let fund = try eurFund()
        try fund.record(FundDrafts.agreement(ref: "AGR-BEL", donor: "BEL", amount: F.eur("1000.00"), date: F.d("2026-01-10")))
        let held = try fund.record(FundDrafts.unidentifiedReceipt(amount: F.eur("1000.00"), date: F.d("2026-03-05"), bankRef: "BNK-1"))
        #expect(F.lines(held) == ["1100 EUR 1000.00 1219.51", "2400 EUR -1000.00 -1219.51"])
        #expect(try fund.field("suspense", "BNK-1", "status") == "open")
        let applied = try fund.record(FundDrafts.applyReceipt(bankRef: "BNK-1", agreement: "AGR-BEL", date: F.d("2026-03-10")))
        #expect(F.lines(applied) == ["2400 EUR 1000.00 1219.51", "1200.BEL EUR -1000.00 -1250.00", "5900 EUR 0.00 30.49"])
        #expect(try fund.field("suspense", "BNK-1", "status") == "applied")
        #expect(try fund.field("suspense", "BNK-1", "agreement") == "AGR-BEL")
        #expect(try fund.field("agreement", "AGR-BEL", "received") == "1000.00")
        #expect(try fund.balance("2400", "EUR").amount == "0")
        #expect(try fund.balance("1200.BEL", "EUR").amount == "0")
        try fund.verify()
    }

    /// Conditional EUR 10,000.00 on 10 Jan at 0.8000 = USD 12,500.00, held as deferred revenue.
    /// On 10 Mar EUR 4,000.00 of conditions are met: it leaves 2200.BEL at its carrying value
    /// 12,500.00 × 4,000 / 10,000 = 5,000.00 (not at March's rate), and becomes revenue.
    @Test func aConditionalAgreementIsDeferredThenRecognised() throws {
        let fund = try eurFund()
        let signed = try fund.record(FundDrafts.agreement(
            ref: "AGR-BEL", donor: "BEL", amount: F.eur("10000.00"), date: F.d("2026-01-10"), conditional: true))
        #expect(F.lines(signed) == ["1200.BEL EUR 10000.00 12500.00", "2200.BEL EUR -10000.00 -12500.00"])
        #expect(try fund.field("agreement", "AGR-BEL", "deferred") == "10000.00")
        let recognised = try fund.record(FundDrafts.recognise(agreement: "AGR-BEL", amount: F.eur("4000.00"), date: F.d("2026-03-10")))
        #expect(F.lines(recognised) == ["2200.BEL EUR 4000.00 5000.00", "4100 EUR -4000.00 -5000.00"])
        #expect(try fund.field("agreement", "AGR-BEL", "deferred") == "6000.00")
        #expect(try fund.balance("2200.BEL", "EUR") == ("-6000.00", "-7500.00"))
        #expect(try fund.balance("4100", "EUR") == ("-4000.00", "-5000.00"))
        try fund.verify()
    }

    /// Agreement EUR 1,000.00 at 0.8000 = 1,250.00. On 5 Mar (0.8200) EUR 1,100.00 arrives:
    /// cash 1,100 / 0.82 = 1,341.4634… → 1,341.46; receivable out at 1,250.00; the EUR 100.00
    /// over-payment owed back: 100 / 0.82 = 121.9512… → 121.95; loss 1,250.00 + 121.95 − 1,341.46 = 30.49.
    /// On 20 Mar the donor is refunded EUR 150.00: first the EUR 100.00 owed (at its carrying
    /// 121.95), then EUR 50.00 returned from revenue at the day's rate: 50 / 0.82 = 60.9756… →
    /// 60.98. Cash leaves at its carrying value 1,341.46 × 150 / 1,100 = 182.9263… → 182.93
    /// = 121.95 + 60.98, so no FX difference.
    @Test func aDonorRefundComesFromRefundsPayableFirst() throws {
        let fund = try eurFund()
        try fund.record(FundDrafts.agreement(ref: "AGR-BEL", donor: "BEL", amount: F.eur("1000.00"), date: F.d("2026-01-10")))
        let receipt = try fund.record(FundDrafts.receipt(agreement: "AGR-BEL", amount: F.eur("1100.00"), date: F.d("2026-03-05"), bankRef: "BNK-1"))
        #expect(F.lines(receipt) == [
            "1100 EUR 1100.00 1341.46", "1200.BEL EUR -1000.00 -1250.00", "2300.BEL EUR -100.00 -121.95", "5900 EUR 0.00 30.49",
        ])
        let refund = try fund.approved(FundDrafts.donorRefundRequest(donor: "BEL", amount: F.eur("150.00"), date: F.d("2026-03-20"), ref: "DR-1"))
        #expect(F.lines(refund) == ["2300.BEL EUR 100.00 121.95", "4100 EUR 50.00 60.98", "1100 EUR -150.00 -182.93"])
        #expect(try fund.balance("2300.BEL", "EUR").amount == "0")
        // 1,341.46 − 182.93 = 1,158.53 left for EUR 950.00.
        #expect(try fund.balance("1100", "EUR") == ("950.00", "1158.53"))
        // Of the EUR 1,100.00 BEL gave, 150.00 came back: no more than 950.00 may be refunded.
        try fund.expectRefusal(
            FundDrafts.donorRefundRequest(donor: "BEL", amount: F.eur("950.01"), date: F.d("2026-03-21"), ref: "DR-2"),
            code: .fundsUnavailable, containing: "950.00 may be refunded, not 950.01")
        // Nor in a currency it did not pay in.
        try fund.expectRefusal(
            FundDrafts.donorRefundRequest(donor: "BEL", amount: F.usd("10.00"), date: F.d("2026-03-21"), ref: "DR-3"),
            code: .fundsUnavailable, containing: "has given 0.00 USD")
        // Two requests waiting may not together pass what is left.
        try fund.record(FundDrafts.donorRefundRequest(donor: "BEL", amount: F.eur("900.00"), date: F.d("2026-03-21"), ref: "DR-4"))
        try fund.expectRefusal(
            FundDrafts.donorRefundRequest(donor: "BEL", amount: F.eur("50.01"), date: F.d("2026-03-21"), ref: "DR-5"),
            code: .fundsUnavailable, containing: "less 950.00 refunded or asked for: 50.00 may be refunded, not 50.01")
        try fund.verify()
    }

    /// Treasury allocates USD 1,234.56 of income and 100.00 of costs to the fund.
    @Test func interestIsAllocatedFromTheCashPool() throws {
        let fund = try TestFund()
        let entry = try fund.record(FundDrafts.interest(income: F.usd("1234.56"), costs: F.usd("100.00"), date: F.d("2026-06-30"), ref: "TR-2026-06"))
        #expect(F.lines(entry) == [
            "1100 USD 1234.56 1234.56", "4200 USD -1234.56 -1234.56", "5500 USD 100.00 100.00", "1100 USD -100.00 -100.00",
        ])
        #expect(try fund.balance("1100").amount == "1134.56")
        // Costs alone: no income line.
        let costs = try fund.record(FundDrafts.interest(income: F.usd("0.00"), costs: F.usd("10.00"), date: F.d("2026-07-31"), ref: "TR-2026-07"))
        #expect(F.lines(costs) == ["5500 USD 10.00 10.00", "1100 USD -10.00 -10.00"])
        try fund.expectRefusal(
            FundDrafts.interest(income: F.usd("0.00"), costs: F.usd("0.00"), date: F.d("2026-08-31"), ref: "TR-2026-08"),
            code: .nothingToDo)
        try fund.expectRefusal(
            FundDrafts.interest(income: F.usd("1.00"), costs: F.usd("0.00"), date: F.d("2026-08-31"), ref: "TR-2026-06"),
            code: .duplicateRef)
    }

    /// PSC 13 % until a change to 7 % from 1 Jun, requested and approved on 15 May. Both
    /// reports are recorded after the approval; each takes the rate in force on its own date.
    /// 1,234.50 × 13 % = 160.485 → 160.48 (half to even); × 7 % = 86.415 → 86.42.
    @Test func aSettingChangeTakesEffectFromItsDate() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        let change = try fund.approved(FundDrafts.settingRequest(name: "psc_rate", value: "7", from: F.d("2026-06-01"), date: F.d("2026-05-15"), ref: "SET-PSC"))
        #expect(change.body.postings.isEmpty)
        #expect(try fund.file.fundRecords("setting.psc_rate").map { "\($0.id) \($0.fields["value"]?.stringValue ?? "?")" } == ["2026-01-01 13", "2026-06-01 7"])
        let before = try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("1234.50"), date: F.d("2026-05-20")))
        #expect(F.lines(before) == [
            "5100 USD 1234.50 1234.50", "1300.G-01 USD -1234.50 -1234.50", "5200 USD 160.48 160.48", "1100 USD -160.48 -160.48",
        ])
        let after = try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("1234.50"), date: F.d("2026-06-10")))
        #expect(F.lines(after) == [
            "5100 USD 1234.50 1234.50", "1300.G-01 USD -1234.50 -1234.50", "5200 USD 86.42 86.42", "1100 USD -86.42 -86.42",
        ])
        // 160.48 + 86.42 = 246.90 on the grant.
        #expect(try fund.field("grant", "G-01", "psc") == "246.90")
        #expect(try fund.field("grant", "G-01", "spent") == "2469.00")
        try fund.verify()
    }
}
