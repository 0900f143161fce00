import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// A year of a small fund, with every figure worked out by hand (in the comments) and written
/// here as text: none comes from the code under test.
///
/// Settings: PSC 13 %, reserve 15 % of planned expenditure USD 100,000.00 = USD 15,000.00.
/// Rates (EUR per USD): 0.8000 from 1 Jan, 0.8200 from 1 Mar, 0.7900 from 1 Jun, 0.8100 from 1 Dec.
@Suite("A year of the fund, figures worked out by hand")
struct FundScenarioTests {
    private func d(_ text: String) -> LedgerDate { TestFund.date(text) }
    private func usd(_ text: String) -> Amount { TestFund.money(text) }
    private func eur(_ text: String) -> Amount { TestFund.money(text, "EUR") }
    private func rate(_ text: String) throws -> (Currency, Decimal64) { (try Currency(code: "EUR"), try Decimal64(parsing: text)) }

    private func lines(_ entry: SignedEntry) -> [String] {
        entry.body.postings.map { "\($0.account) \($0.amount.currency.code) \($0.amount.decimalString) \($0.value.decimalString)" }
    }

    @Test func aYearOfTheFund() throws {
        let fund = try TestFund(settings: ["planned_expenditure": "100000.00"])
        for (month, value) in [("2026-01-01", "0.8000"), ("2026-03-01", "0.8200"), ("2026-06-01", "0.7900"), ("2026-12-01", "0.8100")] {
            try fund.recordRates(FundDrafts.rates([try rate(value)], from: d(month), revision: false, date: d(month)))
        }
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: d("2026-01-05")))
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: d("2026-01-05")))

        // EUR 100,000.00 at 0.8000 = USD 125,000.00, recognised at once (unconditional).
        let signed = try fund.record(FundDrafts.agreement(ref: "AGR-BEL-1", donor: "BEL", amount: eur("100000.00"), date: d("2026-01-10")))
        #expect(lines(signed) == ["1200.BEL EUR 100000.00 125000.00", "4100 EUR -100000.00 -125000.00"])

        // EUR 60,000.00 at 0.8200 = 73,170.731… → 73,170.73. The receivable carries
        // 125,000.00 × 60,000 / 100,000 = 75,000.00. Realised loss 1,829.27.
        let first = try fund.record(FundDrafts.receipt(agreement: "AGR-BEL-1", amount: eur("60000.00"), date: d("2026-03-05"), bankRef: "BNK-0305"))
        #expect(lines(first) == ["1100 EUR 60000.00 73170.73", "1200.BEL EUR -60000.00 -75000.00", "5900 EUR 0.00 1829.27"])

        // EUR 40,100.00 at 0.7900 = 50,759.493… → 50,759.49. The remaining EUR 40,000.00
        // carries 50,000.00; the EUR 100.00 over-payment is owed back: 126.582… → 126.58.
        // Gain: 50,759.49 − 50,000.00 − 126.58 = 632.91.
        let second = try fund.record(FundDrafts.receipt(agreement: "AGR-BEL-1", amount: eur("40100.00"), date: d("2026-06-10"), bankRef: "BNK-0610"))
        #expect(lines(second) == [
            "1100 EUR 40100.00 50759.49", "1200.BEL EUR -40000.00 -50000.00", "2300.BEL EUR -100.00 -126.58", "4900 EUR 0.00 -632.91",
        ])

        // USD 30,000.00 in two instalments; the first arrives less USD 25.00 bank charges.
        try fund.record(FundDrafts.agreement(
            ref: "AGR-ACME-1", donor: "ACME", amount: usd("30000.00"), date: d("2026-02-01"),
            instalments: [.init(amount: usd("15000.00"), due: d("2026-02-01")), .init(amount: usd("15000.00"), due: d("2026-08-01"))]))
        let acme = try fund.record(FundDrafts.receipt(agreement: "AGR-ACME-1", amount: usd("15000.00"), charges: usd("25.00"), date: d("2026-02-20"), bankRef: "BNK-0220"))
        #expect(lines(acme) == ["1100 USD 14975.00 14975.00", "5400 USD 25.00 25.00", "1200.ACME USD -15000.00 -15000.00"])

        // Available on 1 Apr: cash 73,170.73 + 14,975.00, receivables 50,000.00 + 15,000.00,
        // less the reserve 15,000.00 = 138,145.73, so USD 20,000.00 can be certified.
        let award = try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: usd("20000.00"),
            tranches: [usd("12000.00"), usd("8000.00")], date: d("2026-04-01")))
        // The award's and the payment's memo contras are kept apart (9900.AWARDED, 9900.PAID.GRANT), so
        // that the grants committed and paid in a period are flows that sealed balances prove.
        #expect(lines(award) == ["9200.G-01 USD 20000.00 20000.00", "9900.AWARDED USD -20000.00 -20000.00"])

        let paid = try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: usd("12000.00"), date: d("2026-04-15"), ref: "PAY-01"))
        #expect(lines(paid) == [
            "1300.G-01 USD 12000.00 12000.00", "1100 USD -12000.00 -12000.00",
            "9900.PAID.G-01 USD 12000.00 12000.00", "9200.G-01 USD -12000.00 -12000.00",
        ])

        // 10,000.00 spent; PSC 13 % = 1,300.00.
        let report = try fund.record(FundDrafts.grantReport(grant: "G-01", spent: usd("10000.00"), date: d("2026-07-31")))
        #expect(lines(report) == [
            "5100 USD 10000.00 10000.00", "1300.G-01 USD -10000.00 -10000.00", "5200 USD 1300.00 1300.00", "1100 USD -1300.00 -1300.00",
        ])
        try fund.record(FundDrafts.receipt(agreement: "AGR-ACME-1", amount: usd("15000.00"), date: d("2026-08-01"), bankRef: "BNK-0801"))
        let refund = try fund.record(FundDrafts.grantRefund(grant: "G-01", amount: usd("2000.00"), date: d("2026-09-30"), bankRef: "BNK-0930"))
        #expect(lines(refund) == ["1100 USD 2000.00 2000.00", "1300.G-01 USD -2000.00 -2000.00"])
        let closed = try fund.record(FundDrafts.grantClose(grant: "G-01", date: d("2026-10-01")))
        #expect(lines(closed) == ["9900 USD 8000.00 8000.00", "9200.G-01 USD -8000.00 -8000.00"])

        // 31 Dec at 0.8100: cash EUR 100,100.00 → 123,580.246… → 123,580.25, was
        // 73,170.73 + 50,759.49 = 123,930.22: −349.97. Owed EUR 100.00 → 123.456… → 123.46,
        // was 126.58: +3.12. Net unrealised loss 346.85.
        let revalued = try fund.record(FundDrafts.revaluation(date: d("2026-12-31")))
        #expect(lines(revalued) == ["1100 EUR 0.00 -349.97", "2300.BEL EUR 0.00 3.12", "5900 EUR 0.00 346.85"])
        let reserve = try fund.record(FundDrafts.reserveAdjustment(date: d("2026-12-31")))
        #expect(lines(reserve) == ["3100 USD 15000.00 15000.00", "3300 USD -15000.00 -15000.00"])

        // Revenue 125,000.00 + 30,000.00 + 632.91 = 155,632.91; expenses 10,000.00 + 1,300.00
        // + 25.00 + 1,829.27 + 346.85 = 13,501.12; surplus 142,131.79.
        try fund.closeYear(2026)
        #expect(try fund.totalValueMinor("3100") == -12_713_179)  // 142,131.79 − 15,000.00 to the reserve, in cents
        #expect(try fund.balance("3300").value == "-15000.00")
        #expect(try fund.balance("1100", "USD").amount == "18675.00")  // 14,975 − 12,000 − 1,300 + 15,000 + 2,000
        #expect(try fund.balance("1100", "EUR") == ("100100.00", "123580.25"))
        #expect(try fund.balance("2300.BEL", "EUR") == ("-100.00", "-123.46"))
        for account in ["4100", "4110", "4900", "5100", "5200", "5400", "5900"] {
            #expect(try fund.file.trialBalance(asOf: nil).allSatisfy { $0.account.rawValue != account }, "\(account) is closed")
        }
        // The year's revenue and expenses stay readable with the closing entry left out.
        let year = try fund.file.postingTotals(from: d("2026-01-01"), through: d("2026-12-31"), excluding: [.yearClose])
        let valueOf = { (code: String) in year.filter { $0.account.rawValue == code }.reduce(Int64(0)) { $0 + $1.value.minorUnits } }
        #expect(valueOf("4100") == -12_500_000 && valueOf("4110") == -3_000_000 && valueOf("4900") == -63_291)
        #expect(valueOf("5900") == 182_927 + 34_685 && valueOf("5200") == 130_000)
        // 2026 is closed: a late entry dated in it is refused.
        try fund.expectRefusal(
            FundDrafts.receipt(agreement: "AGR-ACME-1", amount: usd("10.00"), date: d("2026-12-15"), bankRef: "LATE"),
            code: .closedYear)
        let verification = try fund.file.verify()
        #expect(verification.differences.isEmpty, "\(verification.differences)")
    }
}
