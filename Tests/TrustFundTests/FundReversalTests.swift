import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// Corrections on a fund ledger: an approved reversal negates an entry and puts back the
/// records it changed; undone in reverse order; never by one person; never a closed year.
@Suite("Fund corrections are approved reversals")
struct FundReversalTests {
    private func reversal(_ seq: UInt64, ref: String, date: String) -> EntryDraft {
        FundDrafts.reversalRequest(of: seq, date: F.d(date), ref: ref, memo: "correction")
    }

    /// USD 100,000.00 received against AGR-1 belonged to AGR-2: reverse it, record it again.
    @Test func aReceiptOnTheWrongAgreementIsReversedAndItsRecordsRestored() throws {
        let fund = try TestFund()
        try fund.fundedUSD()  // AGR-1 of 100,000.00, received in full as BNK-1
        try fund.record(FundDrafts.agreement(ref: "AGR-2", donor: "ACME", amount: F.usd("100000.00"), date: F.d("2026-01-12")))
        let receipt = try #require(try fund.file.entries(ofKinds: [.contributionReceive]).last)
        #expect(try fund.field("agreement", "AGR-1", "received") == "100000.00")
        let approval = try fund.approved(reversal(receipt.seq, ref: "REV-1", date: "2026-01-25"))
        #expect(F.lines(approval) == ["1100 USD -100000.00 -100000.00", "1200.ACME USD 100000.00 100000.00"])
        #expect(try fund.field("agreement", "AGR-1", "received") == "0.00")
        #expect(try fund.balance("1100").amount == "0")
        #expect(try fund.balance("1200.ACME").amount == "200000.00")
        try fund.record(FundDrafts.receipt(agreement: "AGR-2", amount: F.usd("100000.00"), date: F.d("2026-01-25"), bankRef: "BNK-1-AGAIN"))
        #expect(try fund.field("agreement", "AGR-2", "received") == "100000.00")
        // Reversed once only.
        try fund.expectRefusal(reversal(receipt.seq, ref: "REV-2", date: "2026-01-26"), code: .notReversible)
        let verification = try fund.file.verify()
        #expect(verification.differences.isEmpty, "\(verification.differences)")
    }

    @Test func entriesAreUndoneInReverseOrder() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        let agreement = try #require(try fund.file.entries(ofKinds: [.agreementSign]).last)
        // The receipt changed AGR-1 after the agreement did.
        try fund.expectRefusal(reversal(agreement.seq, ref: "REV-1", date: "2026-01-25"),
                               code: .notReversible)
    }

    @Test func oneFundManagerCannotReverseAlone() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        let receipt = try #require(try fund.file.entries(ofKinds: [.contributionReceive]).last)
        let direct = EntryDraft(
            kind: .reversal, date: F.d("2026-01-25"), memo: "alone",
            postings: try LedgerRules.negated(receipt.postings), data: ["reverses": .integer(Int64(receipt.seq))])
        try fund.expectRefusal(direct, code: .twoPerson)
        // The request needs a certifying officer first, then another person.
        try fund.record(reversal(receipt.seq, ref: "REV-1", date: "2026-01-25"))
        try fund.expectRefusal(FundDrafts.decision(.approvalApprove, request: "REV-1", date: F.d("2026-01-25")), by: TestFund.amara,
                               code: .wrongState)
    }

    @Test func aClosedYearStaysClosed() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        let close = try fund.closeYear(2026)
        try fund.expectRefusal(reversal(close.body.seq, ref: "REV-1", date: "2027-01-05"), code: .closedYear)
    }

    /// An approved grant award reversed: the obligation (9200) goes, the grant record goes, and
    /// the award request is closed as reversed: it can be neither approved again nor rejected.
    @Test func anAwardIsReversedBeforeAnyPayment() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        let award = try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("20000.00"),
            tranches: [F.usd("20000.00")], date: F.d("2026-02-01")))
        try fund.approved(reversal(award.body.seq, ref: "REV-1", date: "2026-02-02"))
        #expect(try fund.file.fundRecord("grant", "G-01") == nil)
        #expect(try fund.field("request", "G-01", "status") == "reversed")
        #expect(try fund.balance("9200.G-01").amount == "0")
        try fund.expectRefusal(FundDrafts.decision(.approvalApprove, request: "G-01", date: F.d("2026-02-01")), by: TestFund.amara,
                               code: .wrongState)
        try fund.expectRefusal(FundDrafts.decision(.approvalReject, request: "G-01", date: F.d("2026-02-01"), reason: "awarded in error"),
                               by: TestFund.chen, code: .wrongState)
        let verification = try fund.file.verify()
        #expect(verification.differences.isEmpty, "\(verification.differences)")
    }
}
