/// A bounded exact subset-sum: which sets of `sizes` values add up to a target? It answers only
/// when exactly one set does and the search finished within its node budget.
struct SubsetSum {
    /// The values (magnitudes), sorted descending.
    private let values: [UInt64]
    private let target: UInt64
    /// `prefix[i]` = sum of the first `i` values (saturating).
    private let prefix: [UInt64]
    private let maxNodes: Int
    private var nodes = 0
    private var solutions: [[Int]] = []
    private var chosen: [Int] = []

    /// The one set of positions (into `values` as given) whose values sum to `target`, with a
    /// size in `sizes`; nil when there is none, more than one, or the budget ran out.
    static func uniqueSet(values: [UInt64], target: UInt64, sizes: ClosedRange<Int>, maxNodes: Int) -> [Int]? {
        let order = values.indices.sorted { (values[$0], $1) > (values[$1], $0) }
        var search = SubsetSum(values: order.map { values[$0] }, target: target, maxNodes: maxNodes)
        guard search.prefix[values.count] < .max else { return nil }  // absurd amounts: no batch
        for size in sizes where size <= values.count {
            search.explore(from: 0, remaining: size, sum: 0)
            if search.solutions.count > 1 || search.nodes > maxNodes { return nil }
        }
        guard search.solutions.count == 1 else { return nil }
        return search.solutions[0].map { order[$0] }.sorted()
    }

    private init(values: [UInt64], target: UInt64, maxNodes: Int) {
        self.values = values
        self.target = target
        self.maxNodes = maxNodes
        var prefix: [UInt64] = [0]
        for value in values { prefix.append(Self.add(prefix[prefix.count - 1], value)) }
        self.prefix = prefix
    }

    /// Picks `remaining` more values from `start` on. Values descend, so the `remaining`
    /// values after `i` sum to at most the next ones and at least the last ones.
    private mutating func explore(from start: Int, remaining: Int, sum: UInt64) {
        guard remaining > 0 else {
            if sum == target { solutions.append(chosen) }
            return
        }
        var index = start
        while index <= values.count - remaining, solutions.count < 2, nodes <= maxNodes {
            nodes += 1
            let next = Self.add(sum, values[index])
            let rest = remaining - 1
            if Self.add(next, largest(after: index, count: rest)) < target { break }
            if Self.add(next, smallest(count: rest)) <= target {
                chosen.append(index)
                explore(from: index + 1, remaining: rest, sum: next)
                chosen.removeLast()
            }
            index += 1
        }
    }

    /// The sum of the `count` values right after `index` (the largest still available).
    private func largest(after index: Int, count: Int) -> UInt64 {
        prefix[index + 1 + count] &- prefix[index + 1]
    }

    /// The sum of the last `count` values (the smallest of all).
    private func smallest(count: Int) -> UInt64 {
        prefix[values.count] &- prefix[values.count - count]
    }

    /// Addition that stops at the largest value instead of overflowing.
    private static func add(_ lhs: UInt64, _ rhs: UInt64) -> UInt64 {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? .max : sum
    }
}
