import LedgerJournal
import TrustFundRules
import TransparencyLog
import Testing
import TrustFund

/// Issue 12 item 9: nothing is dated before the ledger's opening (its genesis entry's date). A
/// ledger made today with `vtf init` (no `--date`) used to take back-dated donors, agreements
/// and receipts, then refuse the grant certification much later with "the setting reserve_rate
/// has no value on 2026-03-01". Now the first back-dated entry is refused, with the fix.
@Suite("Entries dated before the ledger's opening")
struct OpeningDateTests {
    private func belgium(_ date: String) -> EntryDraft {
        FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d(date))
    }

    @Test func anEntryBeforeTheOpeningIsRefusedWithTheFix() throws {
        let fund = try TestFund(start: "2026-12-06")
        try fund.expectRefusal(
            belgium("2026-03-01"),
            code: .wrongDate)
        try fund.expectRefusal(belgium("2026-12-05"), code: .wrongDate)
        try fund.expectRefusal(belgium("2025-07-01"), code: .wrongDate)
        // On the opening day itself, and after, it is accepted.
        try fund.record(belgium("2026-12-06"))
    }

    @Test func aLedgerOpenedOnTheFirstDayOfTheYearTakesTheYear() throws {
        let fund = try TestFund(start: "2026-01-01")
        try fund.record(belgium("2026-03-01"))
    }

    @Test func theVerifierRefusesAnEntryForgedBeforeTheOpening() throws {
        let fund = try TestFund(start: "2026-12-06")
        let entry = try fund.record(belgium("2026-12-06"))
        let honest = try Forgery.journal(fund)
        try Forgery.expectVerifies(honest)
        var early = entry.body
        early.date = F.d("2026-03-01")
        Forgery.expectCaught(
            try Forgery.replacingLast(honest, with: early, signedBy: TestFund.maria), at: entry.body.seq,
            rule: .wrongDate)
    }
}
