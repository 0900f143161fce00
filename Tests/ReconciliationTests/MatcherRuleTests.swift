import BankStatements
import LedgerCore
import Reconciliation
import Testing

@Suite("Matcher rules 1–3")
struct MatcherRuleTests {
    // MARK: Rule 1 and duplicates

    @Test func aPriorMatchWinsOverATieOfRuleThree() throws {
        // Two book lines of 100.00 from the same donor, 1 day either side: rule 3 ties.
        let book = [try Fixture.book(1, 10_000, day: 1, counterparties: ["Hope Fund"]),
                    try Fixture.book(2, 10_000, day: 3, counterparties: ["Hope Fund"])]
        let bank = [try Fixture.bank(10_000, day: 2, id: "ACS-1", counterparty: "HOPE FUND", line: 10)]
        #expect(Matcher.match(bank: bank, book: book).matches.isEmpty)
        let options = MatchOptions(priorMatches: ["ACS-1": [Fixture.id(2)]])
        let result = Matcher.match(bank: bank, book: book, options: options)
        #expect(result.seqs(10) == [2] && result.rule(10) == .bankID)
        #expect(result.unmatchedBook == [Fixture.id(1)])
    }

    @Test func aPriorMatchWhoseBookLineIsGoneFallsThrough() throws {
        let book = [try Fixture.book(1, 10_000, day: 1, counterparties: ["Hope Fund"])]
        let bank = [try Fixture.bank(10_000, day: 2, id: "ACS-1", counterparty: "Hope Fund", line: 10)]
        let options = MatchOptions(priorMatches: ["ACS-1": [Fixture.id(9)]])
        let result = Matcher.match(bank: bank, book: book, options: options)
        #expect(result.seqs(10) == [1] && result.rule(10) == .amountDateCounterparty)
    }

    @Test func aPriorMatchThatNoLongerSumsToTheBankAmountIsNotTaken() throws {
        let book = [try Fixture.book(1, 9_000, day: 1)]
        let bank = [try Fixture.bank(10_000, day: 2, id: "ACS-1", line: 10)]
        let result = Matcher.match(bank: bank, book: book, options: MatchOptions(priorMatches: ["ACS-1": [Fixture.id(1)]]))
        #expect(result.matches.isEmpty && result.unmatchedBank.map(\.sourceLine) == [10])
    }

    @Test func reImportingWithThePriorMatchesMatchesIdenticallyAndNeverTwice() throws {
        let book = [
            try Fixture.book(1, 50_000, day: 0, references: ["RCPT-1"]),
            try Fixture.book(2, 20_000, day: 1, counterparties: ["Nordic Aid"]),
            try Fixture.book(3, 30_000, day: 2), try Fixture.book(4, 45_000, day: 2),
        ]
        let bank = [
            try Fixture.bank(50_000, day: 0, id: "A", endToEnd: "RCPT-1", line: 1),
            try Fixture.bank(20_000, day: 2, id: "B", counterparty: "NORDIC AID", line: 2),
            try Fixture.bank(75_000, day: 2, id: "C", batchCount: 2, line: 3),
        ]
        let first = Matcher.match(bank: bank, book: book)
        #expect(first.matches.map(\.rule) == [.reference, .amountDateCounterparty, .batch])
        var prior: [String: [BookLineID]] = [:]
        for match in first.matches { prior[match.bank.bankID ?? ""] = match.book }
        // The statement comes again, plus the same three lines a second time in the same file.
        let again = bank + bank.map { line in var copy = line; copy.sourceLine += 100; return copy }
        let second = Matcher.match(bank: again, book: book, options: MatchOptions(priorMatches: prior))
        #expect(second.matches.map(\.book) == first.matches.map(\.book))
        #expect(second.matches.allSatisfy { $0.rule == .bankID })
        #expect(second.duplicates.map(\.bank.sourceLine) == [101, 102, 103])
        #expect(second.unmatchedBank.isEmpty && second.unmatchedBook.isEmpty)
        let matchedBook = second.matches.flatMap(\.book)
        #expect(Set(matchedBook).count == matchedBook.count)
    }

    @Test func aRepeatedBankLineIsADuplicateAndNeverMatched() throws {
        let book = [try Fixture.book(1, 10_000, day: 0, counterparties: ["Hope Fund"]),
                    try Fixture.book(2, 10_000, day: 20, counterparties: ["Hope Fund"])]
        let bank = [try Fixture.bank(10_000, day: 0, id: "X-1", counterparty: "Hope Fund", line: 5),
                    try Fixture.bank(10_000, day: 20, bookingDay: 0, id: " X-1 ", counterparty: "Hope Fund", line: 9)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.seqs(5) == [1])
        #expect(result.duplicates == [Duplicate(bank: BankLineRef(index: 1, bankID: "X-1", sourceLine: 9),
                                                first: BankLineRef(index: 0, bankID: "X-1", sourceLine: 5))])
        #expect(result.unmatchedBank.isEmpty && result.unmatchedBook == [Fixture.id(2)])
        #expect(result.counts.duplicates == 1 && result.counts.matchedBank == 1)
    }

    // MARK: Rule 2

    @Test func anEndToEndIDEqualToABookReferenceWinsOverRuleThree() throws {
        // Seq 2 would match by rule 3 (same amount, day, donor); seq 1 carries the reference.
        let book = [try Fixture.book(1, 50_000, day: 10, references: [" rcpt-0042 "]),
                    try Fixture.book(2, 50_000, day: 0, counterparties: ["Fondation Élan"])]
        let bank = [try Fixture.bank(50_000, day: 0, endToEnd: "RCPT-0042", counterparty: "FONDATION ELAN", line: 3)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.seqs(3) == [1] && result.rule(3) == .reference)
        #expect(result.unmatchedBook == [Fixture.id(2)])
    }

    @Test func aBookReferenceIsFoundAsAWholeWordOfTheText() throws {
        let book = [try Fixture.book(1, 12_500, day: 40, references: ["AGR-2026-007"])]
        let whole = [try Fixture.bank(12_500, day: 0, text: "Instalment (AGR-2026-007), thanks", line: 1)]
        #expect(Matcher.match(bank: whole, book: book).rule(1) == .reference)
        let inside = [try Fixture.bank(12_500, day: 0, text: "Instalment XAGR-2026-0071", line: 1)]
        #expect(Matcher.match(bank: inside, book: book).matches.isEmpty)
    }

    @Test func anEqualReferenceWithAnotherAmountIsOnlyASuggestion() throws {
        let book = [try Fixture.book(1, 100_000, day: 1, references: ["PLEDGE-9"])]
        let bank = [try Fixture.bank(99_000, day: 0, references: ["pledge-9"], line: 7)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.matches.isEmpty && result.unmatchedBank.map(\.sourceLine) == [7])
        // Amount 1,000.00 minor units off: close (tolerance is 50.00) +2; 1 day, in the window +2;
        // reference equal +4; no counterparty 0: 8.
        let suggestion = try #require(result.suggestions.first)
        #expect(suggestion.book == Fixture.id(1) && suggestion.score == 8)
        #expect(suggestion.breakdown.amount == .close && suggestion.breakdown.amountDifference == 1_000)
        #expect(suggestion.breakdown.reference == .equal && suggestion.breakdown.dateDistance == 1)
    }

    // MARK: Rule 3

    @Test func equalAmountInTheWindowWithTheSameCounterpartyMatches() throws {
        let book = [try Fixture.book(1, 75_000, day: 0, counterparties: ["Fundação Esperança", "D-17"])]
        let bank = [try Fixture.bank(75_000, day: 2, bookingDay: 9, counterparty: "FUNDACAO ESPERANCA LDA", line: 4)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.seqs(4) == [1] && result.rule(4) == .amountDateCounterparty)
    }

    @Test func theCounterpartyMayBeItsAccountOrAWordOfTheText() throws {
        let book = [try Fixture.book(1, 75_000, day: 0, counterparties: ["DE89370400440532013000"]),
                    try Fixture.book(2, 60_000, day: 0, counterparties: ["Nordic Aid"])]
        let bank = [try Fixture.bank(75_000, day: 1, account: "DE89 3704 0044 0532 0130 00", line: 1),
                    try Fixture.bank(60_000, day: 1, text: "Gift from nordic aid, Oslo", line: 2)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.seqs(1) == [1] && result.seqs(2) == [2])
    }

    @Test func aNameMustBeWholeWords() throws {
        let book = [try Fixture.book(1, 75_000, day: 0, counterparties: ["Ana"])]
        let bank = [try Fixture.bank(75_000, day: 1, counterparty: "Banana Republic", line: 1)]
        #expect(Matcher.match(bank: bank, book: book).matches.isEmpty)
    }

    @Test func theWindowIsThreeDaysInAndFourDaysOut() throws {
        let book = [try Fixture.book(1, 10_000, day: 10, counterparties: ["Hope Fund"])]
        for (day, matches) in [(7, true), (13, true), (6, false), (14, false)] {
            let bank = [try Fixture.bank(10_000, day: day, counterparty: "Hope Fund", line: 1)]
            #expect((Matcher.match(bank: bank, book: book).rule(1) == .amountDateCounterparty) == matches, "day \(day)")
        }
        let wider = [try Fixture.bank(10_000, day: 14, counterparty: "Hope Fund", line: 1)]
        #expect(Matcher.match(bank: wider, book: book, options: MatchOptions(windowDays: 4)).seqs(1) == [1])
    }

    @Test func aTieIsLeftUnmatchedAndSuggested() throws {
        let book = [try Fixture.book(1, 10_000, day: 0, counterparties: ["Hope Fund"]),
                    try Fixture.book(2, 10_000, day: 2, counterparties: ["Hope Fund"])]
        let bank = [try Fixture.bank(10_000, day: 1, counterparty: "Hope Fund", line: 1)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.matches.isEmpty && result.unmatchedBook.count == 2)
        // Both: exact +3, 1 day +2, no reference 0, counterparty +2 = 7; equal distance, so by seq.
        #expect(result.suggestions.map(\.book) == [Fixture.id(1), Fixture.id(2)])
        #expect(result.suggestions.map(\.score) == [7, 7])
    }

    @Test func twoBankLinesClaimingOneBookLineAloneBothStayOpen() throws {
        let book = [try Fixture.book(1, 10_000, day: 0, counterparties: ["Hope Fund"])]
        let bank = [try Fixture.bank(10_000, day: 0, counterparty: "Hope Fund", line: 1),
                    try Fixture.bank(10_000, day: 1, counterparty: "Hope Fund", line: 2)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.matches.isEmpty && result.unmatchedBank.count == 2)
    }

    @Test func aLineTakenByOneMatchFreesTheTieOfAnother() throws {
        // Bank line 1 can only be seq 1; bank line 2 could be seq 1 or 2 until line 1 takes seq 1.
        let book = [try Fixture.book(1, 10_000, day: 3, counterparties: ["Hope Fund"]),
                    try Fixture.book(2, 10_000, day: 7, counterparties: ["Hope Fund"])]
        let bank = [try Fixture.bank(10_000, day: 0, counterparty: "Hope Fund", line: 1),
                    try Fixture.bank(10_000, day: 5, counterparty: "Hope Fund", line: 2)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.seqs(1) == [1] && result.seqs(2) == [2])
    }

    @Test func aReversalMatchesByItsSignedAmount() throws {
        let book = [try Fixture.book(1, 25_000, day: 0, counterparties: ["Hope Fund"]),
                    try Fixture.book(2, -25_000, day: 5, counterparties: ["Hope Fund"], kind: "contribution.reverse")]
        let bank = [try Fixture.bank(-25_000, day: 6, counterparty: "Hope Fund", reversal: true, line: 1)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.seqs(1) == [2] && result.unmatchedBook == [Fixture.id(1)])
    }

    @Test func anotherCurrencyNeverMatches() throws {
        let book = [BookLine(seq: 1, line: 0, date: try Fixture.date(0), amount: Amount(minorUnits: 10_000, currency: try Currency(code: "EUR")),
                             kind: "contribution.receive", counterparties: ["Hope Fund"])]
        let bank = [try Fixture.bank(10_000, day: 0, counterparty: "Hope Fund", line: 1)]
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.matches.isEmpty && result.suggestions.isEmpty)
    }
}
