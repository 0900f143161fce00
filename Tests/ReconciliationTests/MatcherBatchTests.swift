import BankStatements
import LedgerCore
import Reconciliation
import Testing

@Suite("Matcher rules 4–5")
struct MatcherBatchTests {
    // MARK: Rule 4

    @Test func oneBankCreditEqualToThreeReceiptsMatchesTheThree() throws {
        // 1,200.00 + 350.50 + 49.50 = 1,600.00; the 800.00 and the debit of 1,600.00 do not fit.
        let book = [
            try Fixture.book(1, 120_000, day: 0, counterparties: ["Nordic Aid"]),
            try Fixture.book(2, 35_050, day: 1, counterparties: ["Hope Fund"]),
            try Fixture.book(3, 4_950, day: 2, counterparties: ["Fondation Élan"]),
            try Fixture.book(4, 80_000, day: 1), try Fixture.book(5, -160_000, day: 1, kind: "approval.approve"),
        ]
        let bank = [try Fixture.bank(160_000, day: 2, text: "COLLECTIVE CREDIT", batchCount: 3, line: 12)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.seqs(12) == [1, 2, 3] && result.rule(12) == .batch)
        #expect(result.unmatchedBook == [Fixture.id(4), Fixture.id(5)])
        #expect(result.counts.matchedBank == 1 && result.counts.matchedBook == 3)
    }

    @Test func withoutABatchCountAnySizeFromTwoIsTriedWhenAskedFor() throws {
        // 1,200.00 + 400.00 is the only pair or triple of {1,200, 400, 300, 50} making 1,600.
        let book = [try Fixture.book(1, 120_000, day: 0), try Fixture.book(2, 40_000, day: 0),
                    try Fixture.book(3, 30_000, day: 0), try Fixture.book(4, 5_000, day: 0)]
        let bank = [try Fixture.bank(160_000, day: 0, line: 1)]
        // By default a line the bank did not mark as a batch is never split: a sum may be chance.
        #expect(Matcher.match(bank: bank, book: book).matches.isEmpty)
        #expect(Matcher.match(bank: bank, book: book, options: Self.anyBatch).seqs(1) == [1, 2])
    }

    static let anyBatch = MatchOptions(batchesOnlyWhenMarked: false)

    @Test func twoSetsMakingTheSumAreLeftUnmatched() throws {
        // 100 + 400 = 200 + 300 = 500.
        let book = [try Fixture.book(1, 10_000, day: 0), try Fixture.book(2, 20_000, day: 0),
                    try Fixture.book(3, 30_000, day: 0), try Fixture.book(4, 40_000, day: 0)]
        let bank = [try Fixture.bank(50_000, day: 0, batchCount: 2, line: 1)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.matches.isEmpty && result.unmatchedBook.count == 4)
        // With the batch count 3 no triple makes 500 (the smallest is 600): still nothing.
        let three = [try Fixture.bank(50_000, day: 0, batchCount: 3, line: 1)]
        #expect(Matcher.match(bank: three, book: book).matches.isEmpty)
    }

    @Test func theBatchCountDecidesBetweenSizes() throws {
        // 500 = 100 + 400 = 100 + 150 + 250: ambiguous without the count, one triple with it.
        let book = [try Fixture.book(1, 10_000, day: 0), try Fixture.book(2, 40_000, day: 0),
                    try Fixture.book(3, 15_000, day: 0), try Fixture.book(4, 25_000, day: 0)]
        #expect(Matcher.match(bank: [try Fixture.bank(50_000, day: 0, line: 1)], book: book, options: Self.anyBatch).matches.isEmpty)
        let counted = [try Fixture.bank(50_000, day: 0, batchCount: 3, line: 1)]
        #expect(Matcher.match(bank: counted, book: book).seqs(1) == [1, 3, 4])
    }

    @Test func aBatchOutsideTheWindowOrSignIsNotTaken() throws {
        let book = [try Fixture.book(1, 10_000, day: 0), try Fixture.book(2, 20_000, day: 4),
                    try Fixture.book(3, -10_000, day: 0), try Fixture.book(4, -20_000, day: 0)]
        let bank = [try Fixture.bank(30_000, day: 0, line: 1), try Fixture.bank(-30_000, day: 0, line: 2)]
        let result = Matcher.match(bank: bank, book: book, options: Self.anyBatch)
        #expect(result.seqs(1) == nil && result.seqs(2) == [3, 4])
    }

    @Test func theSearchBoundsMakeItGiveUpRatherThanGuess() throws {
        let book = [try Fixture.book(1, 10_000, day: 0), try Fixture.book(2, 20_000, day: 0), try Fixture.book(3, 70_000, day: 0)]
        let bank = [try Fixture.bank(30_000, day: 0, line: 1)]
        #expect(Matcher.match(bank: bank, book: book, options: Self.anyBatch).seqs(1) == [1, 2])
        #expect(Matcher.match(bank: bank, book: book, options: MatchOptions(batchesOnlyWhenMarked: false, maxVisitedNodes: 1)).matches.isEmpty)
        #expect(Matcher.match(bank: bank, book: book, options: MatchOptions(maxBatchSize: 1, batchesOnlyWhenMarked: false)).matches.isEmpty)
    }

    @Test func aSingleLineMatchWinsOverABatch() throws {
        let book = [try Fixture.book(1, 30_000, day: 0, counterparties: ["Hope Fund"]),
                    try Fixture.book(2, 10_000, day: 0), try Fixture.book(3, 20_000, day: 0)]
        let bank = [try Fixture.bank(30_000, day: 0, counterparty: "Hope Fund", line: 1)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.seqs(1) == [1] && result.rule(1) == .amountDateCounterparty)
    }

    @Test func twoBankLinesWhoseSetsShareABookLineBothStayOpen() throws {
        // 100 + 200 = 300 and 200 + 500 = 700 both use seq 2.
        let book = [try Fixture.book(1, 10_000, day: 0), try Fixture.book(2, 20_000, day: 0), try Fixture.book(3, 50_000, day: 0)]
        let bank = [try Fixture.bank(30_000, day: 0, line: 1), try Fixture.bank(70_000, day: 0, line: 2)]
        #expect(Matcher.match(bank: bank, book: book).matches.isEmpty)
    }

    // MARK: Rule 5

    @Test func suggestionsAreNeverMatchesAndShowTheirScore() throws {
        // A fee of 10.00 was taken from a receipt of 1,000.00: no rule matches.
        let book = [try Fixture.book(1, 100_000, day: 0, counterparties: ["Hope Fund"]),
                    try Fixture.book(2, 99_000, day: 30, counterparties: ["Hope Fund"]),
                    try Fixture.book(3, 400_000, day: 2)]
        let bank = [try Fixture.bank(99_000, day: 2, counterparty: "HOPE FUND", line: 8)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.matches.isEmpty && result.counts.matchedBank == 0)
        #expect(result.unmatchedBank.map(\.sourceLine) == [8] && result.unmatchedBook.count == 3)
        #expect(result.counts.bankLinesWithSuggestions == 1)
        // Seq 1: close (+1,000.00 minor units, within 50.00) +2, 2 days +2, no reference 0,
        // counterparty +2 = 6. Seq 2: exact +3, 28 days (beyond 14) −5, counterparty +2 = 0:
        // under the minimum of 3. Seq 3: 3,010.00 off, not close, not found.
        #expect(result.suggestions.count == 1)
        let suggestion = try #require(result.suggestions.first)
        #expect(suggestion.book == Fixture.id(1) && suggestion.score == 6)
        let parts = suggestion.breakdown
        #expect(parts.amount == .close && parts.amountDifference == 1_000 && parts.amountPoints == 2)
        #expect(parts.dateDistance == 2 && parts.datePoints == 2)
        #expect(parts.reference == .absent && parts.referencePoints == 0)
        #expect(parts.counterparty && parts.counterpartyPoints == 2)
    }

    @Test func suggestionsComeBestFirstUpToTheLimit() throws {
        // Seq 3 exact, same day: 3 + 3 = 6. Then three at 5, nearer date first: seq 1 close, same
        // day (2 + 3); seq 2 exact, 2 days (3 + 2); seq 4 exact, 3 days (3 + 2), cut by the limit.
        let book = [try Fixture.book(1, 10_100, day: 0), try Fixture.book(2, 10_000, day: 2),
                    try Fixture.book(3, 10_000, day: 0), try Fixture.book(4, 10_000, day: 3)]
        let bank = [try Fixture.bank(10_000, day: 0, line: 1)]
        let result = Matcher.match(bank: bank, book: book, options: MatchOptions(suggestionLimit: 3))
        #expect(result.matches.isEmpty)
        #expect(result.suggestions.map(\.book.seq) == [3, 1, 2])
        #expect(result.suggestions.map(\.score) == [6, 5, 5])
    }
}
