/// Names one book line: the journal entry's sequence number and the posting's index in it.
///
/// A committed reconciliation stores these, so that a re-imported statement matches the same
/// book lines again (``MatchOptions/priorMatches``).
public struct BookLineID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The journal entry.
    public let seq: UInt64
    /// The posting's index in the entry.
    public let line: Int

    /// The posting at index `line` of journal entry `seq`.
    public init(seq: UInt64, line: Int) {
        self.seq = seq
        self.line = line
    }

    /// Orders by entry, then by posting.
    public static func < (lhs: BookLineID, rhs: BookLineID) -> Bool {
        (lhs.seq, lhs.line) < (rhs.seq, rhs.line)
    }

    /// `seq#line`, e.g. `42#0`.
    public var description: String { "\(seq)#\(line)" }
}

extension BookLine {
    /// The line's id: its entry and posting index.
    public var id: BookLineID { BookLineID(seq: seq, line: line) }
}
