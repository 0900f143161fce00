/// Rule 4: one bank line against several book lines.
extension MatchRun {
    /// Matches each open bank line to the one set of book lines that sums to it, unless another
    /// bank line's set shares a book line with it.
    mutating func matchBatches() {
        let found = openLines.compactMap { line in batch(for: line).map { (line, $0) } }
        var uses: [Int: Int] = [:]
        for (_, books) in found { for book in books { uses[book, default: 0] += 1 } }
        for (line, books) in found where books.allSatisfy({ uses[$0] == 1 }) { take(line, books, .batch) }
    }

    /// The unique set of untaken book lines of the bank line's sign and currency, in the window,
    /// whose amounts add up to the bank amount; nil when none, several, or the bounds ran out.
    func batch(for line: Int) -> [Int]? {
        let amount = bank[line].amount
        guard amount.minorUnits != 0, amount.minorUnits != .min, let sizes = batchSizes(line) else { return nil }
        let side = BookIndex.Side(currency: amount.currency, incoming: amount.minorUnits > 0)
        let target = amount.minorUnits.magnitude
        let inWindow = index.window(index.bySide[side] ?? [], day: days[line], days: max(0, options.windowDays))
        let fitting = inWindow.filter { !taken[$0] && index.lines[$0].amount.minorUnits.magnitude <= target }
        guard fitting.count >= sizes.lowerBound else { return nil }
        let candidates = nearest(fitting, to: days[line])
        let values = candidates.map { index.lines[$0].amount.minorUnits.magnitude }
        let set = SubsetSum.uniqueSet(values: values, target: target, sizes: sizes, maxNodes: options.maxVisitedNodes)
        return set.map { $0.map { candidates[$0] } }
    }

    /// The set sizes to try: the batch count when the bank gives one; else 2…maxBatchSize when
    /// ``MatchOptions/batchesOnlyWhenMarked`` is off, and none when it is on (a sum of random
    /// book lines equal to a line the bank did not call a batch is more often chance than fact).
    func batchSizes(_ line: Int) -> ClosedRange<Int>? {
        let largest = options.maxBatchSize
        if let count = bank[line].batchCount, count > 1 {
            return count <= largest ? count...count : nil
        }
        guard !options.batchesOnlyWhenMarked else { return nil }
        return largest >= 2 ? 2...largest : nil
    }

    /// At most `maxCandidates` of the date-sorted lines, the nearest in date to `day`: grows a
    /// range outwards from `day`, preferring the earlier line on equal distance.
    func nearest(_ lines: [Int], to day: Int) -> [Int] {
        let limit = max(0, options.maxCandidates)
        guard lines.count > limit else { return lines }
        var low = index.firstIndex(lines) { index.days[$0] >= day }
        var high = low
        while high - low < limit {
            let takeLow = low > 0 && (high == lines.count || day - index.days[lines[low - 1]] <= index.days[lines[high]] - day)
            if takeLow { low -= 1 } else { high += 1 }
        }
        return Array(lines[low..<high])
    }
}
