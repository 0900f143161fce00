import LedgerCore
import LedgerLog
import LedgerStore
import Testing
import TrustFund

/// Money goes out once: a reversed approval never reopens its request (paying again needs a
/// new request and two people) (issue 11, item 5).
@Suite("Payments: a reversal closes the request")
struct PaymentControlTests {
    private func reversal(_ seq: UInt64, ref: String, date: String) -> EntryDraft {
        FundDrafts.reversalRequest(of: seq, date: F.d(date), ref: ref, memo: "paid in error")
    }

    // MARK: - Item 5: a reversed approval never reopens its request

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
        try fund.expectRefusal(approveAgain, by: TestFund.amara, containing: "request PAY-1 cannot be approved: it is reversed")
        try fund.expectRefusal(approveAgain, by: TestFund.chenApproving, containing: "it is reversed")
        try fund.expectRefusal(FundDrafts.decision(.approvalCertify, request: "PAY-1", date: F.d("2026-02-15")), by: TestFund.chen,
                               containing: "request PAY-1 is reversed, not waiting for certification")
        try fund.expectRefusal(FundDrafts.decision(.approvalReject, request: "PAY-1", date: F.d("2026-02-15"), reason: "again"),
                               by: TestFund.chen, containing: "request PAY-1 is reversed; only a waiting request can be rejected")
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
                                   containing: "request \(ref) cannot be approved: it is reversed")
        }
        #expect(try fund.balance("1100").amount == "100000.00")
        #expect(try fund.field("agreement", "AGR-2", "written_off") == "0.00")
        let verification = try fund.file.verify()
        #expect(verification.differences.isEmpty, "\(verification.differences)")
    }
}
