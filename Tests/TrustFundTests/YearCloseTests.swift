import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// The year-end close (issue 10 item 3): only after the year has ended, only in order, and only
/// by three people — requested by the fund manager, certified, approved by another person.
@Suite struct YearCloseTests {
    static let issueDay = "2026-12-01T10:15:00Z"
    static let nextJanuary = "2027-01-05T09:00:00Z"

    /// The issue's case: on 2026-12-01 a fund manager asks to close 2030. Refused, saying when it
    /// can be closed; the ledger is byte for byte what it was. 2026 itself is not over either.
    @Test func aYearThatHasNotEndedCannotBeClosed() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try RecordingTime.$override.withValue(Self.issueDay) {
            try fund.expectRefusal(FundDrafts.yearCloseRequest(year: 2030, ref: "CLOSE-2030", date: F.d("2030-12-31")),
                                   code: .wrongDate)
            try fund.expectRefusal(FundDrafts.yearCloseRequest(year: 2026, ref: "CLOSE-2026", date: F.d("2026-12-31")),
                                   code: .wrongDate)
            // The last second of the year is still inside it.
        }
        try RecordingTime.$override.withValue("2026-12-31T23:59:59Z") {
            try fund.expectRefusal(FundDrafts.yearCloseRequest(year: 2026, ref: "CLOSE-2026", date: F.d("2026-12-31")),
                                   code: .wrongDate)
        }
        #expect(try fund.file.fundRecord("fund", "closed") == nil)
        try fund.closeYear(2026, at: "2027-01-01T00:00:00Z")
        try fund.verify()
    }

    /// A close recorded without a request, or by the fund manager, or through approval.approve,
    /// is refused: the verifier refuses the same entry in a journal.
    @Test func aCloseIsNeverOnePersonsEntry() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try RecordingTime.$override.withValue(Self.nextJanuary) {
            let bare = EntryDraft(kind: .yearClose, date: F.d("2026-12-31"), ref: "2026", data: ["year": .integer(2026)])
            try fund.expectRefusal(bare, by: TestFund.amara, code: .twoPerson)
            try fund.expectRefusal(bare, by: TestFund.maria, code: .signerRole)
            try fund.record(FundDrafts.yearCloseRequest(year: 2026, ref: "CLOSE-2026", date: F.d("2026-12-31")))
            let close = FundDrafts.yearClose(year: 2026, request: "CLOSE-2026", date: F.d("2026-12-31"))
            try fund.expectRefusal(close, by: TestFund.amara, code: .wrongState)
            try fund.record(FundDrafts.decision(.approvalCertify, request: "CLOSE-2026", date: F.d("2026-12-31")), by: TestFund.chen)
            try fund.expectRefusal(FundDrafts.decision(.approvalApprove, request: "CLOSE-2026", date: F.d("2026-12-31")), by: TestFund.amara,
                                   code: .wrongState)
            // The certifier under his approving key, and the requester under hers, are the same people.
            try fund.expectRefusal(close, by: TestFund.chenApproving, code: .twoPerson)
            try fund.expectRefusal(close, by: TestFund.mariaApproving, code: .twoPerson)
            #expect(try fund.file.fundRecord("fund", "closed") == nil)
            try fund.record(close, by: TestFund.amara)
        }
        let request = try #require(try fund.file.fundRecord("request", "CLOSE-2026"))
        #expect(request.fields["status"]?.stringValue == "approved")
        #expect([request.fields["requester"], request.fields["certifier"], request.fields["approver"]].map { $0?.stringValue } == ["maria", "chen", "amara"])
        try fund.verify()
    }

    /// Approval closes the year: revenue and expenses go to 3100 and every entry dated in the
    /// year is refused afterwards, by the writer and the verifier alike.
    @Test func theApprovalClosesTheYear() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        let close = try fund.closeYear(2026)
        #expect(close.body.kind == .yearClose)
        #expect(close.body.postings.contains { $0.account.rawValue == "3100" })
        #expect(try fund.totalValueMinor("4110") == 0)
        #expect(try fund.file.fundRecord("fund", "closed")?.fields["through"]?.stringValue == "2026-12-31")
        try fund.expectRefusal(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("1.00"), date: F.d("2026-12-30"), bankRef: "LATE"),
                               code: .closedYear)
        try fund.expectRefusal(FundDrafts.yearCloseRequest(year: 2026, ref: "CLOSE-AGAIN", date: F.d("2026-12-31")), code: .closedYear)
        try fund.record(FundDrafts.donor(id: "FRA", name: "France", type: "member-state", country: "FR", date: F.d("2027-01-02")))
        try fund.verify()
    }

    /// Years close in order from the first year with postings: with postings in 2025, 2026
    /// cannot be closed first, and after 2025 no year can be skipped.
    @Test func anEarlierOpenYearMustBeClosedFirst() throws {
        let fund = try TestFund(start: "2025-01-01")
        try fund.record(FundDrafts.interest(income: F.usd("100.00"), costs: F.usd("0.00"), date: F.d("2025-06-30"), ref: "TRY-2025"))
        try fund.fundedUSD()
        try RecordingTime.$override.withValue(Self.nextJanuary) {
            try fund.expectRefusal(FundDrafts.yearCloseRequest(year: 2026, ref: "CLOSE-2026", date: F.d("2026-12-31")),
                                   code: .closedYear)
        }
        try fund.closeYear(2025, at: Self.nextJanuary)
        try RecordingTime.$override.withValue("2028-01-05T09:00:00Z") {
            try fund.expectRefusal(FundDrafts.yearCloseRequest(year: 2027, ref: "CLOSE-2027", date: F.d("2027-12-31")),
                                   code: .closedYear)
        }
        try fund.closeYear(2026, at: "2028-01-05T09:00:00Z")
        try fund.verify()
    }

    /// A fund that starts mid-way closes its first, short year without any earlier close.
    @Test func aFundStartingMidYearClosesItsFirstYear() throws {
        let fund = try TestFund(start: "2026-07-01")
        try fund.record(FundDrafts.interest(income: F.usd("10.00"), costs: F.usd("0.00"), date: F.d("2026-09-30"), ref: "TRY-Q3"))
        try fund.closeYear(2026)
        try fund.verify()
    }

    /// A rejected close request never closes the year; its ref cannot be approved afterwards.
    @Test func aRejectedRequestNeverClosesTheYear() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try RecordingTime.$override.withValue(Self.nextJanuary) {
            try fund.record(FundDrafts.yearCloseRequest(year: 2026, ref: "CLOSE-2026", date: F.d("2026-12-31")))
            try fund.expectRefusal(FundDrafts.yearCloseRequest(year: 2026, ref: "CLOSE-2026-B", date: F.d("2026-12-31")),
                                   code: .alreadyRecorded)
            try fund.record(FundDrafts.decision(.approvalCertify, request: "CLOSE-2026", date: F.d("2026-12-31")), by: TestFund.chen)
            try fund.record(FundDrafts.decision(.approvalReject, request: "CLOSE-2026", date: F.d("2026-12-31"), reason: "Revalue first"),
                            by: TestFund.amara)
            try fund.expectRefusal(FundDrafts.yearClose(year: 2026, request: "CLOSE-2026", date: F.d("2026-12-31")), by: TestFund.amara,
                                   code: .wrongState)
            #expect(try fund.file.fundRecord("fund", "closed") == nil)
            try fund.record(FundDrafts.donor(id: "FRA", name: "France", type: "member-state", country: "FR", date: F.d("2026-12-30")))
        }
        try fund.closeYear(2026, ref: "CLOSE-2026-B")
        try fund.verify()
    }
}
