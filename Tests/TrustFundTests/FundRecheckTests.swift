import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// Rules that look again at approval, and rules about dates: what was certified may no longer
/// be covered; a setting or a rate cannot reach back into what is already recorded.
@Suite("Fund rules at approval and in time")
struct FundRecheckTests {
    /// Cash USD 100,000.00; G-01 paid 12,000.00 (tranche 1): 88,000.00 left. A payment of
    /// 8,000.00 is certified; then interest costs of 85,000.00 leave 3,000.00, so the approval
    /// is refused, and the ledger is unchanged.
    @Test func approvalChecksTheCashAgain() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.record(FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("8000.00"), date: F.d("2026-03-01"), ref: "PAY-2"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "PAY-2", date: F.d("2026-03-01")), by: TestFund.chen)
        try fund.record(FundDrafts.interest(income: F.usd("0.00"), costs: F.usd("85000.00"), date: F.d("2026-03-02"), ref: "TRY-1"))
        try fund.expectRefusal(
            FundDrafts.decision(.approvalApprove, request: "PAY-2", date: F.d("2026-03-01")), by: TestFund.amara,
            code: .fundsUnavailable)
    }

    /// Two refunds of EUR 600.00 against EUR 1,000.00 of cash (BEL gave 2,000.00; half was
    /// converted to dollars): the first is certified; the second would overdraw the cash once
    /// both are paid, so it is not certified.
    @Test func certifiedRefundsCountAgainstTheCash() throws {
        let fund = try TestFund()
        let eur = try Currency(code: "EUR")
        try fund.record(FundDrafts.rates([(eur, try Decimal64(parsing: "0.8000"))], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-B", donor: "BEL", amount: F.eur("2000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-B", amount: F.eur("2000.00"), date: F.d("2026-01-20"), bankRef: "B-1"))
        try fund.record(FundDrafts.conversion(amount: F.eur("1000.00"), date: F.d("2026-01-25"), ref: "TRY-1"))
        for ref in ["DR-1", "DR-2"] {
            try fund.record(FundDrafts.donorRefundRequest(donor: "BEL", amount: F.eur("600.00"), date: F.d("2026-02-01"), ref: ref))
        }
        try fund.record(FundDrafts.decision(.approvalCertify, request: "DR-1", date: F.d("2026-02-01")), by: TestFund.chen)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "DR-2", date: F.d("2026-02-01")), by: TestFund.chen,
            code: .fundsUnavailable)
    }

    @Test func aSettingDoesNotChangeThePast() throws {
        let fund = try TestFund()
        try fund.expectRefusal(
            FundDrafts.settingRequest(name: "psc_rate", value: "7", from: F.d("2026-02-28"), date: F.d("2026-03-01"), ref: "SET-1"),
            code: .wrongDate)
        try fund.record(FundDrafts.settingRequest(name: "psc_rate", value: "7", from: F.d("2026-03-01"), date: F.d("2026-03-01"), ref: "SET-1"))
    }

    @Test func ratesCannotReachIntoAClosedYear() throws {
        let fund = try TestFund()
        let eur = try Currency(code: "EUR")
        try fund.closeYear(2026)
        try fund.expectRefusal(
            FundDrafts.rates([(eur, try Decimal64(parsing: "0.9000"))], from: F.d("2026-12-01"), revision: false, date: F.d("2027-01-02")),
            code: .closedYear)
        try fund.record(FundDrafts.rates([(eur, try Decimal64(parsing: "0.9000"))], from: F.d("2027-01-01"), revision: false, date: F.d("2027-01-02")))
    }
}
