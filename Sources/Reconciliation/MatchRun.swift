import BankStatements
import LedgerCore

/// What makes two bank lines one: the bank's id, the signed amount (its direction), the booking
/// date and whether the bank marks it a reversal.
struct DuplicateKey: Hashable {
    let id: String
    let amount: Amount
    let date: LedgerDate
    let reversal: Bool
}

/// One run of the matcher: the input, the index of the books, and what is taken so far.
struct MatchRun {
    enum BankState { case open, matched, duplicate }

    let bank: [BankLine]
    let index: BookIndex
    let options: MatchOptions
    let refs: [BankLineRef]
    /// Each bank line's value date as an ordinal day.
    let days: [Int]
    var state: [BankState]
    var taken: [Bool]
    var matches: [Match] = []
    var duplicates: [Duplicate] = []
    /// Folded tokens of each bank line's counterparty and text, computed when first needed.
    var tokenCache: [[[String]]?]
    /// Reference keys of each bank line (structured, then words of the text), when first needed.
    var referenceCache: [(structured: [String], words: [String])?]

    init(bank: [BankLine], book: [BookLine], options: MatchOptions) {
        self.bank = bank
        index = BookIndex(book)
        self.options = options
        refs = bank.indices.map { position in
            let id = bank[position].bankID.map { TextFolding.trimmed($0) }
            let isID = id.map { !BankID.isPlaceholder($0) } ?? false
            return BankLineRef(index: position, bankID: isID ? id : nil, sourceLine: bank[position].sourceLine)
        }
        days = bank.map(\.valueDate.ordinalDay)
        state = Array(repeating: .open, count: bank.count)
        taken = Array(repeating: false, count: book.count)
        tokenCache = Array(repeating: nil, count: bank.count)
        referenceCache = Array(repeating: nil, count: bank.count)
    }

    /// Open bank lines in output order (source line, then input index).
    var openLines: [Int] {
        refs.filter { state[$0.index] == .open }.sorted().map(\.index)
    }

    /// Marks a bank line matched to book lines by a rule. A line or a book line already taken
    /// (or a book line named twice) is never matched again: the call then changes nothing and
    /// returns false, where it used to stop the program.
    @discardableResult
    mutating func take(_ line: Int, _ books: [Int], _ rule: MatchRule) -> Bool {
        guard state[line] == .open, books.allSatisfy({ !taken[$0] }), Set(books).count == books.count else { return false }
        state[line] = .matched
        for book in books { taken[book] = true }
        matches.append(Match(bank: refs[line], book: books.map { index.lines[$0].id }, rule: rule))
        return true
    }

    /// Rule 0: a line repeating an earlier line of another statement (or of unknown statement)
    /// in bank id, amount, booking date and direction is a duplicate. Lines sharing only the id
    /// (a reversal, a batch beside a single entry) or within one statement are not.
    mutating func markDuplicates() {
        var first: [DuplicateKey: BankLineRef] = [:]
        for ref in refs.sorted() {
            guard let id = ref.bankID else { continue }
            let line = bank[ref.index]
            let key = DuplicateKey(id: id, amount: line.amount, date: line.bookingDate, reversal: line.isReversal)
            guard let earlier = first[key] else {
                first[key] = ref
                continue
            }
            let statement = line.statementOrdinal
            guard statement == nil || statement != bank[earlier.index].statementOrdinal else { continue }
            state[ref.index] = .duplicate
            duplicates.append(Duplicate(bank: ref, first: earlier))
        }
    }

    /// Rule 1: a bank id reconciled before matches the same book lines, when they are all still
    /// there, untaken, and sum to the bank amount.
    mutating func matchPriorIDs() {
        guard !options.priorMatches.isEmpty else { return }
        var prior: [String: [BookLineID]] = [:]
        for (id, books) in options.priorMatches { prior[TextFolding.trimmed(id)] = books }
        for line in openLines {
            guard let id = refs[line].bankID, let ids = prior[id], !ids.isEmpty else { continue }
            let books = ids.compactMap { index.byID[$0] }
            guard books.count == ids.count, Set(books).count == books.count, books.allSatisfy({ !taken[$0] }),
                sums(books, to: bank[line].amount)
            else { continue }
            take(line, books, .bankID)
        }
    }

    /// Whether the book lines' amounts add up exactly to `amount` (same currency).
    func sums(_ books: [Int], to amount: Amount) -> Bool {
        var total = Amount.zero(amount.currency)
        for book in books {
            guard let next = try? total.adding(index.lines[book].amount) else { return false }
            total = next
        }
        return total == amount
    }

    /// Rules 2 and 3: match each open line whose candidates under `rule` are exactly one book
    /// line that no other open line claims alone; repeat for lines that had several candidates
    /// while that takes lines away from them.
    mutating func matchUnique(_ rule: MatchRule) {
        var pending = openLines
        while !pending.isEmpty {
            var claims: [Int: [Int]] = [:]
            var undecided: [Int] = []
            for line in pending {
                let found = candidates(line, rule)
                if found.count == 1 { claims[found[0], default: []].append(line) }
                if found.count > 1 { undecided.append(line) }
            }
            let sole = claims.filter { $0.value.count == 1 }.sorted { $0.key < $1.key }
            for (book, lines) in sole { take(lines[0], [book], rule) }
            guard !sole.isEmpty else { return }
            pending = undecided
        }
    }

    /// The untaken book lines a rule offers for a bank line, in index order.
    mutating func candidates(_ line: Int, _ rule: MatchRule) -> [Int] {
        switch rule {
        case .reference: return referenceHits(line).filter { index.lines[$0.book].amount == bank[line].amount }.map(\.book)
        case .amountDateCounterparty: return amountDateCounterpartyCandidates(line)
        case .bankID, .batch: return []
        }
    }

    /// Rule 3's candidates: equal amount, in the window, a counterparty in common.
    mutating func amountDateCounterpartyCandidates(_ line: Int) -> [Int] {
        guard let sameAmount = index.byAmount[bank[line].amount] else { return [] }
        let inWindow = index.window(sameAmount, day: days[line], days: max(0, options.windowDays)).filter { !taken[$0] }
        return inWindow.filter { sharesCounterparty(line, $0) }
    }
}
