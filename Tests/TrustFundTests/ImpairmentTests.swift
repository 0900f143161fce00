import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import Testing
import TrustFund

/// Issue 11 item 9: `receivable.impair`, a two-person allowance for a doubtful receivable
/// (Dr 5600 / Cr 1210.DONOR at the carrying value of that part of 1200.DONOR), with the ageing
/// of the agreement's instalments on the request's date kept in the request record.
@Suite struct ImpairmentTests {
    /// Belgium, EUR 9,000.00 at 0.8000 (USD 11,250.00) in three instalments of 3,000.00 due
    /// 2026-01-31, 2026-06-30 and 2027-01-31; 1,000.00 received.
    private func belgium(_ fund: TestFund) throws {
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(
            ref: "AGR-B", donor: "BEL", amount: F.eur("9000.00"), date: F.d("2026-01-10"),
            instalments: [
                .init(amount: F.eur("3000.00"), due: F.d("2026-01-31")), .init(amount: F.eur("3000.00"), due: F.d("2026-06-30")),
                .init(amount: F.eur("3000.00"), due: F.d("2027-01-31")),
            ]))
        try fund.record(FundDrafts.receipt(agreement: "AGR-B", amount: F.eur("1000.00"), date: F.d("2026-02-10"), bankRef: "B-1"))
    }

    private func impair(_ ref: String, _ amount: Amount, _ date: String = "2026-09-30", agreement: String = "AGR-B") -> EntryDraft {
        FundDrafts.impairmentRequest(agreement: agreement, amount: amount, date: F.d(date), ref: ref)
    }

    /// On 2026-09-30 the first instalment is 242 days overdue (2,000.00 left of it), the second
    /// 92 (3,000.00), the third not due. Impairing EUR 4,000.00 posts Dr 5600 / Cr 1210.BEL at
    /// 0.8000 (USD 5,000.00) once certified and approved; its reversal takes it off again.
    @Test func anImpairmentPostsTheAllowanceAndKeepsItsAgeing() throws {
        let fund = try TestFund()
        try belgium(fund)
        try fund.record(impair("IMP-1", F.eur("4000.00")))
        let ageing = try #require(try fund.file.fundRecord("request", "IMP-1")?.fields["ageing"]?.objectValue)
        #expect(ageing == [
            "as_of": .string("2026-09-30"), "not_due": .string("3000.00"), "days_0_90": .string("0.00"),
            "days_91_180": .string("3000.00"), "days_181_365": .string("2000.00"), "over_365": .string("0.00"),
        ])
        // Two-person: the fund manager's request is not approved without a certification.
        try fund.expectRefusal(FundDrafts.decision(.approvalApprove, request: "IMP-1", date: F.d("2026-09-30")), by: TestFund.amara,
                               code: .wrongState)
        try fund.record(FundDrafts.decision(.approvalCertify, request: "IMP-1", date: F.d("2026-09-30")), by: TestFund.chen)
        let approval = try fund.record(FundDrafts.decision(.approvalApprove, request: "IMP-1", date: F.d("2026-09-30")), by: TestFund.amara)
        #expect(F.lines(approval) == ["5600 EUR 4000.00 5000.00", "1210.BEL EUR -4000.00 -5000.00"])
        #expect(try fund.field("agreement", "AGR-B", "impaired") == "4000.00")
        #expect(try fund.balance("1200.BEL", "EUR") == ("8000.00", "10000.00"))
        try fund.verify()
        // The receivables report: carrying value 10,000.00, less the allowance 5,000.00.
        let impaired = try ReceivablesReport(try ReportBasis(fund.file, report: .receivables, asOf: F.d("2026-09-30"), from: nil))
        #expect([impaired.totalValue, impaired.allowance, impaired.netValue].map(\.decimalString) == ["10000.00", "-5000.00", "5000.00"])
        try fund.approved(FundDrafts.reversalRequest(of: approval.body.seq, date: F.d("2026-10-15"), ref: "REV-1", memo: "impaired in error"))
        let reversed = try ReceivablesReport(try ReportBasis(fund.file, report: .receivables, asOf: F.d("2026-10-15"), from: nil))
        #expect([reversed.totalValue, reversed.allowance, reversed.netValue].map(\.decimalString) == ["10000.00", "0.00", "10000.00"])
        #expect(try fund.balance("1210.BEL", "EUR").amount == "0")
        #expect(try fund.totalValueMinor("5600") == 0)
        #expect(try fund.field("agreement", "AGR-B", "impaired") == nil)
        #expect(try fund.file.fundRecord("request", "IMP-1")?.fields["status"]?.stringValue == "reversed")
        try fund.verify()
    }

    /// What is outstanding (8,000.00) less the allowance held for the agreement caps the next
    /// impairment; a write-off then takes the allowance first.
    @Test func anImpairmentIsRefusedAboveWhatIsLeftAndAWriteOffUsesIt() throws {
        let fund = try TestFund()
        try belgium(fund)
        try fund.expectRefusal(impair("IMP-0", F.eur("8000.01")), code: .fundsUnavailable, containing: """
            agreement AGR-B has 8000.00 EUR outstanding, of which 0.00 EUR is already covered by the allowance (1210.BEL); \
            8000.01 EUR is more than the 8000.00 EUR left to impair: ask for at most 8000.00 EUR
            """)
        try fund.approved(impair("IMP-1", F.eur("6000.00")))
        try fund.expectRefusal(impair("IMP-2", F.eur("2000.01")), code: .fundsUnavailable)
        try fund.approved(impair("IMP-2", F.eur("2000.00")))
        let writeOff = try fund.approved(FundDrafts.writeOffRequest(agreement: "AGR-B", amount: F.eur("1000.00"), date: F.d("2026-11-02"), ref: "WO-1"))
        #expect(F.lines(writeOff) == ["1210.BEL EUR 1000.00 1250.00", "1200.BEL EUR -1000.00 -1250.00"])
        try fund.verify()
    }

    /// A conditional agreement whose revenue is still deferred has no revenue to impair.
    @Test func aDeferredReceivableIsNotImpaired() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-C", donor: "ACME", amount: F.usd("10000.00"), date: F.d("2026-01-10"), conditional: true))
        try fund.expectRefusal(impair("IMP-1", F.usd("0.01"), agreement: "AGR-C"), code: .wrongState, containing: """
            agreement AGR-C is conditional and 10000.00 USD of its 10000.00 USD outstanding is still deferred revenue (2200.ACME): \
            no revenue was recognised, so there is none to impair
            """)
        try fund.record(FundDrafts.recognise(agreement: "AGR-C", amount: F.usd("4000.00"), date: F.d("2026-02-01")))
        try fund.expectRefusal(impair("IMP-1", F.usd("4000.01"), agreement: "AGR-C"), code: .wrongState)
        let approval = try fund.approved(impair("IMP-1", F.usd("4000.00"), agreement: "AGR-C"))
        #expect(F.lines(approval) == ["5600 USD 4000.00 4000.00", "1210.ACME USD -4000.00 -4000.00"])
        try fund.verify()
    }

    /// An approving officer who re-signs the impairment's approval at a value of their own
    /// choosing (USD 4,000.00 instead of the carrying value 5,000.00) is caught at that entry.
    @Test func theVerifierCatchesAForgedImpairment() throws {
        let fund = try TestFund()
        try belgium(fund)
        let approval = try fund.approved(impair("IMP-1", F.eur("4000.00")))
        let entries = try Forgery.journal(fund)
        try Forgery.expectVerifies(entries)
        var bent = approval.body
        bent.postings = [
            Posting(account: F.account("5600"), amount: F.eur("4000.00"), value: F.usd("4000.00")),
            Posting(account: F.account("1210.BEL"), amount: F.eur("-4000.00"), value: F.usd("-4000.00")),
        ]
        Forgery.expectCaught(try Forgery.replacingLast(entries, with: bent, signedBy: TestFund.amara), at: approval.body.seq,
                             rule: .postingsDiffer)
    }
}
