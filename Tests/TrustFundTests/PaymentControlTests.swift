import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// Money goes out once, and only against cash that is there: a reversed approval never
/// reopens its request (paying again needs a new request and two people), and a payment posts
/// on its own date against the cash as of that date (issue 11, items 5 and 6).
@Suite("Payments: a reversal closes the request, and the cash is checked on the payment's date")
struct PaymentControlTests {
    private func reversal(_ seq: UInt64, ref: String, date: String) -> EntryDraft {
        FundDrafts.reversalRequest(of: seq, date: F.d(date), ref: ref, memo: "paid in error")
    }

    // MARK: - Item 5: a reversed approval never reopens its request

    // MARK: - Cash is paid only out of cash held, whatever pays it

    /// An outside trial took cash below zero four ways that no payment check saw: an interest
    /// allocation's costs, a grant report's PSC, a manual voucher and the reversal of a receipt
    /// whose cash was spent. Each is refused now (vouchers and reversals already at
    /// certification), the ledger unchanged; paying what is held still passes.
    @Test func noEntryTakesCashBelowZero() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()  // cash 88,000.00; advance 1300.G-01 12,000.00
        // One person's entries: interest costs and a grant report's PSC, beyond the cash.
        try fund.expectRefusal(FundDrafts.interest(income: F.usd("0.00"), costs: F.usd("88000.01"), date: F.d("2026-03-01"), ref: "INT-1"),
                               code: .fundsUnavailable, containing: "which holds 88000.00 USD")
        try fund.record(FundDrafts.interest(income: F.usd("0.00"), costs: F.usd("87000.00"), date: F.d("2026-03-01"), ref: "INT-2"))
        try fund.expectRefusal(FundDrafts.grantReport(grant: "G-01", spent: F.usd("12000.00"), date: F.d("2026-03-02")),
                               code: .fundsUnavailable, containing: "takes 1560.00 USD out of cash")
        // A voucher paying more than is held is refused at certification, not certified as
        // "funds are available".
        let voucher = [
            Posting(account: F.account("5400"), amount: F.usd("1000.01"), value: F.usd("1000.01")),
            Posting(account: F.account("1100"), amount: F.usd("-1000.01"), value: F.usd("-1000.01")),
        ]
        try fund.record(FundDrafts.voucherRequest(postings: voucher, date: F.d("2026-03-03"), ref: "VO-1", memo: "misc"))
        try fund.expectRefusal(FundDrafts.decision(.approvalCertify, request: "VO-1", date: F.d("2026-03-03")), by: TestFund.chen,
                               code: .fundsUnavailable, containing: "exceeds the USD cash of 1000.00")
        // Reversing the receipt whose cash was spent would take 100,000.00 back out of 1,000.00.
        let receipt = try #require(try fund.file.entries(ofKinds: [.contributionReceive]).first { $0.ref == "BNK-1" })
        try fund.record(reversal(receipt.seq, ref: "REV-R", date: "2026-03-04"))
        try fund.expectRefusal(FundDrafts.decision(.approvalCertify, request: "REV-R", date: F.d("2026-03-04")), by: TestFund.chen,
                               code: .fundsUnavailable, containing: "payment REV-R of 100000.00")
        #expect(try fund.balance("1100").amount == "1000.00")
        let verification = try fund.file.verify()
        #expect(verification.differences.isEmpty, "\(verification.differences)")
    }

    /// An outside trial dated one person's interest costs between a payment and the receipt
    /// that funded it: the cash stood below zero for months. Cash is checked as of the entry's
    /// own date and on every later posting date. Here cash is 100,000.00 from 20 January,
    /// 88,000.00 from 15 February (tranche 1 of G-01) and 138,000.00 from 1 March.
    @Test func noEntryTakesCashBelowZeroOnItsDateOrLater() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.record(FundDrafts.agreement(ref: "AGR-2", donor: "ACME", amount: F.usd("50000.00"), date: F.d("2026-02-20")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-2", amount: F.usd("50000.00"), date: F.d("2026-03-01"), bankRef: "BNK-2"))
        // Dated before the receipt: no cash then.
        try fund.expectRefusal(FundDrafts.interest(income: F.usd("0.00"), costs: F.usd("10.00"), date: F.d("2026-01-15"), ref: "INT-1"),
                               code: .fundsUnavailable, containing: "which held 0.00 USD on that date")
        // Dated before the tranche: the cash then holds it, but the tranche would overdraw it later.
        try fund.expectRefusal(FundDrafts.interest(income: F.usd("0.00"), costs: F.usd("95000.00"), date: F.d("2026-02-01"), ref: "INT-2"),
                               code: .fundsUnavailable, containing: "below zero on 2026-02-15, when it held 88000.00")
        try fund.record(FundDrafts.interest(income: F.usd("0.00"), costs: F.usd("88000.00"), date: F.d("2026-02-01"), ref: "INT-3"))
        try fund.verify()
    }

    /// An outside trial dated a grant's report and refund before the payment they spend: for
    /// three months the advance read −10,000.00. A partner reports or returns what was advanced
    /// by then (G-01's tranche 1, 12,000.00, was paid on 15 February).
    @Test func aGrantsAdvanceIsSpentOrReturnedOnlyOnceItWasPaid() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.expectRefusal(FundDrafts.grantReport(grant: "G-01", spent: F.usd("1000.00"), date: F.d("2026-02-01")),
                               code: .fundsUnavailable, containing: "off the advance 1300.G-01, which held 0.00 on 2026-02-01")
        try fund.expectRefusal(FundDrafts.grantRefund(grant: "G-01", amount: F.usd("1000.00"), date: F.d("2026-02-01"), bankRef: "BNK-R1"),
                               code: .fundsUnavailable, containing: "which held 0.00 on 2026-02-01")
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("1000.00"), date: F.d("2026-02-15")))
        try fund.verify()
    }

    /// An outside trial carried EUR 0.00 at USD 500,000.00 in a voucher: cash and revenue that do
    /// not exist, certified and approved by officers who see no postings. A voucher values
    /// another currency at the UN rate of its date (EUR 80.00 at 0.8000 is USD 100.00).
    @Test func aVoucherValuesOtherCurrenciesAtTheDaysRate() throws {
        let fund = try TestFund()
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        func voucher(_ amounts: (String, String), _ values: (String, String), ref: String) -> EntryDraft {
            FundDrafts.voucherRequest(postings: [
                Posting(account: F.account("1100"), amount: F.eur(amounts.0), value: F.usd(values.0)),
                Posting(account: F.account("4200"), amount: F.eur(amounts.1), value: F.usd(values.1)),
            ], date: F.d("2026-03-10"), ref: ref, memo: "interest")
        }
        try fund.expectRefusal(voucher(("0.00", "0.00"), ("500000.00", "-500000.00"), ref: "V-1"), code: .badField,
                               containing: "is worth 0.00 USD at the UN operational rate of 2026-03-10, not 500000.00")
        try fund.record(voucher(("80.00", "-80.00"), ("100.00", "-100.00"), ref: "V-2"))
        try fund.verify()
    }

    /// An outside trial spent a grant's advance by voucher (Dr 5100, Cr 1300.G-…): the books
    /// moved, the grant showed nothing spent and no PSC was charged. A voucher may not post to an
    /// account the fund's records keep; the parent accounts themselves still take vouchers.
    @Test func aVoucherMayNotPostWhereTheRecordsKeepTheBooks() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        for (index, account) in ["1300.G-01", "9200.G-01", "1200.ACME"].enumerated() {
            let postings = [
                Posting(account: F.account("5100"), amount: F.usd("100.00"), value: F.usd("100.00")),
                Posting(account: F.account(account), amount: F.usd("-100.00"), value: F.usd("-100.00")),
            ]
            try fund.expectRefusal(FundDrafts.voucherRequest(postings: postings, date: F.d("2026-03-01"), ref: "VO-\(index)", memo: "x"),
                                   code: .badField, containing: "is kept with the fund's records")
        }
        #expect(try fund.field("grant", "G-01", "spent") == "0.00")
    }

    @Test func aReversedPaymentStaysClosedAndOnlyANewRequestPaysAgain() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("20000.00"),
            tranches: [F.usd("12000.00"), F.usd("8000.00")], date: F.d("2026-02-01")))
        let paid = try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: F.usd("12000.00"), date: F.d("2026-02-15"), ref: "PAY-1"))
        try fund.approved(reversal(paid.body.seq, ref: "REV-1", date: "2026-02-20"))
        #expect(try fund.field("request", "PAY-1", "status") == "reversed")
        #expect(try fund.field("request", "PAY-1", "reversed_by") == "REV-1")
        #expect(try fund.balance("1100").amount == "100000.00")
        #expect(try fund.balance("1300.G-01").amount == "0")
        #expect(try fund.field("grant", "G-01", "paid") == "0.00")
        #expect(try fund.field("grant", "G-01", "pending") == "0.00")
        #expect(try fund.field("grant", "G-01", "tranches_requested") == "[]")
        #expect(try fund.field("grant", "G-01", "tranches_paid") == "[]")
        // The approving officer alone cannot pay it again, nor can it be certified or rejected.
        let approveAgain = FundDrafts.decision(.approvalApprove, request: "PAY-1", date: F.d("2026-02-15"))
        try fund.expectRefusal(approveAgain, by: TestFund.amara, code: .wrongState)
        try fund.expectRefusal(approveAgain, by: TestFund.chenApproving, code: .wrongState)
        try fund.expectRefusal(FundDrafts.decision(.approvalCertify, request: "PAY-1", date: F.d("2026-02-15")), by: TestFund.chen,
                               code: .wrongState)
        try fund.expectRefusal(FundDrafts.decision(.approvalReject, request: "PAY-1", date: F.d("2026-02-15"), reason: "again"),
                               by: TestFund.chen, code: .wrongState)
        // A new request for the same tranche, certified and approved by two people, pays it.
        try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: F.usd("12000.00"), date: F.d("2026-02-20"), ref: "PAY-2"))
        #expect(try fund.field("request", "PAY-2", "status") == "approved")
        #expect(try fund.balance("1100").amount == "88000.00")
        #expect(try fund.balance("1300.G-01").amount == "12000.00")
        #expect(try fund.field("grant", "G-01", "paid") == "12000.00")
        #expect(try fund.field("grant", "G-01", "tranches_paid") == "[1]")
        let verification = try fund.file.verify()
        #expect(verification.differences.isEmpty, "\(verification.differences)")
    }

    /// Refunds, write-offs, bank charges and vouchers: each approval, once reversed, leaves its
    /// request closed as "reversed" and cannot be approved again.
    @Test func noReversedApprovalReopensItsRequest() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.record(FundDrafts.agreement(ref: "AGR-2", donor: "ACME", amount: F.usd("50000.00"), date: F.d("2026-01-12")))
        let voucher = [
            Posting(account: F.account("5400"), amount: F.usd("10.00"), value: F.usd("10.00")),
            Posting(account: F.account("1100"), amount: F.usd("-10.00"), value: F.usd("-10.00")),
        ]
        let requests = [
            FundDrafts.donorRefundRequest(donor: "ACME", amount: F.usd("1000.00"), date: F.d("2026-02-01"), ref: "RF-1"),
            FundDrafts.writeOffRequest(agreement: "AGR-2", amount: F.usd("1000.00"), date: F.d("2026-02-01"), ref: "WO-1"),
            FundDrafts.bankChargesRequest(account: F.account("1100"), amount: F.usd("25.00"), bankID: nil, date: F.d("2026-02-01"), ref: "BC-1"),
            FundDrafts.voucherRequest(postings: voucher, date: F.d("2026-02-01"), ref: "VO-1", memo: "correction"),
        ]
        var approvals: [(ref: String, seq: UInt64)] = []
        for request in requests { approvals.append((request.ref ?? "", try fund.approved(request).body.seq)) }
        for (ref, seq) in approvals {
            try fund.approved(reversal(seq, ref: "REV-\(ref)", date: "2026-02-10"))
            #expect(try fund.field("request", ref, "status") == "reversed", "\(ref)")
            try fund.expectRefusal(FundDrafts.decision(.approvalApprove, request: ref, date: F.d("2026-02-01")), by: TestFund.amara,
                                   code: .wrongState)
        }
        #expect(try fund.balance("1100").amount == "100000.00")
        #expect(try fund.field("agreement", "AGR-2", "written_off") == "0.00")
        let verification = try fund.file.verify()
        #expect(verification.differences.isEmpty, "\(verification.differences)")
    }

    // MARK: - Item 6: a payment posts on its date, against the cash of that date

    /// ACME's USD 100,000.00 arrived on 20 Jan; G-01 (100,000.00 in tranches 94,800.00 and
    /// 5,200.00) paid its first tranche on 15 Feb; 5,200.00 was spent on fund management by an
    /// approved voucher on 1 Mar (a refund to ACME would now be refused: that cash is committed
    /// to G-01, see FundsAvailableTests), so the cash was 0.00 from then until AGR-2's 5,200.00
    /// arrived on 20 Mar.
    private func cashGoneUntilTheTwentiethOfMarch() throws -> TestFund {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("100000.00"),
            tranches: [F.usd("94800.00"), F.usd("5200.00")], date: F.d("2026-02-01")))
        try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: F.usd("94800.00"), date: F.d("2026-02-15"), ref: "PAY-1"))
        try fund.approved(FundDrafts.voucherRequest(postings: [
            Posting(account: F.account("5300"), amount: F.usd("5200.00"), value: F.usd("5200.00")),
            Posting(account: F.account("1100"), amount: F.usd("-5200.00"), value: F.usd("-5200.00")),
        ], date: F.d("2026-03-01"), ref: "V-1", memo: "evaluation"))
        try fund.record(FundDrafts.agreement(ref: "AGR-2", donor: "ACME", amount: F.usd("5200.00"), date: F.d("2026-03-15")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-2", amount: F.usd("5200.00"), date: F.d("2026-03-20"), bankRef: "BNK-2"))
        #expect(try fund.balance("1100").amount == "5200.00")
        return fund
    }

    /// Today the cash covers the tranche, but not on 10 Mar, the date it would post on (the
    /// cash would be −5,200.00 that day): refused, then paid when dated on the receipt's day.
    @Test func aPaymentDatedBeforeTheCashThatFundsItArrivedIsRefused() throws {
        let fund = try cashGoneUntilTheTwentiethOfMarch()
        try fund.record(FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("5200.00"), date: F.d("2026-03-10"), ref: "PAY-2"))
        try fund.expectRefusal(FundDrafts.decision(.approvalCertify, request: "PAY-2", date: F.d("2026-03-10")), by: TestFund.chen,
                               code: .fundsUnavailable)
        try fund.record(FundDrafts.decision(.approvalReject, request: "PAY-2", date: F.d("2026-03-10"), reason: "dated before the funds"), by: TestFund.chen)
        try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("5200.00"), date: F.d("2026-03-20"), ref: "PAY-3"))
        #expect(try fund.balance("1100").amount == "0")
        #expect(try fund.field("grant", "G-01", "paid") == "100000.00")
        let verification = try fund.file.verify()
        #expect(verification.differences.isEmpty, "\(verification.differences)")
    }

    /// Dated 10 Feb the cash covers it on its date, but it would take the cash below zero on
    /// 1 Mar, after the payments already posted between.
    @Test func aPaymentThatWouldTakeTheCashBelowZeroLaterIsRefused() throws {
        let fund = try cashGoneUntilTheTwentiethOfMarch()
        try fund.record(FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("5200.00"), date: F.d("2026-02-10"), ref: "PAY-2"))
        try fund.expectRefusal(FundDrafts.decision(.approvalCertify, request: "PAY-2", date: F.d("2026-02-10")), by: TestFund.chen,
                               code: .fundsUnavailable)
    }

    /// A refund to a donor is a payment too.
    @Test func aRefundDatedBeforeTheReceiptIsRefused() throws {
        let fund = try TestFund()
        try fund.fundedUSD()  // received 20 Jan
        try fund.record(FundDrafts.donorRefundRequest(donor: "ACME", amount: F.usd("5200.00"), date: F.d("2026-01-15"), ref: "RF-1"))
        try fund.expectRefusal(FundDrafts.decision(.approvalCertify, request: "RF-1", date: F.d("2026-01-15")), by: TestFund.chen,
                               code: .fundsUnavailable)
    }

    // MARK: - The verifier enforces it


    /// PAY-2 (dated 10 Mar) was certified while the cash covered it; bank charges dated 1 Mar
    /// then took the cash to 0.00 until 20 Mar, so the writer refuses its approval. An approving
    /// officer who signs that approval anyway, in place of the journal's last entry, is caught
    /// by `verify` at that entry.
    @Test func aForgedPaymentDatedBeforeItsFundsFailsVerify() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("100000.00"),
            tranches: [F.usd("94800.00"), F.usd("5200.00")], date: F.d("2026-02-01")))
        try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: F.usd("94800.00"), date: F.d("2026-02-15"), ref: "PAY-1"))
        try fund.record(FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("5200.00"), date: F.d("2026-03-10"), ref: "PAY-2"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "PAY-2", date: F.d("2026-03-10")), by: TestFund.chen)
        try fund.approved(FundDrafts.bankChargesRequest(account: F.account("1100"), amount: F.usd("5200.00"), bankID: nil, date: F.d("2026-03-01"), ref: "BC-1"))
        try fund.record(FundDrafts.agreement(ref: "AGR-2", donor: "ACME", amount: F.usd("5200.00"), date: F.d("2026-03-15")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-2", amount: F.usd("5200.00"), date: F.d("2026-03-20"), bankRef: "BNK-2"))
        let approval = FundDrafts.decision(.approvalApprove, request: "PAY-2", date: F.d("2026-03-10"))
        try fund.expectRefusal(approval, by: TestFund.amara, code: .fundsUnavailable)
        let last = try fund.record(FundDrafts.donor(id: "OTHER", name: "Other Foundation", type: "foundation", country: nil, date: F.d("2026-03-21")))
        let entries = try Forgery.journal(fund)
        try Forgery.expectVerifies(entries)
        let forged = approval.body(ledger: last.body.ledger, seq: last.body.seq, prev: last.body.prev, time: last.body.time,
                                   signer: TestFund.amara.publicKey.keyID)
        Forgery.expectCaught(try Forgery.replacingLast(entries, with: forged, signedBy: TestFund.amara), at: forged.seq,
                             rule: .fundsUnavailable)
    }
}
