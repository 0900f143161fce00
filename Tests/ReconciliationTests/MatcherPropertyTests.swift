import BankStatements
import LedgerCore
import Reconciliation
import Testing

/// Random books where each line has one bank twin: same signed amount, value date within 3 days,
/// and either its reference as end-to-end id or its donor's name (upper case, unaccented).
enum TwinData {
    static let donors = ["Fondation Élan", "Fundação Esperança", "Nordic Aid", "Hope Fund", "Société Générale Trust"]

    static func make(count: Int, seed: UInt64) throws -> (bank: [BankLine], book: [BookLine]) {
        var random = SeededGenerator(seed: seed)
        var book: [BookLine] = []
        var bank: [BankLine] = []
        for index in 0..<count {
            let sign: Int64 = Int.random(in: 0..<5, using: &random) == 0 ? -1 : 1
            let amount = sign * Int64.random(in: 1...60, using: &random) * 500  // many equal amounts
            let day = Int.random(in: 0..<365, using: &random)
            let donor = "\(donors[index % donors.count]) \(index)"
            book.append(try Fixture.book(UInt64(index + 1), amount, day: day, references: ["RCPT-\(index)"], counterparties: [donor]))
            bank.append(try twin(index, amount: amount, day: day + Int.random(in: -3...3, using: &random), donor: donor))
        }
        bank.shuffle(using: &random)
        for position in bank.indices { bank[position].sourceLine = position + 1 }
        return (bank, book)
    }

    /// The bank's view of book line `index`: by reference for every third, else by name.
    static func twin(_ index: Int, amount: Int64, day: Int, donor: String) throws -> BankLine {
        let plain = donor.replacingOccurrences(["É": "E", "ç": "c", "ã": "a", "é": "e"]).uppercased()
        return index % 3 == 0
            ? try Fixture.bank(amount, day: day, id: "B\(index)", endToEnd: "rcpt-\(index)", line: 0)
            : try Fixture.bank(amount, day: day, id: "B\(index)", counterparty: index % 2 == 0 ? plain : nil,
                               text: index % 2 == 0 ? "" : "GIFT FROM \(plain)", line: 0)
    }
}

extension String {
    /// Replaces characters one for one (no Foundation in these tests).
    func replacingOccurrences(_ table: [Character: Character]) -> String {
        String(map { table[$0] ?? $0 })
    }
}

@Suite("Matcher properties")
struct MatcherPropertyTests {
    @Test(arguments: [1 as UInt64, 2, 3])
    func everyLineWithOneExactTwinIsMatchedToItOnce(seed: UInt64) throws {
        let (bank, book) = try TwinData.make(count: 2_000, seed: seed)
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.matches.count == 2_000)
        #expect(result.unmatchedBank.isEmpty && result.unmatchedBook.isEmpty && result.duplicates.isEmpty)
        let matchedBook = result.matches.flatMap(\.book)
        #expect(Set(matchedBook).count == matchedBook.count)
        for match in result.matches {
            #expect(match.book.map(\.seq) == [UInt64(match.bank.bankID?.dropFirst() ?? "").map { $0 + 1 } ?? 0])
        }
        #expect(Set(result.matches.map(\.rule)) == [.reference, .amountDateCounterparty])
    }

    @Test func reMatchingWithTheResultAsPriorMatchesGivesTheSamePairs() throws {
        let (bank, book) = try TwinData.make(count: 2_000, seed: 4)
        let first = Matcher.match(bank: bank, book: book)
        let prior = Dictionary(uniqueKeysWithValues: first.matches.map { ($0.bank.bankID ?? "", $0.book) })
        let second = Matcher.match(bank: bank, book: book, options: MatchOptions(priorMatches: prior))
        #expect(second.matches.map(\.book) == first.matches.map(\.book))
        #expect(second.matches.allSatisfy { $0.rule == .bankID })
    }

    @Test func theOutputOrderIsBySourceLine() throws {
        let (bank, book) = try TwinData.make(count: 500, seed: 5)
        let result = Matcher.match(bank: bank, book: book)
        #expect(result.matches.map(\.bank.sourceLine) == Array(1...500))
        #expect(Matcher.match(bank: bank, book: book.reversed()) == result)
    }
}
