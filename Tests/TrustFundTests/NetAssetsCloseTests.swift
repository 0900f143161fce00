import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// Net assets in the functional currency, and earmarked net assets (issue 11 item 8): the year
/// close leaves 3100 and 3200 in USD only, other currencies closing through 1190; earmarked
/// revenue less the spending charged to it goes to 3200, never below zero.
@Suite struct NetAssetsCloseTests {
    /// USD 100,000.00 from ACME; EUR 4,000.00 from Belgium at 0.8000 (USD 5,000.00) and SEK
    /// 10,000.00 from Sweden at 10.0000 (USD 1,000.00), all received; EUR revalued at 0.7500
    /// on 31 December (an unrealised gain of USD 333.33 on the EUR cash).
    static func fundInThreeCurrencies() throws -> TestFund {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000"), F.rate("SEK", "10.0000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.donor(id: "SWE", name: "Sweden", type: "member-state", country: "SE", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-B", donor: "BEL", amount: F.eur("4000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.agreement(ref: "AGR-S", donor: "SWE", amount: TestFund.money("10000.00", "SEK"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-B", amount: F.eur("4000.00"), date: F.d("2026-01-20"), bankRef: "BNK-B"))
        try fund.record(FundDrafts.receipt(agreement: "AGR-S", amount: TestFund.money("10000.00", "SEK"), date: F.d("2026-01-20"), bankRef: "BNK-S"))
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.7500")], from: F.d("2026-12-01"), revision: false, date: F.d("2026-12-01")))
        try fund.record(FundDrafts.revaluation(date: F.d("2026-12-31")))
        return fund
    }

    /// A year with EUR and SEK revenue closes to USD only: 3100 holds one USD line of the whole
    /// net (100,000.00 + 5,000.00 + 1,000.00 + 333.33 gain), the EUR and SEK nets pass through
    /// 1190 at their carrying values, and 1190's values still net to zero.
    @Test func aYearWithEURAndSEKRevenueClosesToUSDOnly() throws {
        let fund = try Self.fundInThreeCurrencies()
        let close = try fund.closeYear(2026)
        #expect(F.lines(close).filter { $0.hasPrefix("1190") || $0.hasPrefix("3100") } == [
            "1190 EUR -4000.00 -5333.33", "1190 SEK -10000.00 -1000.00", "1190 USD 6333.33 6333.33", "3100 USD -106333.33 -106333.33",
        ])
        let surplus = try fund.file.trialBalance(asOf: nil).filter { $0.account.rawValue == "3100" }
        #expect(surplus.map(\.amount.currency.code) == ["USD"])
        #expect(try fund.totalValueMinor("1190") == 0)
        #expect(try fund.totalValueMinor("4100") == 0 && fund.totalValueMinor("4900") == 0)
        try fund.verify()
    }

    /// A close carrying the old postings (EUR and SEK straight into 3100), re-signed by the
    /// approving officer, is refused by the verifier at that entry.
    @Test func aCloseWithForeignCurrencyIn3100IsRefused() throws {
        let fund = try Self.fundInThreeCurrencies()
        let close = try fund.closeYear(2026)
        var bent = close.body
        bent.postings = close.body.postings.filter { !$0.account.isWithin(F.account("1190")) && !$0.account.isWithin(F.account("3100")) } + [
            Posting(account: F.account("3100"), amount: F.eur("-4000.00"), value: F.usd("-5333.33")),
            Posting(account: F.account("3100"), amount: TestFund.money("-10000.00", "SEK"), value: F.usd("-1000.00")),
            Posting(account: F.account("3100"), amount: F.usd("-100000.00"), value: F.usd("-100000.00")),
        ]
        let entries = try Forgery.journal(fund)
        try Forgery.expectVerifies(entries)
        Forgery.expectCaught(try Forgery.replacingLast(entries, with: bent, signedBy: TestFund.amara), at: close.body.seq,
                             rule: .postingsDiffer)
    }

    /// ACME's USD 100,000.00 is unearmarked; Belgium signs USD 30,000.00 earmarked "Sahel".
    static func earmarkedFund() throws -> TestFund {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-SAHEL", donor: "BEL", amount: F.usd("30000.00"), date: F.d("2026-01-10"), earmark: "Sahel"))
        return fund
    }

    /// A grant names an earmark only of a signed agreement; the grant record keeps it.
    @Test func aGrantEarmarkMustBeAnAgreementsEarmark() throws {
        let fund = try Self.earmarkedFund()
        try fund.expectRefusal(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("20000.00"),
            tranches: [F.usd("20000.00")], date: F.d("2026-02-01"), earmark: "Sahell"),
            code: .notFound)
        try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("20000.00"),
            tranches: [F.usd("20000.00")], date: F.d("2026-02-01"), earmark: "Sahel"))
        #expect(try fund.field("grant", "G-01", "earmark") == "Sahel")
        try fund.verify()
    }

    /// Grant G-01 (earmark Sahel) reports `spent` in 2026, with PSC at 13 %.
    static func spendOnSahel(_ fund: TestFund, _ spent: String) throws {
        try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("40000.00"),
            tranches: [F.usd("40000.00")], date: F.d("2026-02-01"), earmark: "Sahel"))
        try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: F.usd("40000.00"), date: F.d("2026-02-15"), ref: "PAY-1"))
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd(spent), date: F.d("2026-06-30")))
    }

    /// Sahel revenue 30,000.00 less spending 10,000.00 + PSC 1,300.00 leaves 18,700.00
    /// restricted: 3200 gets it, 3100 the rest, and the record earmark/Sahel keeps the figures.
    @Test func theCloseMovesUnspentEarmarkedRevenueTo3200() throws {
        let fund = try Self.earmarkedFund()
        try Self.spendOnSahel(fund, "10000.00")
        let close = try fund.closeYear(2026)
        #expect(F.lines(close).filter { $0.hasPrefix("3") } == ["3200 USD -18700.00 -18700.00", "3100 USD -100000.00 -100000.00"])
        let record = try #require(try fund.file.fundRecord("earmark", "Sahel"))
        #expect(record.fields["balance"]?.stringValue == "18700.00")
        let year = try #require(record.fields["years"]?.arrayValue?.first?.objectValue)
        #expect(["opening", "revenue", "spending", "closing"].map { year[$0]?.stringValue } == ["0.00", "30000.00", "11300.00", "18700.00"])
        try fund.verify()
    }

    /// Spending beyond the earmarked revenue (35,000.00 + PSC 4,550.00 against 30,000.00) takes
    /// the restricted balance to zero, not below: the excess is unrestricted.
    @Test func anOverspentEarmarkStopsAtZero() throws {
        let fund = try Self.earmarkedFund()
        try Self.spendOnSahel(fund, "35000.00")
        let close = try fund.closeYear(2026)
        #expect(!F.lines(close).contains { $0.hasPrefix("3200") })
        #expect(try fund.field("earmark", "Sahel", "balance") == "0.00")
        #expect(try fund.totalValueMinor("3100") == -(130_000_00 - 35_000_00 - 4_550_00))
        try fund.verify()
    }
}
