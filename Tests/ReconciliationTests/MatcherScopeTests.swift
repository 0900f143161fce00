import BankStatements
import LedgerCore
import Reconciliation
import Testing

/// Issue 10, item 11: a statement too big to hold is matched in scope. Matching only the lines
/// in the ``MatchScope`` (plus those whose bank id repeats) gives, line for line, the result of
/// matching all lines; the others are unmatched, with no suggestion.
@Suite("Matching in scope")
struct MatcherScopeTests {
    /// A seeded mix: lines that match by reference, by amount, date and counterparty, batches,
    /// near misses that only get suggestions, repeated bank ids, prior matches, and lines that
    /// match nothing at all.
    static func scenario(seed: UInt64) throws -> (bank: [BankLine], book: [BookLine], options: MatchOptions) {
        var random = Random(seed: seed)
        let eur = try Currency(code: "EUR")
        let start = try LedgerDate(parsing: "2026-03-01")
        var book: [BookLine] = []
        for seq in 1...120 {
            let minor = Int64(random.below(40) * 2_500 + 1_000) * (random.below(4) == 0 ? -1 : 1)
            book.append(BookLine(
                seq: UInt64(seq), line: 0, date: start.adding(days: random.below(30)), amount: Amount(minorUnits: minor, currency: eur),
                kind: "contribution.receive", references: random.below(2) == 0 ? ["R-\(seq)"] : [],
                counterparties: random.below(3) == 0 ? ["Donor \(random.below(5))"] : []))
        }
        var bank: [BankLine] = []
        for index in 0..<400 {
            let twin = book[random.below(book.count)]
            let minor: Int64
            switch random.below(4) {
            case 0: minor = twin.amount.minorUnits
            case 1: minor = twin.amount.minorUnits + Int64(random.below(3) * 700)
            case 2: minor = Int64(random.below(1_000_000) + 5_000_000)
            default: minor = twin.amount.minorUnits * 2
            }
            let id = random.below(20) == 0 ? "BK-\(random.below(10))" : "BK-\(1_000 + index)"
            let reference = random.below(5) == 0 ? twin.references : []
            bank.append(BankLine(
                bankID: id, amount: Amount(minorUnits: minor, currency: eur), bookingDate: start.adding(days: random.below(40) - 5),
                valueDate: start.adding(days: random.below(40) - 5), references: reference,
                counterparty: random.below(3) == 0 ? "Donor \(random.below(5))" : nil,
                text: random.below(6) == 0 ? "payment R-\(random.below(140))" : "transfer",
                batchCount: random.below(25) == 0 ? 2 : nil, sourceLine: index + 1))
        }
        // Some lines imported twice: true duplicates (same id, amount, date and direction).
        for index in stride(from: 0, to: 400, by: 40) {
            var copy = bank[index]
            copy.sourceLine += 400
            bank.append(copy)
        }
        let prior = ["BK-1007": [BookLineID(seq: 7, line: 0)], "BK-1100": [BookLineID(seq: 9, line: 0)]]
        return (bank, book, MatchOptions(windowDays: 3, priorMatches: prior))
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func matchingInScopeEqualsMatchingOverAll(seed: UInt64) throws {
        let (bank, book, options) = try Self.scenario(seed: seed)
        let all = Matcher.match(bank: bank, book: book, options: options)
        let scope = MatchScope(book: book, options: options)
        var ids = RepeatedIDFilter(log2Bits: 12)
        for line in bank { if let id = line.bankID { ids.insert(id) } }
        let kept = bank.indices.filter { scope.contains(bank[$0]) || bank[$0].bankID.map(ids.isSuspect) == true }
        #expect(kept.count < bank.count, "the scope should leave some lines out")
        let scoped = Matcher.match(bank: kept.map { bank[$0] }, book: book, options: options)
        // Back to indices of the whole input.
        func original(_ ref: BankLineRef) -> BankLineRef {
            BankLineRef(index: kept[ref.index], bankID: ref.bankID, sourceLine: ref.sourceLine)
        }
        #expect(scoped.matches.map { Match(bank: original($0.bank), book: $0.book, rule: $0.rule) } == all.matches)
        #expect(scoped.duplicates.map { Duplicate(bank: original($0.bank), first: original($0.first)) } == all.duplicates)
        #expect(scoped.unmatchedBook == all.unmatchedBook)
        let suggestions = scoped.suggestions.map { Suggestion(bank: original($0.bank), book: $0.book, breakdown: $0.breakdown) }
        #expect(suggestions == all.suggestions)
        let outside = Set(bank.indices).subtracting(kept)
        let unmatched = (scoped.unmatchedBank.map(original) + outside.map { all.refFor($0, in: bank) }).sorted()
        #expect(unmatched == all.unmatchedBank)
        #expect(!all.matches.isEmpty && !all.suggestions.isEmpty && !all.duplicates.isEmpty)
    }

    /// Every bank id that repeats is a suspect, however small the filter (false alarms only add).
    @Test func everyRepeatedIDIsASuspect() {
        var filter = RepeatedIDFilter(log2Bits: 10)
        for n in 0..<5_000 { filter.insert("ID-\(n)") }
        for n in stride(from: 0, to: 5_000, by: 97) { filter.insert(" ID-\(n) ") }
        for n in stride(from: 0, to: 5_000, by: 97) { #expect(filter.isSuspect("ID-\(n)")) }
    }
}

extension MatchResult {
    /// The reference the matcher gives bank line `index` of `bank` (its ids have no spaces).
    fileprivate func refFor(_ index: Int, in bank: [BankLine]) -> BankLineRef {
        BankLineRef(index: index, bankID: bank[index].bankID, sourceLine: bank[index].sourceLine)
    }
}

/// SplitMix64, seeded.
private struct Random {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
