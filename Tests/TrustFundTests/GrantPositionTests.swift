import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// Issue 11 item 4: after approved reversals of a tranche payment, a partner report and a
/// refund, every grant figure (GrantPositions, `report grants`, `report psc`, the grant record
/// `grant list` used to show) reads the same net figures as the ledger's balances. Figures
/// worked out by hand: paid 60,000 + 25,000 = 85,000; spent 40,000 + 5,000 = 45,000; PSC 13 %
/// of each = 5,200 + 650 = 5,850; refunded 3,000. Reversing the 25,000 tranche, the 5,000
/// report and the refund leaves 60,000 / 40,000 / 5,200 / 0.
@Suite("One grant position for every report, reversals netted")
struct GrantPositionTests {
    private func reversal(_ seq: UInt64, ref: String, date: String) -> EntryDraft {
        FundDrafts.reversalRequest(of: seq, date: F.d(date), ref: ref, memo: "correction")
    }

    /// AGR-1 of USD 200,000.00 received; G-01 of 100,000.00 (60,000 + 25,000 + 15,000): tranche
    /// 1 paid 15 Feb, report 40,000 on 31 Mar, tranche 2 paid 15 Apr, report 5,000 on 31 May,
    /// refund 3,000 on 15 Jun. Returns the seqs of tranche 2's approval, the second report and
    /// the refund.
    static func scenario() throws -> (fund: TestFund, tranche: UInt64, report: UInt64, refund: UInt64) {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("200000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("200000.00"), date: F.d("2026-01-20"), bankRef: "BNK-1"))
        try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("100000.00"),
            tranches: [F.usd("60000.00"), F.usd("25000.00"), F.usd("15000.00")], date: F.d("2026-02-01")))
        try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: F.usd("60000.00"), date: F.d("2026-02-15"), ref: "PAY-1"))
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("40000.00"), date: F.d("2026-03-31")))
        let tranche = try fund.approved(FundDrafts.disbursementRequest(
            grant: "G-01", tranche: 2, amount: F.usd("25000.00"), date: F.d("2026-04-15"), ref: "PAY-2"))
        let report = try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("5000.00"), date: F.d("2026-05-31")))
        let refund = try fund.record(FundDrafts.grantRefund(grant: "G-01", amount: F.usd("3000.00"), date: F.d("2026-06-15"), bankRef: "BNK-R1"))
        return (fund, tranche.body.seq, report.body.seq, refund.body.seq)
    }

    private func basis(_ fund: TestFund, _ report: FundReportName, _ asOf: String) throws -> ReportBasis {
        try ReportBasis(fund.file, report: report, asOf: F.d(asOf), from: report == .psc ? F.d("2026-01-01") : nil)
    }

    /// paid, spent, psc, refunded, advance as `report grants` shows them on `asOf`.
    private func grantsReport(_ fund: TestFund, _ asOf: String) throws -> [String] {
        let line = try #require(try GrantsReport(try basis(fund, .grants, asOf)).lines.first { $0.grant == "G-01" })
        return [line.paid, line.spent, line.psc, line.refunded, line.advance].map(\.decimalString)
    }

    private func position(_ fund: TestFund, _ asOf: String) throws -> [String] {
        let position = try #require(try GrantPositions(fund.file, currency: F.usd("0.00").currency).positions(through: F.d(asOf))["G-01"])
        return [position.paid, position.spent, position.psc, position.refunded].map(\.decimalString)
    }

    /// Every reader of the grant's position against the ledger's balances, on `asOf`.
    private func expectEveryReport(_ fund: TestFund, _ asOf: String, paid: String, spent: String, psc: String, refunded: String,
                                   advance: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try grantsReport(fund, asOf) == [paid, spent, psc, refunded, advance], sourceLocation: sourceLocation)
        #expect(try position(fund, asOf) == [paid, spent, psc, refunded], sourceLocation: sourceLocation)
        let balances = BalanceRows(try fund.file.trialBalance(asOf: F.d(asOf)))
        #expect(balances["5100"] == spent, "5100", sourceLocation: sourceLocation)
        #expect(balances["5200"] == psc, "5200", sourceLocation: sourceLocation)
        #expect(balances["1300.G-01"] == advance, "1300.G-01", sourceLocation: sourceLocation)
        let pscReport = try PSCReport(try basis(fund, .psc, asOf))
        #expect(pscReport.totalCharged.decimalString == psc, sourceLocation: sourceLocation)
        #expect(pscReport.ledgerPSC.decimalString == psc, sourceLocation: sourceLocation)
        #expect(pscReport.totalExpenditure.decimalString == spent, sourceLocation: sourceLocation)
        #expect(pscReport.agrees, sourceLocation: sourceLocation)
    }

    @Test func reversingATrancheAReportAndARefundNetsInEveryReport() throws {
        let (fund, tranche, report, refund) = try Self.scenario()
        try expectEveryReport(fund, "2026-06-30", paid: "85000.00", spent: "45000.00", psc: "5850.00", refunded: "3000.00", advance: "37000.00")
        // Undone in reverse order: the refund, the second report, the second tranche.
        try fund.approved(reversal(refund, ref: "REV-1", date: "2026-07-01"))
        try fund.approved(reversal(report, ref: "REV-2", date: "2026-07-02"))
        try fund.approved(reversal(tranche, ref: "REV-3", date: "2026-07-03"))
        try expectEveryReport(fund, "2026-07-31", paid: "60000.00", spent: "40000.00", psc: "5200.00", refunded: "0.00", advance: "20000.00")
        // Before the reversals are dated, the figures are still those of 30 June.
        try expectEveryReport(fund, "2026-06-30", paid: "85000.00", spent: "45000.00", psc: "5850.00", refunded: "3000.00", advance: "37000.00")
        // The grant record (what `grant list` showed) agrees with the one source.
        #expect(try ["paid", "spent", "psc", "refunded"].map { try fund.field("grant", "G-01", $0) }
            == ["60000.00", "40000.00", "5200.00", "0.00"])
        // The PSC report shows the reversal as a negative line at the rate that charged it.
        let pscReport = try PSCReport(try basis(fund, .psc, "2026-07-31"))
        let lines = pscReport.lines.map { [$0.reverses.map(String.init) ?? "", $0.expenditure.decimalString, $0.rate, $0.charged.decimalString] }
        #expect(lines == [["", "40000.00", "13", "5200.00"], ["", "5000.00", "13", "650.00"], ["\(report)", "-5000.00", "13", "-650.00"]])
        try fund.verify()
    }

    /// `report psc` agrees only when the total charged is what 5200 holds: PSC posted by a
    /// voucher (not a grant entry) makes it say NO.
    @Test func pscReportDisagreesWhen5200HoldsMore() throws {
        let (fund, _, _, _) = try Self.scenario()
        try fund.approved(FundDrafts.voucherRequest(
            postings: [Posting(account: F.account("5200"), amount: F.usd("100.00"), value: F.usd("100.00")),
                       Posting(account: F.account("1100"), amount: F.usd("-100.00"), value: F.usd("-100.00"))],
            date: F.d("2026-06-20"), ref: "V-1", memo: "PSC by voucher"))
        let report = try PSCReport(try basis(fund, .psc, "2026-06-30"))
        #expect(report.entriesAgree)
        #expect(!report.agrees)
        #expect(report.ledgerPSC.decimalString == "5950.00")
        #expect(report.document.notes.contains { $0.contains("DOES NOT agree with the total charged") })
    }
}

/// Balances by account (USD value as text).
private struct BalanceRows {
    let values: [String: String]
    init(_ rows: [TrialBalanceRow]) {
        values = Dictionary(rows.map { ($0.account.rawValue, $0.value.decimalString) }, uniquingKeysWith: { first, _ in first })
    }
    subscript(_ account: String) -> String { values[account] ?? "0.00" }
}
