/// The rules that match automatically, in the order they are tried. Fuzzy candidates (rule 5)
/// are never a rule of a match: they are ``Suggestion``s.
public enum MatchRule: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// 1: the bank's id was matched by an earlier committed reconciliation.
    case bankID = 1
    /// 2: an end-to-end id or structured reference (or a word of the text) equals a book
    /// reference, and the amounts are equal.
    case reference = 2
    /// 3: equal amount, book date within the window of the value date, same counterparty.
    case amountDateCounterparty = 3
    /// 4: one bank line equals the sum of 2…`maxBatchSize` book lines in the window.
    case batch = 4

    /// A short name for reports: `bank-id`, `reference`, `amount-date-counterparty`, `batch`.
    public var name: String {
        switch self {
        case .bankID: "bank-id"
        case .reference: "reference"
        case .amountDateCounterparty: "amount-date-counterparty"
        case .batch: "batch"
        }
    }

    /// Orders by rule number, the order the rules are tried in.
    public static func < (lhs: MatchRule, rhs: MatchRule) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Points at one bank line of the input: its index in the array given, its id and its line in
/// the source file.
public struct BankLineRef: Sendable, Hashable, Comparable {
    /// Index in the `bank` array given to the matcher.
    public let index: Int
    /// The bank's id for the line, trimmed, when it has one.
    public let bankID: String?
    /// Line in the source file (1-based).
    public let sourceLine: Int

    /// A reference to the bank line at `index` of the input, with its bank id (nil when it has none)
    /// and 1-based source line.
    public init(index: Int, bankID: String?, sourceLine: Int) {
        self.index = index
        self.bankID = bankID
        self.sourceLine = sourceLine
    }

    /// Orders by source line, then by index in the input.
    public static func < (lhs: BankLineRef, rhs: BankLineRef) -> Bool {
        (lhs.sourceLine, lhs.index) < (rhs.sourceLine, rhs.index)
    }
}

/// A bank line matched to one or more book lines by one rule.
public struct Match: Sendable, Hashable {
    /// The bank line matched.
    public let bank: BankLineRef
    /// The book lines, in id order (more than one only for rules 1 and 4).
    public let book: [BookLineID]
    /// The rule that matched it.
    public let rule: MatchRule

    /// A match; `book` is sorted into id order.
    public init(bank: BankLineRef, book: [BookLineID], rule: MatchRule) {
        self.bank = bank
        self.book = book.sorted()
        self.rule = rule
    }
}

/// A bank line repeating an earlier line of another statement of the input (same bank id,
/// amount, booking date and direction): never matched, still listed.
public struct Duplicate: Sendable, Hashable {
    /// The repeated line.
    public let bank: BankLineRef
    /// The earlier line it repeats.
    public let first: BankLineRef

    /// `bank` repeats the earlier line `first`.
    public init(bank: BankLineRef, first: BankLineRef) {
        self.bank = bank
        self.first = first
    }
}

/// A book line offered for a bank line that no rule matched, with its score. Never a match:
/// someone must accept it.
public struct Suggestion: Sendable, Hashable {
    /// The unmatched bank line the suggestion is for.
    public let bank: BankLineRef
    /// The book line offered.
    public let book: BookLineID
    /// The sum of the breakdown's points.
    public var score: Int { breakdown.total }
    /// How the score is made up.
    public let breakdown: ScoreBreakdown

    /// A suggestion of `book` for `bank`, scored by `breakdown`.
    public init(bank: BankLineRef, book: BookLineID, breakdown: ScoreBreakdown) {
        self.bank = bank
        self.book = book
        self.breakdown = breakdown
    }
}

/// Why a suggestion scored what it did (GnuCash style points, ERPNext style criteria).
public struct ScoreBreakdown: Sendable, Hashable {
    /// How the amounts compare.
    public enum AmountFit: String, Sendable, Hashable { case exact, close, far }
    /// How the references compare.
    public enum ReferenceFit: String, Sendable, Hashable {
        /// A bank end-to-end id or structured reference equals a book reference.
        case equal
        /// A book reference appears as a word of the bank text.
        case inText = "in-text"
        case absent = "none"
    }

    /// How the book amount compares with the bank amount.
    public let amount: AmountFit
    /// Book amount minus bank amount, in minor units (0 when exact).
    public let amountDifference: Int64
    /// Days between the bank value date and the book date (absolute).
    public let dateDistance: Int
    /// How the references compare.
    public let reference: ReferenceFit
    /// Whether a book counterparty appears in the bank line's counterparty, account or text.
    public let counterparty: Bool
    /// Points for the amount fit.
    public let amountPoints: Int
    /// Points for the date distance.
    public let datePoints: Int
    /// Points for the reference fit.
    public let referencePoints: Int
    /// Points for a shared counterparty.
    public let counterpartyPoints: Int

    /// The score: the sum of the four parts' points.
    public var total: Int { amountPoints + datePoints + referencePoints + counterpartyPoints }

    /// A breakdown with the comparisons made and the points given for each.
    public init(
        amount: AmountFit, amountDifference: Int64, dateDistance: Int, reference: ReferenceFit, counterparty: Bool,
        amountPoints: Int, datePoints: Int, referencePoints: Int, counterpartyPoints: Int
    ) {
        self.amount = amount
        self.amountDifference = amountDifference
        self.dateDistance = dateDistance
        self.reference = reference
        self.counterparty = counterparty
        self.amountPoints = amountPoints
        self.datePoints = datePoints
        self.referencePoints = referencePoints
        self.counterpartyPoints = counterpartyPoints
    }
}

/// What the matcher found, every list in a fixed order (bank source line, then input index,
/// then book id).
public struct MatchResult: Sendable, Equatable {
    /// Bank lines matched by a rule, each with its book lines.
    public var matches: [Match]
    /// Bank lines that no rule matched (duplicates are not among them).
    public var unmatchedBank: [BankLineRef]
    /// Book lines that no bank line matched, in id order.
    public var unmatchedBook: [BookLineID]
    /// Bank lines repeating an earlier line of the input: never matched.
    public var duplicates: [Duplicate]
    /// For unmatched bank lines: candidates, best first within each bank line.
    public var suggestions: [Suggestion]

    /// A result; every list empty unless given.
    public init(
        matches: [Match] = [], unmatchedBank: [BankLineRef] = [], unmatchedBook: [BookLineID] = [],
        duplicates: [Duplicate] = [], suggestions: [Suggestion] = []
    ) {
        self.matches = matches
        self.unmatchedBank = unmatchedBank
        self.unmatchedBook = unmatchedBook
        self.duplicates = duplicates
        self.suggestions = suggestions
    }

    /// The counts, derived from the lists.
    public var counts: MatchCounts { MatchCounts(self) }
}

/// Totals of a ``MatchResult``, for a summary line.
public struct MatchCounts: Sendable, Equatable {
    /// Bank lines matched, by rule.
    public let matchedByRule: [MatchRule: Int]
    /// Bank lines matched by any rule.
    public let matchedBank: Int
    /// Book lines matched (a batch counts each of its lines).
    public let matchedBook: Int
    /// Bank lines that no rule matched (duplicates not counted).
    public let unmatchedBank: Int
    /// Book lines that no bank line matched.
    public let unmatchedBook: Int
    /// Bank lines repeating an earlier line.
    public let duplicates: Int
    /// Bank lines with at least one suggestion.
    public let bankLinesWithSuggestions: Int

    init(_ result: MatchResult) {
        var byRule: [MatchRule: Int] = [:]
        for match in result.matches { byRule[match.rule, default: 0] += 1 }
        matchedByRule = byRule
        matchedBank = result.matches.count
        matchedBook = result.matches.reduce(0) { $0 + $1.book.count }
        unmatchedBank = result.unmatchedBank.count
        unmatchedBook = result.unmatchedBook.count
        duplicates = result.duplicates.count
        bankLinesWithSuggestions = Set(result.suggestions.map(\.bank.index)).count
    }
}
