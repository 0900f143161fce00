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

/// Issue 11 item 9: a year-end accrual of grant spending (`grant.accrue`, 31 December) written
/// with its reversal (`grant.accrue.reverse`, 1 January) in one batch. Figures by hand: G-01 has
/// 12,000.00 advanced, 2,000.00 reported on 30 June (PSC 260.00), so 10,000.00 is open. An
/// accrual of 10,200.50 takes 10,000.00 off 1300.G-01 and 200.50 to 2100.G-01; PSC 13 % of
/// 10,200.50 = 1,326.065, half to even 1,326.06, Dr 5200 / Cr 2100.
@Suite struct AccrualTests {
    static func scenario() throws -> TestFund {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("2000.00"), date: F.d("2026-06-30")))
        return fund
    }

    @discardableResult
    static func accrue(_ fund: TestFund, _ amount: String = "10200.50", date: String = "2026-12-31", basis: String? = "partner report of 2027-01-20")
        throws -> [SignedEntry]
    {
        let drafts = FundDrafts.grantAccrual(grant: "G-01", amount: F.usd(amount), date: F.d(date), basis: basis, seq: try fund.file.entryCount())
        return try fund.file.append(drafts, keys: WriteKeys(author: TestFund.maria, log: TestFund.log))
    }

    @Test func theAccrualAndItsReversalPostAsDesigned() throws {
        let fund = try Self.scenario()
        let entries = try Self.accrue(fund)
        #expect(F.lines(entries[0]) == [
            "5100 USD 10200.50 10200.50", "1300.G-01 USD -10000.00 -10000.00", "2100.G-01 USD -200.50 -200.50",
            "5200 USD 1326.06 1326.06", "2100 USD -1326.06 -1326.06",
        ])
        #expect(entries[1].body.date == F.d("2027-01-01"))
        #expect(entries[1].body.postings == (try LedgerRules.negated(entries[0].body.postings)))
        #expect(try fund.file.fundRecord("accrual", "open") == nil)
        try fund.verify()
        // Neither is undone by a reversal request: the accrual is already taken out on 1 January.
        try fund.expectRefusal(FundDrafts.reversalRequest(of: entries[0].body.seq, date: F.d("2027-01-02"), ref: "REV-1", memo: "no"),
                               code: .notReversible)
        // The year closes after it: its expenses include the accrual, not its reversal.
        let close = try fund.closeYear(2026)
        #expect(F.lines(close).contains("5100 USD -12200.50 -12200.50"))
        #expect(F.lines(close).contains("5200 USD -1586.06 -1586.06"))
        #expect(try fund.balance("5100") == ("-10200.50", "-10200.50"))
        try fund.verify()
    }

    /// `report grants`, GrantPositions, `report psc` and the balances agree on 31 December (the
    /// accrual in) and on 1 January (reversed).
    @Test func reportsAgreeWithTheAccrualInAndReversed() throws {
        let fund = try Self.scenario()
        try Self.accrue(fund)
        try expectEveryReport(fund, "2026-12-31", spent: "12200.50", psc: "1586.06", advance: "0.00")
        try expectEveryReport(fund, "2027-01-01", spent: "2000.00", psc: "260.00", advance: "10000.00")
        let pscReport = try PSCReport(try ReportBasis(fund.file, report: .psc, asOf: F.d("2027-01-01"), from: F.d("2026-01-01")))
        #expect(pscReport.lines.map { [$0.expenditure.decimalString, $0.charged.decimalString, $0.recomputed.decimalString] } == [
            ["2000.00", "260.00", "260.00"], ["10200.50", "1326.06", "1326.06"], ["-10200.50", "-1326.06", "-1326.06"],
        ])
    }

    private func expectEveryReport(_ fund: TestFund, _ asOf: String, spent: String, psc: String, advance: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        let from = F.d("2026-01-01")
        let grants = try #require(try GrantsReport(try ReportBasis(fund.file, report: .grants, asOf: F.d(asOf), from: nil)).lines.first)
        #expect([grants.spent, grants.psc, grants.advance].map(\.decimalString) == [spent, psc, advance], sourceLocation: sourceLocation)
        let position = try #require(try GrantPositions(fund.file, currency: F.usd("0.00").currency).positions(through: F.d(asOf))["G-01"])
        #expect([position.spent, position.psc].map(\.decimalString) == [spent, psc], sourceLocation: sourceLocation)
        let rows = try fund.file.trialBalance(asOf: F.d(asOf))
        let balances = { (code: String) in rows.first { $0.account.rawValue == code }?.amount.decimalString ?? "0.00" }
        #expect(balances("5100") == spent, "5100", sourceLocation: sourceLocation)
        #expect(balances("5200") == psc, "5200", sourceLocation: sourceLocation)
        #expect(balances("1300.G-01") == advance, "1300.G-01", sourceLocation: sourceLocation)
        let pscReport = try PSCReport(try ReportBasis(fund.file, report: .psc, asOf: F.d(asOf), from: from))
        #expect(pscReport.totalCharged.decimalString == psc, sourceLocation: sourceLocation)
        #expect(pscReport.ledgerPSC.decimalString == psc, sourceLocation: sourceLocation)
        #expect(pscReport.agrees, sourceLocation: sourceLocation)
    }

    /// An outside trial accrued USD 5,000,000 on a grant of 16,000, twice, alone. An accrual is
    /// at most the award less what the partner reported (20,000.00 − 2,000.00), once per grant
    /// and year.
    @Test func anAccrualIsAtMostWhatThePartnerCouldStillReportOnceAYear() throws {
        let fund = try Self.scenario()
        let beyond = FundDrafts.grantAccrual(grant: "G-01", amount: F.usd("18000.01"), date: F.d("2026-12-31"), basis: nil, seq: try fund.file.entryCount())
        try fund.expectRefusal(beyond[0], code: .totalMismatch, containing: "an accrual is at most the 18000.00 it could still report")
        try Self.accrue(fund, "18000.00")
        let again = FundDrafts.grantAccrual(grant: "G-01", amount: F.usd("1.00"), date: F.d("2026-12-31"), basis: nil, seq: try fund.file.entryCount())
        try fund.expectRefusal(again[0], code: .alreadyRecorded, containing: "a grant is accrued once a year")
        try fund.verify()
    }

    @Test func refusals() throws {
        let fund = try Self.scenario()
        let drafts = FundDrafts.grantAccrual(grant: "G-01", amount: F.usd("100.00"), date: F.d("2026-12-30"), basis: nil, seq: try fund.file.entryCount())
        try fund.expectRefusal(drafts[0], code: .wrongDate)
        // Alone, an accrual is refused by the entry after it; appended by itself, the next entry is.
        let alone = FundDrafts.grantAccrual(grant: "G-01", amount: F.usd("100.00"), date: F.d("2026-12-31"), basis: nil, seq: try fund.file.entryCount())
        try fund.record(alone[0])
        try fund.expectRefusal(FundDrafts.grantReport(grant: "G-01", spent: F.usd("1.00"), date: F.d("2027-01-02")),
                               code: .wrongState)
        let wrongDay = EntryDraft(kind: .grantAccrueReverse, date: F.d("2027-01-02"), data: alone[1].data)
        try fund.expectRefusal(wrongDay, code: .wrongDate)
        try fund.record(alone[1])
        let again = EntryDraft(kind: .grantAccrueReverse, date: F.d("2027-01-01"), data: alone[1].data)
        try fund.expectRefusal(again, code: .notReversible)
        try fund.verify()
    }

    // MARK: - The verifier

    @Test func theVerifierCatchesAForgedAccrualOrReversal() throws {
        let fund = try Self.scenario()
        let entries = try Self.accrue(fund)
        let honest = try Forgery.journal(fund)
        try Forgery.expectVerifies(honest)
        let accrual = entries[0].body
        let reversal = entries[1].body
        // Reversal dated 2 January.
        var late = reversal
        late.date = F.d("2027-01-02")
        Forgery.expectCaught(try Forgery.replacingLast(honest, with: late, signedBy: TestFund.maria), at: reversal.seq, rule: .wrongDate)
        // No reversal after the accrual: a partner report in its place.
        var other = reversal
        other.kind = .grantReport
        other.data = ["grant": .string("G-01"), "spent": .string("1.00")]
        Forgery.expectCaught(try Forgery.replacingLast(honest, with: other, signedBy: TestFund.maria), at: reversal.seq, rule: .wrongState)
        // A reversal that does not take out all of it.
        var partial = reversal
        partial.postings = Array(reversal.postings.prefix(3)) + [
            Posting(account: F.account("5200"), amount: F.usd("-1000.00"), value: F.usd("-1000.00")),
            Posting(account: F.account("2100"), amount: F.usd("1000.00"), value: F.usd("1000.00")),
        ]
        Forgery.expectCaught(try Forgery.replacingLast(honest, with: partial, signedBy: TestFund.maria), at: reversal.seq, rule: .postingsDiffer)
        // An accrual with smaller PSC (the journal cut after it).
        var bent = accrual
        bent.postings = Array(accrual.postings.prefix(3)) + [
            Posting(account: F.account("5200"), amount: F.usd("1000.00"), value: F.usd("1000.00")),
            Posting(account: F.account("2100"), amount: F.usd("-1000.00"), value: F.usd("-1000.00")),
        ]
        Forgery.expectCaught(try Forgery.replacingLast(Array(honest.dropLast()), with: bent, signedBy: TestFund.maria), at: accrual.seq, rule: .postingsDiffer)
    }
}
