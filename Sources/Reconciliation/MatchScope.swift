public import BankStatements

/// Which bank lines could take part in matching against a set of book lines: those with a
/// candidate under some rule or suggestion, and those the caller marks (repeated bank ids, bank
/// charges). A statement too big to hold is read once to find its scope; only the lines in it
/// are kept and given to ``Matcher``, and every other line is unmatched, with no suggestion.
///
/// The test is generous (a line in scope may still match nothing) but never misses: matching
/// the lines in scope gives, for them, the result of matching all lines, because a line with no
/// candidate can neither be matched nor claim a book line that another line wants.
public struct MatchScope {
    private let index: BookIndex
    private let options: MatchOptions
    private let priorIDs: Set<String>
    /// Days either side of a value date in which any rule or suggestion looks.
    private let widestWindow: Int

    /// The scope of matching against `book` with `options`.
    public init(book: [BookLine], options: MatchOptions) {
        index = BookIndex(book)
        self.options = options
        priorIDs = Set(options.priorMatches.keys.map { TextFolding.trimmed($0) })
        widestWindow = max(0, options.windowDays, options.suggestionWindowDays)
    }

    /// Whether `line` could be matched or get a suggestion (rules 1 to 5). Repeated bank ids
    /// (rule 0) are the caller's to add: a line is a duplicate only of another line.
    public func contains(_ line: BankLine) -> Bool {
        if let id = line.bankID.map({ TextFolding.trimmed($0) }), priorIDs.contains(id) { return true }
        if sharesReference(line) || hasCloseAmount(line) { return true }
        return isBatchCandidate(line)
    }

    /// Rule 2 and reference suggestions: a reference or a word of the text is a book reference.
    private func sharesReference(_ line: BankLine) -> Bool {
        let structured = ([line.endToEndID].compactMap(\.self) + line.references).compactMap(TextFolding.referenceKey)
        if structured.contains(where: { index.byReference[$0] != nil }) { return true }
        return TextFolding.referenceWords(line.text).contains { index.byReference[$0] != nil }
    }

    /// Rule 3 and amount suggestions: a book line within the close tolerance of the amount (an
    /// equal amount is within it) and the widest window of the value date.
    private func hasCloseAmount(_ line: BankLine) -> Bool {
        let amount = line.amount
        guard let sorted = index.byCurrency[amount.currency] else { return false }
        let tolerance = options.closeTolerance(amount).magnitude
        let low = amount.minorUnits.subtractingReportingOverflow(Int64(clamping: tolerance))
        let lowest = low.overflow ? Int64.min : low.partialValue
        let start = index.firstIndex(sorted) { index.lines[$0].amount.minorUnits >= lowest }
        let day = line.valueDate.ordinalDay
        for book in sorted[start...] {
            let difference = index.lines[book].amount.minorUnits.subtractingReportingOverflow(amount.minorUnits)
            if difference.overflow || difference.partialValue.magnitude > tolerance { return false }
            if abs(index.days[book] - day) <= widestWindow { return true }
        }
        return false
    }

    /// Rule 4: a line the batch search would try (its sizes allowed, a non-zero amount).
    private func isBatchCandidate(_ line: BankLine) -> Bool {
        guard line.amount.minorUnits != 0, options.maxBatchSize >= 2 else { return false }
        if let count = line.batchCount, count > 1 { return count <= options.maxBatchSize }
        return !options.batchesOnlyWhenMarked
    }
}
