import LedgerCore

/// How ``Matcher/match(bank:book:options:)`` searches. Every search is bounded by one of these.
public struct MatchOptions: Sendable, Equatable {
    /// Days either side of a bank line's value date in which a book date may fall (rules 3 and 4).
    public var windowDays: Int
    /// Bank ids reconciled in an earlier committed reconciliation → the book lines they matched
    /// (rule 1), so that re-importing a statement matches identically.
    public var priorMatches: [String: [BookLineID]]
    /// The most book lines one batch bank line may be matched to (rule 4).
    public var maxBatchSize: Int
    /// Rule 4 only for bank lines the bank marks as batches (a batch count above 1); off, it
    /// tries every open line (default on: chance sums are not matches).
    public var batchesOnlyWhenMarked: Bool
    /// The most book lines the batch search considers for one bank line; the nearest in date
    /// are kept (rule 4).
    public var maxCandidates: Int
    /// The most search nodes the batch search visits for one bank line; a search that runs out
    /// matches nothing (rule 4).
    public var maxVisitedNodes: Int
    /// The most suggestions given for one bank line (rule 5).
    public var suggestionLimit: Int
    /// Days either side of a bank line's value date in which a suggestion's book date may fall,
    /// for candidates found by amount (rule 5).
    public var suggestionWindowDays: Int
    /// An amount is "close" when it differs by at most this many minor units…
    public var closeAmountMinorUnits: Int64
    /// …or by at most this many hundredths of a percent of the bank amount, whichever is larger.
    public var closeAmountBasisPoints: Int64
    /// The least score a suggestion needs, unless it shares a reference with the bank line.
    public var minimumSuggestionScore: Int
    /// The most book lines looked at by amount when suggesting for one bank line.
    public var maxSuggestionScan: Int

    /// Options; an argument left out takes the default bound in the signature.
    public init(
        windowDays: Int = 3, priorMatches: [String: [BookLineID]] = [:], maxBatchSize: Int = 6, batchesOnlyWhenMarked: Bool = true,
        maxCandidates: Int = 20, maxVisitedNodes: Int = 20_000, suggestionLimit: Int = 3,
        suggestionWindowDays: Int = 14, closeAmountMinorUnits: Int64 = 5_000, closeAmountBasisPoints: Int64 = 100,
        minimumSuggestionScore: Int = 3, maxSuggestionScan: Int = 1_000
    ) {
        self.windowDays = windowDays
        self.priorMatches = priorMatches
        self.maxBatchSize = maxBatchSize
        self.batchesOnlyWhenMarked = batchesOnlyWhenMarked
        self.maxCandidates = maxCandidates
        self.maxVisitedNodes = maxVisitedNodes
        self.suggestionLimit = suggestionLimit
        self.suggestionWindowDays = suggestionWindowDays
        self.closeAmountMinorUnits = closeAmountMinorUnits
        self.closeAmountBasisPoints = closeAmountBasisPoints
        self.minimumSuggestionScore = minimumSuggestionScore
        self.maxSuggestionScan = maxSuggestionScan
    }
}

extension MatchOptions {
    /// How far an amount may be and still be close: the larger of the fixed and the relative
    /// tolerance (rule 5).
    func closeTolerance(_ amount: Amount) -> Int64 {
        let relative = amount.minorUnits.magnitude / 10_000 * UInt64(max(0, closeAmountBasisPoints))
        return max(closeAmountMinorUnits, Int64(clamping: relative))
    }
}
