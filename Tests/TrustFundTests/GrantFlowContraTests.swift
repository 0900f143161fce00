import LedgerCore
import LedgerJournal
import SQLiteStore
import Testing
import TrustFund
import TrustFundRules

/// The memo contra of grant awards and payments (issue 17 point 3): a fund set up by the
/// template keeps them apart (9900.AWARDED, 9900.PAID.GRANT), so the grants committed and paid in a
/// period are flows sealed balances prove; a fund set up before goes on against 9900 itself,
/// and its journal verifies as it always did.
@Suite struct GrantFlowContraTests {
    /// Cash for the award's certification, then an award of USD 20,000.00 and its first tranche.
    static func awardAndPay(_ fund: TestFund) throws -> (award: SignedEntry, paid: SignedEntry) {
        try fund.record(FundDrafts.donor(id: "USA", name: "United States", type: "member-state", country: "US", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-USA-1", donor: "USA", amount: F.usd("100000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-USA-1", amount: F.usd("100000.00"), date: F.d("2026-01-20"), bankRef: "B-1"))
        let award = try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("20000.00"),
            tranches: [F.usd("12000.00"), F.usd("8000.00")], date: F.d("2026-04-01")))
        let paid = try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: F.usd("12000.00"), date: F.d("2026-04-15"), ref: "PAY-01"))
        return (award, paid)
    }

    @Test func aTemplateFundKeepsAwardsAndPaymentsApart() throws {
        let fund = try TestFund(settings: ["planned_expenditure": "100000.00"])
        let (award, paid) = try Self.awardAndPay(fund)
        #expect(F.lines(award).contains("9900.AWARDED USD -20000.00 -20000.00"))
        #expect(F.lines(paid).contains("9900.PAID.G-01 USD 12000.00 12000.00"))
        try fund.verify()
    }

    @Test func aFundSetUpBeforeGoesOnAgainst9900() throws {
        let fund = try TestFund(settings: ["planned_expenditure": "100000.00"], grantFlows: false)
        let (award, paid) = try Self.awardAndPay(fund)
        #expect(F.lines(award) == ["9200.G-01 USD 20000.00 20000.00", "9900 USD -20000.00 -20000.00"])
        #expect(F.lines(paid).contains("9900 USD 12000.00 12000.00"))
        #expect(!(F.lines(award) + F.lines(paid)).contains { $0.hasPrefix("9900.") })
        try fund.verify()
    }
}
