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
        try fund.recordRates(FundDrafts.rates([(eur, try Decimal64(parsing: "0.8000"))], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
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
        try fund.recordRates(FundDrafts.rates([(eur, try Decimal64(parsing: "0.9000"))], from: F.d("2027-01-01"), revision: false, date: F.d("2027-01-02")))
    }

    /// An outside trial dated a grant payment 9999-12-31, approved it, then reversed it on a 2026
    /// date: the closed year showed a negative advance and grants paid as an inflow. An entry is
    /// dated at most a month after the day it is recorded, and a reversal on or after the entry
    /// it reverses.
    @Test func entriesAreNotDatedAheadNorReversedBeforeTheyHappen() throws {
        let fund = try TestFund()
        let paid = try fund.grantWithFirstTranchePaid()
        try RecordingTime.$override.withValue("2026-03-01T09:00:00Z") {
            for far in ["9999-12-31", "2026-04-02"] {
                try fund.expectRefusal(
                    FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("8000.00"), date: F.d(far), ref: "PAY-2"),
                    code: .wrongDate, containing: "dated \(far), more than 31 days after the day it is recorded (2026-03-01)")
            }
            try fund.record(FundDrafts.donor(id: "NEW", name: "New Foundation", type: "foundation", country: nil, date: F.d("2026-04-01")))
            try fund.expectRefusal(
                FundDrafts.reversalRequest(of: paid.body.seq, date: F.d("2026-02-14"), ref: "REV-1", memo: "wrong grantee"),
                code: .wrongDate, containing: "a reversal is dated on or after the entry it reverses (entry \(paid.body.seq), dated 2026-02-15)")
            try fund.record(FundDrafts.reversalRequest(of: paid.body.seq, date: F.d("2026-02-15"), ref: "REV-1", memo: "wrong grantee"))
        }
        try fund.verify()
    }

    /// An outside trial back-dated a setting request to lower the PSC rate under a grant report
    /// already charged at 13 %. A change starts after every posting recorded, at the request and
    /// again at certification (entries recorded meanwhile may overtake it).
    @Test func aSettingStartsAfterWhatIsRecorded() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("1000.00"), date: F.d("2026-03-01")))
        try fund.expectRefusal(
            FundDrafts.settingRequest(name: "psc_rate", value: "5", from: F.d("2026-01-15"), date: F.d("2026-01-15"), ref: "SET-1"),
            code: .wrongDate, containing: "entries are dated up to 2026-03-01, so the change starts on 2026-03-02 or later")
        try fund.record(FundDrafts.settingRequest(name: "psc_rate", value: "5", from: F.d("2026-03-02"), date: F.d("2026-03-02"), ref: "SET-1"))
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("500.00"), date: F.d("2026-03-05")))
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "SET-1", date: F.d("2026-03-02")), by: TestFund.chen,
            code: .wrongDate, containing: "entries are dated up to 2026-03-05")
        try fund.verify()
    }

    /// An award dated 1 February was certified against the funds as of that day alone, though an
    /// award of most of them was approved for 1 June (an outside trial committed more than the
    /// fund had). Funds are counted as of the request's date and as of the latest date recorded.
    @Test func aCommitmentDatedLaterCountsAgainstAnEarlierOne() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.approved(FundDrafts.awardRequest(
            grant: "G-LATE", grantee: "P1", granteeName: "Partner One", amount: F.usd("60000.00"),
            tranches: [F.usd("60000.00")], date: F.d("2026-06-01")))
        try fund.record(FundDrafts.awardRequest(
            grant: "G-EARLY", grantee: "P2", granteeName: "Partner Two", amount: F.usd("60000.00"),
            tranches: [F.usd("60000.00")], date: F.d("2026-02-01")))
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "G-EARLY", date: F.d("2026-02-01")), by: TestFund.chen,
            code: .fundsUnavailable, containing: "as of 2026-06-01")
        try fund.verify()
    }
}
