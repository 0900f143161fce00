import LedgerCore
import LedgerJournal
import LedgerStore
import Testing
import TrustFund
import TrustFundRules

/// Issue 13 item 2: one place computes where an agreement stands on a date, from the journal,
/// as the receivable's balance does: a receipt counts from its date until the approved reversal
/// of it is dated, and so does an approved write-off. Figures by
/// hand: AGR-1 USD 100,000.00; received 60,000 (1 Feb) + 10,000 (15 Feb); the 10,000 reversed
/// on 20 Mar; 5,000 written off on 15 Apr, the write-off reversed on 10 May. Outstanding:
/// 30,000 on 15 Mar, 40,000 on 31 Mar, 35,000 on 30 Apr, 40,000 on 31 May: what 1200.ACME
/// holds on each date. (The agreement's record, which the reversals put back, no longer
/// lists the reversed receipt nor counts the reversed write-off on the earlier dates.)
@Suite("One agreement position, dated as the journal dates it")
struct AgreementPositionTests {
    static func scenario() throws -> TestFund {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("100000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("60000.00"), date: F.d("2026-02-01"), bankRef: "BNK-1"))
        let second = try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("10000.00"), date: F.d("2026-02-15"), bankRef: "BNK-2"))
        try fund.approved(FundDrafts.reversalRequest(of: second.body.seq, date: F.d("2026-03-20"), ref: "REV-1", memo: "bounced"))
        let writeOff = try fund.approved(FundDrafts.writeOffRequest(agreement: "AGR-1", amount: F.usd("5000.00"), date: F.d("2026-04-15"), ref: "WO-1"))
        try fund.approved(FundDrafts.reversalRequest(of: writeOff.body.seq, date: F.d("2026-05-10"), ref: "REV-2", memo: "written off in error"))
        return fund
    }

    /// received, written off, outstanding of AGR-1 on `asOf`, and what 1200.ACME holds then.
    private func figures(_ fund: TestFund, _ asOf: String) throws -> (position: [String], journal: String) {
        let position = try #require(try AgreementPosition.all(fund.file, asOf: F.d(asOf)).first { $0.agreement.ref == "AGR-1" })
        let receivable = try fund.file.trialBalance(asOf: F.d(asOf)).first { $0.account.rawValue == "1200.ACME" }
        return ([position.received, position.writtenOff, position.outstanding].map(\.decimalString), receivable?.amount.decimalString ?? "0.00")
    }

    @Test func aReversedReceiptAndALaterApprovedWriteOffCountOnTheirJournalDates() throws {
        let fund = try Self.scenario()
        for (asOf, expected) in [
            ("2026-03-15", ["70000.00", "0.00", "30000.00"]),
            ("2026-03-31", ["60000.00", "0.00", "40000.00"]),
            ("2026-04-30", ["60000.00", "5000.00", "35000.00"]),
            ("2026-05-31", ["60000.00", "0.00", "40000.00"]),
        ] {
            let (position, journal) = try figures(fund, asOf)
            #expect(position == expected, "\(asOf)")
            #expect(journal == expected[2], "1200.ACME on \(asOf)")
        }
        // The receivables report reads the same position.
        let report = try ReceivablesReport(try ReportBasis(fund.file, report: .receivables, asOf: F.d("2026-03-15")))
        #expect(report.lines.map(\.outstanding.decimalString) == ["30000.00"])
        try fund.verify()
    }
}
