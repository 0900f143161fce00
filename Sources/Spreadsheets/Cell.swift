/// A cell of a worksheet: text, an exact decimal number, or nothing.
public enum Cell: Sendable, Equatable {
    /// Text, stored as an inline string: a spreadsheet never runs it as a formula.
    case text(String)
    /// Text in bold, for headings.
    case heading(String)
    /// An exact decimal (`-1234.56`), stored as written and shown with its own number of decimal
    /// places and thousands grouped. Use ``number(_:)`` to make one from text.
    case decimal(String)
    /// Nothing.
    case empty

    /// The most significant digits a spreadsheet keeps in a number (IEEE 754 double, as Excel and
    /// LibreOffice store them): a decimal with more is kept as text so that no digit is lost.
    public static let exactDigits = 15

    /// `text` as a number cell when it is an exact decimal (`-?digits[.digits]`) of at most
    /// ``exactDigits`` significant digits; as a text cell otherwise (an empty string is ``empty``).
    public static func number(_ text: String) -> Cell {
        if text.isEmpty { return .empty }
        guard let digits = DecimalText.significantDigits(text), digits <= exactDigits else { return .text(text) }
        return .decimal(text)
    }
}

/// Decimal text as the workbook writes it: `-?[0-9]+(\.[0-9]+)?`.
enum DecimalText {
    /// The number of significant digits of `text`, or nil when it is not decimal text.
    static func significantDigits(_ text: String) -> Int? {
        var body = Substring(text)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let digits = parts.joined().drop { $0 == "0" }
        return max(digits.count, 1)
    }

    /// The number of decimal places of decimal text.
    static func places(_ text: String) -> Int {
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: dot, to: text.endIndex) - 1
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
