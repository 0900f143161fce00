/// Why a byte sequence is not acceptable JSON, and where.
///
/// `description` reads like `line 3, column 14: duplicate key "amount"`.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
    /// 0-based byte offset into the input where the problem was found.
    public let offset: Int
    /// 1-based line number (lines end at LF).
    public let line: Int
    /// 1-based column, counted in Unicode scalars from the start of the line.
    public let column: Int
    /// What was wrong, e.g. `duplicate key "amount"`.
    public let reason: String

    /// An error at an explicit position.
    public init(offset: Int, line: Int, column: Int, reason: String) {
        self.offset = offset
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `line L, column C: reason`.
    public var description: String {
        "line \(line), column \(column): \(reason)"
    }
}

/// Why a value has no RFC 8785 canonical form (a non-finite number, or a string that is not
/// I-JSON).
public struct JSONCanonicalizationError: Error, Equatable, CustomStringConvertible {
    /// What was wrong, e.g. `number is not finite (nan)`.
    public let reason: String

    /// An error with this reason.
    public init(reason: String) {
        self.reason = reason
    }

    /// The reason, prefixed so it reads on its own in a log.
    public var description: String {
        "cannot canonicalize JSON: \(reason)"
    }
}
