import LedgerCore

/// Bank decimal text ("1.234,5", "300,", "-12.50", "7,00-") turned into an exact ``Amount``
/// through a canonical decimal string, never through floating point.
struct DecimalStyle: Sendable, Equatable {
    /// The decimal separator, e.g. "," for MT940 and German CSV, "." for camt.
    var decimal: Character
    /// The thousands separator, when the source uses one ("." or " " or "'").
    var thousands: Character?
    /// Whether a sign may appear ("-"/"+" in front, or "-" at the end as some banks export).
    var signed: Bool

    init(decimal: Character, thousands: Character? = nil, signed: Bool = true) {
        self.decimal = decimal
        self.thousands = thousands
        self.signed = signed
    }

    /// MT940 and SWIFT: comma decimal, no sign, decimals optional ("300," is 300.00).
    static let swift = DecimalStyle(decimal: ",", thousands: nil, signed: false)
    /// An MT940 amount: a comma decimal, or in legacy files a decimal point (`100.00`) when
    /// there is no comma.
    static func swiftAmount(_ text: String, currency: Currency) throws(FieldIssue) -> Amount {
        let style = text.contains(".") && !text.contains(",") ? DecimalStyle(decimal: ".", signed: false) : swift
        return try style.amount(text, currency: currency)
    }
    /// camt / XML Schema decimal: point, no sign.
    static let xml = DecimalStyle(decimal: ".", thousands: nil, signed: false)

    /// The amount `text` denotes in `currency`.
    /// - Throws: ``FieldIssue`` saying why `text` is no amount of `currency`.
    func amount(_ text: String, currency: Currency) throws(FieldIssue) -> Amount {
        let parts = try split(text)
        let canonical = try Self.canonical(parts, text: text, currency: currency)
        do {
            return try Amount(parsing: canonical, currency: currency, mode: .exact)
        } catch {
            throw FieldIssue("amount \(quoted(text)) is out of range for \(currency.code)")
        }
    }

    /// Sign, integer digits and fraction digits of `text`.
    private func split(_ text: String) throws(FieldIssue) -> (negative: Bool, integer: String, fraction: String) {
        var body = Substring(text.trimmingSpaces)
        var negative = false
        if signed, let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        } else if signed, body.last == "-" {
            negative = true
            body = body.dropLast()
        }
        var integer = ""
        var fraction: String?
        // Digits in each group of the integer part, when a thousands separator splits it.
        var groups: [Int] = [0]
        for character in body {
            if character.isASCII, character.isNumber {
                if fraction == nil {
                    integer.append(character)
                    groups[groups.count - 1] += 1
                } else {
                    fraction?.append(character)
                }
            } else if character == decimal, fraction == nil {
                fraction = ""
            } else if let thousands, character == thousands, fraction == nil, !integer.isEmpty {
                groups.append(0)
            } else {
                throw FieldIssue("amount \(quoted(text)) is not a number")
            }
        }
        guard !integer.isEmpty || !(fraction ?? "").isEmpty else {
            throw FieldIssue("amount \(quoted(text)) is not a number")
        }
        try checkGroups(groups, text)
        return (negative, integer, fraction ?? "")
    }

    /// A thousands separator only ever separates groups of three digits, after a first group of
    /// one to three: "1.234.567,00". Read anywhere else it is a misread format, never skipped:
    /// "12.34" under `thousands "."` would be 1234 (an outside trial got -42000.00 for
    /// "-420.00" so).
    private func checkGroups(_ groups: [Int], _ text: String) throws(FieldIssue) {
        guard groups.count > 1, let thousands else { return }
        guard (1...3).contains(groups[0]), groups.dropFirst().allSatisfy({ $0 == 3 }) else {
            throw FieldIssue("""
                amount \(quoted(text)) has the thousands separator \(quoted(String(thousands))) where it does not separate \
                groups of three digits: the file's decimal mark may not be \(quoted(String(decimal))) (check the mapping's \
                "decimal" and "thousands")
                """)
        }
    }

    /// The journal's exact form: no leading zeros, exactly `exponent` decimals.
    private static func canonical(
        _ parts: (negative: Bool, integer: String, fraction: String), text: String, currency: Currency
    ) throws(FieldIssue) -> String {
        let exponent = currency.exponent
        var fraction = parts.fraction
        while fraction.count > exponent, fraction.last == "0" { fraction.removeLast() }
        guard fraction.count <= exponent else {
            throw FieldIssue("amount \(quoted(text)) has \(fraction.count) decimals, \(currency.code) has \(exponent)")
        }
        fraction += String(repeating: "0", count: exponent - fraction.count)
        var integer = String(parts.integer.drop { $0 == "0" })
        if integer.isEmpty { integer = "0" }
        let isZero = integer == "0" && fraction.allSatisfy { $0 == "0" }
        let sign = parts.negative && !isZero ? "-" : ""
        return exponent == 0 ? sign + integer : sign + integer + "." + fraction
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line ends.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
