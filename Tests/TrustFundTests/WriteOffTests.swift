import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import Testing
import TrustFund

/// Issue 11 item 2: a write-off of a conditional receivable takes off its deferred revenue
/// (Dr 2200 / Cr 1200, nothing in surplus or deficit), one of an unconditional receivable uses
/// the allowance held for the donor (1210) before 5600, and the write-off limit holds for the
/// total written off per agreement and per year, not per request.
@Suite struct WriteOffTests {
    private func acme(_ fund: TestFund) throws {
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
    }

    private func writeOff(_ ref: String, _ agreement: String, _ amount: String, _ date: String = "2026-03-10") -> EntryDraft {
        FundDrafts.writeOffRequest(agreement: agreement, amount: F.usd(amount), date: F.d(date), ref: ref)
    }

    private func certify(_ ref: String, _ date: String = "2026-03-10") -> EntryDraft {
        FundDrafts.decision(.approvalCertify, request: ref, date: F.d(date))
    }

    private func approve(_ ref: String, _ date: String = "2026-03-10") -> EntryDraft {
        FundDrafts.decision(.approvalApprove, request: ref, date: F.d(date))
    }

    /// USD 10,000.00 conditional: Dr 1200.ACME / Cr 2200.ACME. Writing off 4,000.00 takes it off
    /// the deferred revenue (Dr 2200.ACME), not 5600; writing off the other 6,000.00 leaves
    /// nothing deferred, so no recognition can book revenue that will not arrive.
    @Test func aConditionalWriteOffTakesOffTheDeferredRevenue() throws {
        let fund = try TestFund()
        try acme(fund)
        try fund.record(FundDrafts.agreement(ref: "AGR-C", donor: "ACME", amount: F.usd("10000.00"), date: F.d("2026-01-10"), conditional: true))
        let first = try fund.approved(writeOff("WO-1", "AGR-C", "4000.00"))
        #expect(F.lines(first) == ["2200.ACME USD 4000.00 4000.00", "1200.ACME USD -4000.00 -4000.00"])
        #expect(try fund.field("agreement", "AGR-C", "deferred") == "6000.00")
        #expect(try fund.balance("2200.ACME") == ("-6000.00", "-6000.00"))
        #expect(try fund.totalValueMinor("5600") == 0)
        let rest = try fund.approved(writeOff("WO-2", "AGR-C", "6000.00", "2026-03-20"))
        #expect(F.lines(rest) == ["2200.ACME USD 6000.00 6000.00", "1200.ACME USD -6000.00 -6000.00"])
        #expect(try fund.balance("2200.ACME").amount == "0")
        #expect(try fund.balance("1200.ACME").amount == "0")
        try fund.expectRefusal(
            FundDrafts.recognise(agreement: "AGR-C", amount: F.usd("0.01"), date: F.d("2026-04-01")),
            code: .fundsUnavailable)
        #expect(try fund.totalValueMinor("4110") == 0)
        #expect(try fund.totalValueMinor("5600") == 0)
        try fund.verify()
    }

    /// Of USD 10,000.00 conditional, 7,000.00 is recognised (its condition met): 3,000.00 stays
    /// deferred. Writing off 5,000.00 takes 3,000.00 off 2200.ACME and the 2,000.00 recognised
    /// as revenue is a loss (5600). Reversing the write-off puts the deferred revenue back.
    @Test func aPartlyRecognisedAgreementWritesOffTheDeferredPartFirst() throws {
        let fund = try TestFund()
        try acme(fund)
        try fund.record(FundDrafts.agreement(ref: "AGR-C", donor: "ACME", amount: F.usd("10000.00"), date: F.d("2026-01-10"), conditional: true))
        try fund.record(FundDrafts.recognise(agreement: "AGR-C", amount: F.usd("7000.00"), date: F.d("2026-02-01")))
        let approval = try fund.approved(writeOff("WO-1", "AGR-C", "5000.00"))
        #expect(F.lines(approval) == [
            "2200.ACME USD 3000.00 3000.00", "5600 USD 2000.00 2000.00", "1200.ACME USD -5000.00 -5000.00",
        ])
        #expect(try fund.field("agreement", "AGR-C", "deferred") == "0.00")
        try fund.approved(FundDrafts.reversalRequest(of: approval.body.seq, date: F.d("2026-03-15"), ref: "REV-1", memo: "written off in error"))
        #expect(try fund.field("agreement", "AGR-C", "deferred") == "3000.00")
        #expect(try fund.balance("2200.ACME") == ("-3000.00", "-3000.00"))
        try fund.verify()
    }

    /// An allowance of 3,000.00 held for ACME (1210.ACME, booked by voucher): writing off
    /// 5,000.00 of an unconditional receivable uses it first, the other 2,000.00 goes to 5600.
    @Test func anUnconditionalWriteOffUsesTheAllowanceFirst() throws {
        let fund = try TestFund()
        try acme(fund)
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("10000.00"), date: F.d("2026-01-10")))
        try fund.record(EntryDraft(kind: .accountOpen, date: F.d("2026-01-31"), data: [
            "code": .string("1210.ACME"), "name": .string("Allowance – Acme Foundation"), "type": .string("asset"),
        ]), by: TestFund.admin)
        try fund.approved(FundDrafts.voucherRequest(postings: [
            Posting(account: F.account("5600"), amount: F.usd("3000.00"), value: F.usd("3000.00")),
            Posting(account: F.account("1210.ACME"), amount: F.usd("-3000.00"), value: F.usd("-3000.00")),
        ], date: F.d("2026-01-31"), ref: "IMP-1", memo: "impaired: donor in arrears"))
        let approval = try fund.approved(writeOff("WO-1", "AGR-1", "5000.00"))
        #expect(F.lines(approval) == [
            "1210.ACME USD 3000.00 3000.00", "5600 USD 2000.00 2000.00", "1200.ACME USD -5000.00 -5000.00",
        ])
        #expect(try fund.balance("1210.ACME").amount == "0")
        #expect(try fund.balance("5600") == ("5000.00", "5000.00"))
        try fund.verify()
    }

    /// Two requests of USD 8,888.89 under a limit of 10,000.00: each is within the limit, but
    /// together they write off 17,777.78 of the agreement in 2026. The second is refused at
    /// certification, whether the first is approved or only certified; a request in 2027 counts
    /// against 2027's limit.
    @Test func theLimitHoldsForTheTotalOfTheYearNotEachRequest() throws {
        let fund = try TestFund()
        try acme(fund)
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("30000.00"), date: F.d("2026-01-10")))
        try fund.record(writeOff("WO-1", "AGR-1", "8888.89"))
        try fund.record(writeOff("WO-2", "AGR-1", "8888.89"))
        try fund.record(certify("WO-1"), by: TestFund.chen)
        try fund.expectRefusal(certify("WO-2"), by: TestFund.chen, code: .fundsUnavailable, containing: """
            certification refused: the write-offs of agreement AGR-1 in 2026 would come to 17777.78 USD \
            (8888.89 already approved or certified, plus 8888.89 for request WO-2), above the write-off limit of 10000.00 USD
            """)
        try fund.record(approve("WO-1"), by: TestFund.amara)
        try fund.expectRefusal(certify("WO-2"), by: TestFund.chen, code: .fundsUnavailable)
        try fund.expectRefusal(certify("WO-2"), by: TestFund.chen, code: .fundsUnavailable)
        try fund.record(FundDrafts.decision(.approvalReject, request: "WO-2", date: F.d("2026-03-10"), reason: "above the limit"), by: TestFund.chen)
        try fund.approved(writeOff("WO-3", "AGR-1", "1111.11"))
        // Recorded when it happens: an entry is dated at most a month after it is recorded.
        try RecordingTime.$override.withValue("2027-01-15T09:00:00Z") {
            _ = try fund.approved(writeOff("WO-4", "AGR-1", "8888.89", "2027-01-15"))
        }
        try fund.verify()
    }

    /// Both certified while the limit was 20,000.00; the limit is then lowered to 10,000.00 from
    /// the requests' date. The first is approved; the second is refused at approval, which
    /// counts the first.
    @Test func theYearsTotalIsCheckedAgainAtApproval() throws {
        let fund = try TestFund()
        try acme(fund)
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("30000.00"), date: F.d("2026-01-10")))
        try fund.approved(FundDrafts.settingRequest(name: "write_off_limit", value: "20000.00", from: F.d("2026-03-01"), date: F.d("2026-03-01"), ref: "SET-1"))
        try fund.record(writeOff("WO-1", "AGR-1", "8888.89"))
        try fund.record(writeOff("WO-2", "AGR-1", "8888.89"))
        try fund.record(certify("WO-1"), by: TestFund.chen)
        try fund.record(certify("WO-2"), by: TestFund.chen)
        try fund.approved(FundDrafts.settingRequest(name: "write_off_limit", value: "10000.00", from: F.d("2026-03-10"), date: F.d("2026-03-10"), ref: "SET-2"))
        try fund.record(approve("WO-1"), by: TestFund.amara)
        try fund.expectRefusal(approve("WO-2"), by: TestFund.amara, code: .fundsUnavailable, containing: """
            approval refused: the write-offs of agreement AGR-1 in 2026 would come to 17777.78 USD \
            (8888.89 already approved or certified, plus 8888.89 for request WO-2)
            """)
        try fund.verify()
    }

    /// EUR 20,000.00 at 0.8000 = USD 25,000.00. WO-1 (EUR 4,000.00) is certified; then EUR
    /// 18,000.00 arrives, leaving EUR 2,000.00 (USD 2,500.00) on 1200.BEL. WO-2 writes that off:
    /// WO-1 counts for what is left on the receivable (USD 2,500.00), not refused as more than
    /// 1200.BEL holds; 2,500.00 + 2,500.00 is within the limit. WO-1 can then not be approved.
    @Test func aCertifiedWriteOffBeyondWhatIsLeftCountsForWhatIsLeft() throws {
        let fund = try TestFund()
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-BEL", donor: "BEL", amount: F.eur("20000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.writeOffRequest(agreement: "AGR-BEL", amount: F.eur("4000.00"), date: F.d("2026-03-10"), ref: "WO-1"))
        try fund.record(certify("WO-1"), by: TestFund.chen)
        try fund.record(FundDrafts.receipt(agreement: "AGR-BEL", amount: F.eur("18000.00"), date: F.d("2026-03-12"), bankRef: "BNK-1"))
        let approval = try fund.approved(FundDrafts.writeOffRequest(agreement: "AGR-BEL", amount: F.eur("2000.00"), date: F.d("2026-03-15"), ref: "WO-2"))
        #expect(F.lines(approval) == ["5600 EUR 2000.00 2500.00", "1200.BEL EUR -2000.00 -2500.00"])
        try fund.expectRefusal(approve("WO-1"), by: TestFund.amara, code: .fundsUnavailable)
        try fund.verify()
    }

    /// EUR 8,000.00 conditional at 0.8000 = USD 10,000.00 on 1200.BEL and 2200.BEL. At 31 March
    /// (0.9000) the receivable is revalued to 8,888.89, an unrealised loss of 1,111.11 (2200 is
    /// not monetary: it stays at 10,000.00). The write-off takes both off at their carrying
    /// values; the 1,111.11 between them comes back as FX, so over the two entries nothing is
    /// left in surplus or deficit.
    @Test func aConditionalWriteOffAfterARevaluationLeavesNothingInSurplusOrDeficit() throws {
        let fund = try TestFund()
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.9000")], from: F.d("2026-03-01"), revision: false, date: F.d("2026-03-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-BEL", donor: "BEL", amount: F.eur("8000.00"), date: F.d("2026-01-10"), conditional: true))
        try fund.record(FundDrafts.revaluation(date: F.d("2026-03-31")))
        #expect(try fund.balance("1200.BEL", "EUR") == ("8000.00", "8888.89"))
        let approval = try fund.approved(FundDrafts.writeOffRequest(agreement: "AGR-BEL", amount: F.eur("8000.00"), date: F.d("2026-04-10"), ref: "WO-1"))
        #expect(F.lines(approval) == ["2200.BEL EUR 8000.00 10000.00", "1200.BEL EUR -8000.00 -8888.89", "4900 EUR 0.00 -1111.11"])
        #expect(try fund.totalValueMinor("5600") == 0)
        #expect(try fund.totalValueMinor("4900") + fund.totalValueMinor("5900") == 0)
        #expect(try fund.totalValueMinor("4100") == 0)
        try fund.verify()
    }


    /// The old posting, Dr 5600 / Cr 1200.ACME for a conditional agreement, signed by the
    /// approving officer in place of the honest approval: the verifier re-derives the postings
    /// with the same rule and rejects the entry.
    @Test func aWriteOffForgedToPost5600ForAConditionalAgreementIsCaught() throws {
        let fund = try TestFund()
        try acme(fund)
        try fund.record(FundDrafts.agreement(ref: "AGR-C", donor: "ACME", amount: F.usd("10000.00"), date: F.d("2026-01-10"), conditional: true))
        let honest = try fund.approved(writeOff("WO-1", "AGR-C", "4000.00"))
        let entries = try Forgery.journal(fund)
        try Forgery.expectVerifies(entries)
        var forged = honest.body
        forged.postings = [
            Posting(account: F.account("5600"), amount: F.usd("4000.00"), value: F.usd("4000.00")),
            Posting(account: F.account("1200.ACME"), amount: F.usd("-4000.00"), value: F.usd("-4000.00")),
        ]
        Forgery.expectCaught(try Forgery.replacingLast(entries, with: forged, signedBy: TestFund.amara), at: forged.seq,
                             rule: .postingsDiffer, "its postings are not the ones approval.approve computes", "2200.ACME")
    }
}
