import LedgerCore
import LedgerJournal
import Testing
import TrustFund
import TrustFundRules

/// One fund manager set EUR at 0.0001 to the dollar in an outside trial and turned EUR 650,000
/// into USD 6.5 billion of cash. A rate more than a quarter away from the currency's rate before
/// now needs two people: alone it is refused, as a request certified and approved it is recorded.
@Suite("A rate that moves more than a quarter needs two people")
struct RateMoveTests {
    private func rates(_ rate: String, from: String) -> EntryDraft {
        FundDrafts.rates([F.rate("EUR", rate)], from: F.d(from), revision: false, date: F.d(from))
    }

    @Test func aLargeMoveIsRefusedAloneAndRecordedByTwoPeople() throws {
        let fund = try TestFund()
        try fund.recordRates(rates("0.8000", from: "2026-01-01"))
        // 0.8000 × 5/4 = 1.0000 and × 4/5 = 0.6400 are the bounds, both included.
        for far in ["0.0001", "1.0001", "0.6399", "80.0000"] {
            try fund.expectRefusal(rates(far, from: "2026-02-01"), code: .twoPerson, containing: "more than 25 % away from its rate from 2026-01-01")
        }
        try fund.recordRates(rates("1.0000", from: "2026-02-01"))
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-02-16"), revision: true, date: F.d("2026-02-16")))
        // A devaluation, confirmed by a certifying and an approving officer.
        let request = FundDrafts.ratesRequest([F.rate("EUR", "0.4000")], from: F.d("2026-03-01"), revision: false, date: F.d("2026-03-01"), ref: "FX-1")
        try fund.approved(request)
        #expect(try fund.field("rate.EUR", "2026-03-01", "rate") == "0.4000")
        #expect(try fund.field("request", "FX-1", "status") == "approved")
        // A request for a rate already recorded is refused, as the rate set would be.
        let again = FundDrafts.ratesRequest([F.rate("EUR", "0.3000")], from: F.d("2026-03-01"), revision: false, date: F.d("2026-03-01"), ref: "FX-2")
        try fund.expectRefusal(again, code: .alreadyRecorded)
        let verification = try fund.file.verify()
        #expect(verification.differences.isEmpty, "\(verification.differences)")
    }

    /// The first rate of a currency has nothing before it; one recorded before a later rate is
    /// compared with that one.
    @Test func theFirstRateIsComparedWithTheNextWhenThereIsOne() throws {
        let fund = try TestFund()
        try fund.recordRates(rates("0.8000", from: "2026-05-01"))
        try fund.expectRefusal(rates("0.0800", from: "2026-04-01"), code: .twoPerson, containing: "its rate from 2026-05-01")
        try fund.recordRates(rates("0.8100", from: "2026-04-01"))
    }

    /// A later trial moved EUR from 0.86 to 2.07 in four steps of under 25 % on four days, alone.
    /// Every rate within a month of the new one counts: the third step is refused, naming the
    /// first; a month later the same step is an ordinary monthly move.
    @Test func aMoveSplitIntoStepsIsStillOneMove() throws {
        let fund = try TestFund()
        func revision(_ rate: String, from: String) -> EntryDraft {
            FundDrafts.rates([F.rate("EUR", rate)], from: F.d(from), revision: true, date: F.d(from))
        }
        try fund.recordRates(rates("0.8600", from: "2026-06-01"))
        try fund.record(revision("1.0700", from: "2026-07-02"))
        try fund.expectRefusal(revision("1.3300", from: "2026-07-03"), code: .twoPerson, containing: "its rate from 2026-06-01 (0.8600")
        // Back-dated between two rates, the later one counts too.
        try fund.expectRefusal(revision("0.6000", from: "2026-06-20"), code: .twoPerson, containing: "its rate from 2026-07-02 (1.0700")
        try fund.recordRates(rates("1.3300", from: "2026-09-01"))
        let verification = try fund.file.verify()
        #expect(verification.differences.isEmpty, "\(verification.differences)")
    }

    /// A rate back-dated under an entry already valued at the rate before (an outside trial
    /// converted EUR on 10 March at 0.86, then set 1.07 from 5 March): refused; from the day after
    /// the latest posting it is a rate like any other. A currency's first rate values nothing yet.
    @Test func aRateStartsAfterWhatIsRecorded() throws {
        let fund = try TestFund()
        func revision(_ rate: String, from: String) -> EntryDraft {
            FundDrafts.rates([F.rate("EUR", rate)], from: F.d(from), revision: true, date: F.d(from))
        }
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-03-01")))
        try fund.recordRates(FundDrafts.rates([F.rate("GBP", "0.8000")], from: F.d("2026-03-01"), revision: false, date: F.d("2026-03-01")))
        try fund.recordRates(rates("0.8600", from: "2026-01-01"))
        try fund.record(FundDrafts.agreement(ref: "AGR-B", donor: "BEL", amount: F.eur("1000.00"), date: F.d("2026-03-10")))
        try fund.expectRefusal(revision("0.9000", from: "2026-03-05"), code: .wrongDate,
                               containing: "entries are dated up to 2026-03-10, so from 2026-03-11 or later, not 2026-03-05")
        try fund.record(revision("0.9000", from: "2026-03-11"))
        try fund.verify()
    }

    /// A currency's first rate has nothing before it to compare it with: an outside trial set CHF
    /// at 0.0001, received CHF 100 as USD 1,000,000 and paid it out. One person's first rate is
    /// refused; two people confirm it (a request certified and approved).
    @Test func aCurrencysFirstRateNeedsTwoPeople() throws {
        let fund = try TestFund()
        try fund.expectRefusal(rates("0.0001", from: "2026-01-01"), code: .twoPerson, containing: "EUR has no rate yet")
        try fund.approved(FundDrafts.ratesRequest([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01"), ref: "FX-1"))
        #expect(try fund.field("rate.EUR", "2026-01-01", "rate") == "0.8000")
        try fund.record(rates("0.8100", from: "2026-02-01"))
        try fund.verify()
    }
}
