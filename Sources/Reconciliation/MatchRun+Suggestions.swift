import LedgerCore

/// Rule 5: scored candidates for the bank lines no rule matched. Points as in GnuCash's import
/// matcher: amount exact +3, close +2, far −5; date same day +3, within the window +2, within
/// the suggestion window 0, beyond −5; reference equal +4, in the text +2; counterparty +2.
extension MatchRun {
    /// The suggestions for every open bank line, best first within each line.
    mutating func suggestions() -> [Suggestion] {
        var all: [Suggestion] = []
        for line in openLines { all += suggestions(for: line) }
        return all
    }

    /// Candidates found by reference (any amount or date) and by a close amount in the
    /// suggestion window, scored, kept when they share a reference or score enough.
    mutating func suggestions(for line: Int) -> [Suggestion] {
        let amount = bank[line].amount
        var fits: [Int: ScoreBreakdown.ReferenceFit] = [:]
        for hit in referenceHits(line) where index.lines[hit.book].amount.currency == amount.currency {
            fits[hit.book] = hit.fit
        }
        for book in closeAmounts(line) where fits[book] == nil { fits[book] = ScoreBreakdown.ReferenceFit.absent }
        var scored: [Suggestion] = []
        for (book, fit) in fits {
            let breakdown = score(line, book, fit)
            guard fit != .absent || breakdown.total >= options.minimumSuggestionScore else { continue }
            scored.append(Suggestion(bank: refs[line], book: index.lines[book].id, breakdown: breakdown))
        }
        scored.sort { ($1.score, $0.breakdown.dateDistance, $0.book) < ($0.score, $1.breakdown.dateDistance, $1.book) }
        return Array(scored.prefix(max(0, options.suggestionLimit)))
    }

    /// Untaken book lines in the bank line's currency within the close tolerance of its amount
    /// and the suggestion window of its date, nearest amounts first, at most `maxSuggestionScan`
    /// looked at.
    func closeAmounts(_ line: Int) -> [Int] {
        let amount = bank[line].amount
        guard let sorted = index.byCurrency[amount.currency] else { return [] }
        let tolerance = closeTolerance(amount)
        let start = index.firstIndex(sorted) { index.lines[$0].amount.minorUnits >= amount.minorUnits }
        let budget = max(0, options.maxSuggestionScan) / 2
        let isClose = { (book: Int) in self.difference(book, amount).map { $0.magnitude <= tolerance.magnitude } ?? false }
        let upward = sorted[start...].prefix(budget).prefix(while: isClose)
        let downward = sorted[..<start].reversed().prefix(budget).prefix(while: isClose)
        let window = max(0, options.suggestionWindowDays)
        return (Array(upward) + downward).filter { !taken[$0] && abs(index.days[$0] - days[line]) <= window }
    }

    /// How far an amount may be and still be close: the larger of the fixed and the relative
    /// tolerance.
    func closeTolerance(_ amount: Amount) -> Int64 { options.closeTolerance(amount) }

    /// Book amount minus bank amount in minor units; nil when it overflows.
    func difference(_ book: Int, _ amount: Amount) -> Int64? {
        let (value, overflow) = index.lines[book].amount.minorUnits.subtractingReportingOverflow(amount.minorUnits)
        return overflow ? nil : value
    }

    /// The score of one candidate, part by part.
    mutating func score(_ line: Int, _ book: Int, _ fit: ScoreBreakdown.ReferenceFit) -> ScoreBreakdown {
        let amount = bank[line].amount
        let difference = difference(book, amount)
        let fitOfAmount: ScoreBreakdown.AmountFit =
            difference == 0 ? .exact : (difference.map { $0.magnitude <= closeTolerance(amount).magnitude } ?? false) ? .close : .far
        let distance = abs(index.days[book] - days[line])
        let counterparty = sharesCounterparty(line, book)
        return ScoreBreakdown(
            amount: fitOfAmount, amountDifference: difference ?? .max, dateDistance: distance, reference: fit,
            counterparty: counterparty, amountPoints: amountPoints(fitOfAmount),
            datePoints: datePoints(distance), referencePoints: referencePoints(fit),
            counterpartyPoints: counterparty ? 2 : 0
        )
    }

    func amountPoints(_ fit: ScoreBreakdown.AmountFit) -> Int {
        switch fit {
        case .exact: 3
        case .close: 2
        case .far: -5
        }
    }

    func referencePoints(_ fit: ScoreBreakdown.ReferenceFit) -> Int {
        switch fit {
        case .equal: 4
        case .inText: 2
        case .absent: 0
        }
    }

    /// Points for the distance between value date and book date.
    func datePoints(_ distance: Int) -> Int {
        if distance == 0 { return 3 }
        if distance <= options.windowDays { return 2 }
        return distance <= options.suggestionWindowDays ? 0 : -5
    }

    /// The result: every list in output order.
    mutating func result() -> MatchResult {
        MatchResult(
            matches: matches.sorted { ($0.bank, $0.book.first ?? BookLineID(seq: 0, line: 0)) < ($1.bank, $1.book.first ?? BookLineID(seq: 0, line: 0)) },
            unmatchedBank: openLines.map { refs[$0] },
            unmatchedBook: index.lines.indices.filter { !taken[$0] }.map { index.lines[$0].id }.sorted(),
            duplicates: duplicates.sorted { $0.bank < $1.bank },
            suggestions: suggestions()
        )
    }
}
