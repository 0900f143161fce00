public import LedgerCore

/// Numbers, money and dates for people, in English or French.
///
/// Everything is formatted from exact minor units with integer arithmetic and string work: no
/// floating point and no system locale, so the output is the same on every machine.
///
/// - English: `USD 1,234,567.89`, `EUR -1,234.00`, `30 July 2026`.
/// - French: `1 234 567,89 $ US`, `-1 234,00 €`, `1 500 000 JPY`, `1er mars 2026`, with a narrow
///   no-break space (U+202F) between thousands and a no-break space (U+00A0) between the number
///   and the currency (and inside `$ US`).
///
/// In both languages a no-break space (U+00A0) joins the code or symbol to the number, so an
/// amount never wraps across lines.
public struct StatementFormat: Sendable {
    /// The French thousands separator: U+202F NARROW NO-BREAK SPACE.
    public static let frenchGroupSeparator = "\u{202F}"
    /// Joins a number to its currency: U+00A0 NO-BREAK SPACE.
    public static let currencySpace = "\u{00A0}"

    /// The language the figures are written for.
    public let language: StatementLanguage

    /// A formatter for `language`.
    public init(_ language: StatementLanguage) {
        self.language = language
    }

    /// The number `minorUnits` × 10^-`exponent` with grouped thousands and exactly `exponent`
    /// decimals: `1,234,567.89` (en) or `1 234 567,89` (fr); a leading `-` when negative.
    public func number(minorUnits: Int64, exponent: Int) -> String {
        let digits = String(minorUnits.magnitude)
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        let sign = minorUnits < 0 ? "-" : ""
        let integer = grouped(String(padded.dropLast(exponent)))
        guard exponent > 0 else { return sign + integer }
        return sign + integer + decimalMark + String(padded.suffix(exponent))
    }

    /// An amount with its currency: `USD 1,234.50` (en); `1 234,50 $ US`, `1 234,00 €` or
    /// `1 500 000 JPY` (fr).
    public func amount(_ amount: Amount) -> String {
        let figure = number(minorUnits: amount.minorUnits, exponent: amount.currency.exponent)
        switch language {
        case .en: return amount.currency.code + Self.currencySpace + figure
        case .fr: return figure + Self.currencySpace + Self.frenchSymbol(amount.currency)
        }
    }

    /// A whole count with grouped thousands: `12,500` (en), `12 500` (fr).
    public func count(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(String(value.magnitude))
    }

    /// A plain decimal such as a rate (`"0.9215"`, `"155"`, `"-2.5"`) in the language's notation
    /// (`0,9215` in French), digits kept exactly; nil when `text` is not such a decimal.
    public func decimal(_ text: String) -> String? {
        let unsigned = text.hasPrefix("-") ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy(Self.isDigits) else { return nil }
        let sign = text.hasPrefix("-") ? "-" : ""
        let fraction = parts.count == 2 ? decimalMark + parts[1] : ""
        return sign + grouped(String(parts[0])) + fraction
    }

    /// A date in words: `30 July 2026` (en), `30 juillet 2026` or `1er mars 2026` (fr).
    public func date(_ date: LedgerDate) -> String {
        switch language {
        case .en: return "\(date.day) \(Self.englishMonths[date.month - 1]) \(date.year)"
        case .fr:
            let day = date.day == 1 ? "1er" : String(date.day)
            return "\(day) \(Self.frenchMonths[date.month - 1]) \(date.year)"
        }
    }

    /// Day and abbreviated month without the year, for chart labels: `30 Jul`, `30 juil.`.
    public func shortDate(_ date: LedgerDate) -> String {
        switch language {
        case .en: return "\(date.day) \(Self.englishMonths[date.month - 1].prefix(3))"
        case .fr:
            let day = date.day == 1 ? "1er" : String(date.day)
            return "\(day) \(Self.frenchShortMonths[date.month - 1])"
        }
    }

    private var decimalMark: String { language == .fr ? "," : "." }

    private var groupSeparator: String { language == .fr ? Self.frenchGroupSeparator : "," }

    /// `digits` (ASCII digits only) with a separator every three from the right.
    private func grouped(_ digits: String) -> String {
        var groups: [Substring] = []
        var rest = Substring(digits)
        while rest.count > 3 {
            groups.insert(rest.suffix(3), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(rest, at: 0)
        return groups.joined(separator: groupSeparator)
    }

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// What follows a French amount: `$ US`, `€`, else the ISO code.
    private static func frenchSymbol(_ currency: Currency) -> String {
        switch currency.code {
        case "USD": return "$" + currencySpace + "US"
        case "EUR": return "€"
        default: return currency.code
        }
    }

    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    private static let frenchMonths = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]

    private static let frenchShortMonths = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin",
        "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ]
}
