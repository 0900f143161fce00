/// The code of a ledger account, e.g. `"1100"`, `"1200.BEL"`, `"cash-eur"`.
///
/// 1...64 characters from `A-Z a-z 0-9 . _ -`, starting with a letter or a digit. Codes are
/// case-sensitive and order by their text (ASCII order).
public struct AccountCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The code as written.
    public let rawValue: String

    /// The code `text`.
    /// - Throws: ``AccountCodeError`` when `text` is empty, longer than
    ///   ``Limits/accountCodeLengthMax``, contains another character, or starts with ".", "_"
    ///   or "-".
    public init(_ text: String) throws(AccountCodeError) {
        if Self.isWellFormed(text.utf8) {
            rawValue = text
            return
        }
        let scalars = text.unicodeScalars
        guard !scalars.isEmpty else {
            throw AccountCodeError(text: text, reason: "an account code cannot be empty")
        }
        if let bad = scalars.first(where: { !Self.isAllowed($0) }) {
            let reason =
                "\(String(bad).debugDescription) is not allowed "
                + "(use letters A-Z a-z, digits, \".\", \"_\" and \"-\")"
            throw AccountCodeError(text: text, reason: reason)
        }
        guard scalars.count <= Limits.accountCodeLengthMax else {
            let reason =
                "it is \(scalars.count) characters long; "
                + "the limit is \(Limits.accountCodeLengthMax)"
            throw AccountCodeError(text: text, reason: reason)
        }
        if let first = scalars.first, !Self.isLetterOrDigit(first) {
            let reason =
                "it must start with a letter or a digit, "
                + "not \(String(first).debugDescription)"
            throw AccountCodeError(text: text, reason: reason)
        }
        rawValue = text
    }

    /// The code.
    public var description: String { rawValue }

    /// Orders codes by their text.
    public static func < (lhs: AccountCode, rhs: AccountCode) -> Bool {
        // All scalars are ASCII, so UTF-8 order is the order people expect on every platform.
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }

    /// The rules in one pass over the bytes (every allowed character is one ASCII byte); the
    /// scalar checks after it only name what is wrong.
    private static func isWellFormed(_ utf8: String.UTF8View) -> Bool {
        guard let first = utf8.first, utf8.count <= Limits.accountCodeLengthMax, isLetterOrDigit(first) else { return false }
        return utf8.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        isLetterOrDigit(scalar) || scalar == "." || scalar == "_" || scalar == "-"
    }
}

/// An account code that breaks the rules of ``AccountCode``.
public struct AccountCodeError: Error, Equatable, CustomStringConvertible {
    /// The text that was given as an account code.
    public let text: String
    /// Why it was refused.
    public let reason: String

    /// An error for `text`, refused for `reason`.
    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    /// E.g. `account code "1100 BEL": " " is not allowed (…)`.
    public var description: String { "account code \(EchoedText.quoted(text)): \(reason)" }
}
