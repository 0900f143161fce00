public import LedgerCore
public import LedgerJournal

/// What a store's verification finds as it compares its derived tables (postings, Merkle
/// nodes) with the replay of the journal: the first difference thrown, or, when reconciling,
/// every difference listed (at most ``maxListed``). One wording for every store.
public struct DerivedFindings: Sendable {
    /// The most differences a reconciliation lists.
    public static let maxListed = 1000

    /// Whether differences are listed rather than thrown.
    public let collecting: Bool
    /// The differences listed so far, `entry N: …`.
    public private(set) var listed: [String] = []

    /// Findings that throw the first difference, or list them all (`collecting`).
    public init(collecting: Bool) {
        self.collecting = collecting
    }

    /// Throws `failure`, or lists it when collecting.
    public mutating func found(_ failure: VerificationFailure) throws(VerificationFailure) {
        guard collecting else { throw failure }
        if listed.count < Self.maxListed { listed.append("entry \(failure.seq): \(failure.reason)") }
    }

    /// The postings table holds a line of entry `seq` the journal does not have.
    public mutating func extraPosting(seq: UInt64) throws(VerificationFailure) {
        try found(VerificationFailure(seq: seq, .derivedTables, reason: "postings table: it holds a line the journal does not have"))
    }

    /// The postings table's line `line` (0-based) of entry `seq` is not the journal's `posting`.
    public mutating func differentPosting(seq: UInt64, line: Int, _ posting: Posting) throws(VerificationFailure) {
        try found(VerificationFailure(
            seq: seq, .derivedTables,
            reason: "postings table: line \(line + 1) differs from the journal (it says \(posting.account) \(posting.amount.decimalString) \(posting.amount.currency))"))
    }

    /// The postings table lacks line `line` (0-based) of entry `seq`.
    public mutating func missingPosting(seq: UInt64, line: Int) throws(VerificationFailure) {
        try found(VerificationFailure(seq: seq, .derivedTables, reason: "postings table: line \(line + 1) is missing"))
    }

    /// The Merkle node (`level`, `index`) is missing from `merkle_nodes` or differs from the
    /// journal's; named at the last entry it covers.
    public mutating func differentNode(level: Int, index: UInt64, missing: Bool) throws(VerificationFailure) {
        let end = ((index + 1) << UInt64(level)) - 1
        try found(VerificationFailure(
            seq: end, .derivedTables, reason: "merkle_nodes table: node (\(level), \(index)) \(missing ? "is missing" : "differs from the journal's")"))
    }
}
