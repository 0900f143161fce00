public import LedgerCore

/// What the continuity check and a summary need of a statement's lines, without the lines: how
/// many, their sum, and their first and last booking dates. Kept as lines go by.
public struct StatementTally: Sendable, Equatable {
    /// How many lines were added.
    public private(set) var count = 0
    /// The sum of the lines; nil before the first line or once the sum overflowed.
    public private(set) var total: Amount?
    /// The line at which the sum overflowed or mixed currencies, if it did.
    public private(set) var overflowLine: Int?
    /// The earliest and latest booking dates.
    public private(set) var earliest: LedgerDate?
    /// The latest booking date; nil before the first line.
    public private(set) var latest: LedgerDate?
    /// The source line of the last line added.
    public private(set) var lastLine: Int?

    /// An empty tally: no lines, no total.
    public init() {}

    /// The tally of `lines`.
    public init(_ lines: [BankLine]) {
        for line in lines { add(line) }
    }

    /// Adds one line.
    public mutating func add(_ line: BankLine) {
        count += 1
        lastLine = line.sourceLine
        earliest = min(earliest ?? line.bookingDate, line.bookingDate)
        latest = max(latest ?? line.bookingDate, line.bookingDate)
        guard overflowLine == nil else { return }
        guard let sum = total else { total = line.amount; return }
        do { total = try sum.adding(line.amount) } catch {
            total = nil
            overflowLine = line.sourceLine
        }
    }

    /// Adds the lines `other` tallied (a later page of the same statement).
    public mutating func add(_ other: StatementTally) {
        count += other.count
        lastLine = other.lastLine ?? lastLine
        if let low = other.earliest { earliest = min(earliest ?? low, low) }
        if let high = other.latest { latest = max(latest ?? high, high) }
        guard overflowLine == nil else { return }
        if let line = other.overflowLine { total = nil; overflowLine = line; return }
        guard let more = other.total else { return }
        guard let sum = total else { total = more; return }
        do { total = try sum.adding(more) } catch {
            total = nil
            overflowLine = other.lastLine ?? 0
        }
    }
}
