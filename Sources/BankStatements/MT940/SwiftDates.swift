import LedgerCore

/// SWIFT dates: `YYMMDD` with a two-digit year (00–79 are 20xx, 80–99 are 19xx), and the
/// `:61:` entry date `MMDD`, whose year follows the value date's across a year end.
enum SwiftDates {
    /// The date `text` (`YYMMDD`) names. With `monthEnd`, a day 29–31 past the end of its
    /// month is that month's last day: banks date interest on "30 February" (a 30-day month).
    static func date(yymmdd text: String, monthEnd: Bool = false) throws(FieldIssue) -> LedgerDate {
        let digits = Array(text.utf8)
        guard digits.count == 6, let yy = number(digits[0..<2]), let month = number(digits[2..<4]),
            let day = number(digits[4..<6])
        else { throw FieldIssue("date \(quoted(text)) is not YYMMDD") }
        let year = yy < 80 ? 2000 + yy : 1900 + yy
        guard let date = calendarDate(year: year, month: month, day: day, monthEnd: monthEnd) else {
            throw FieldIssue("date \(quoted(text)) is no calendar date")
        }
        return date
    }

    /// The date, or with `monthEnd` the month's last day for a day 29–31 past it; nil when none.
    static func calendarDate(year: Int, month: Int, day: Int, monthEnd: Bool) -> LedgerDate? {
        if let date = try? LedgerDate(year: year, month: month, day: day) { return date }
        guard monthEnd, (29...31).contains(day), (1...12).contains(month) else { return nil }
        return (28..<day).reversed().lazy.compactMap { try? LedgerDate(year: year, month: month, day: $0) }.first
    }

    /// The entry date `text` (`MMDD`) near `valueDate`: an entry in January for a December
    /// value date is in the next year, an entry in December for a January value date in the
    /// previous one. A day 29–31 past the end of its month (the banks' "30 February") is the
    /// month's last day.
    static func date(mmdd text: String, near valueDate: LedgerDate) throws(FieldIssue) -> LedgerDate {
        let digits = Array(text.utf8)
        guard digits.count == 4, let month = number(digits[0..<2]), let day = number(digits[2..<4]) else {
            throw FieldIssue("entry date \(quoted(text)) is not MMDD")
        }
        var year = valueDate.year
        if valueDate.month == 12 && month == 1 { year += 1 }
        if valueDate.month == 1 && month == 12 { year -= 1 }
        guard let date = calendarDate(year: year, month: month, day: day, monthEnd: true) else {
            throw FieldIssue("entry date \(quoted(text)) is no calendar date in \(year)")
        }
        return date
    }

    /// The value of 1…9 ASCII digits, else nil.
    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value = 0
        for byte in digits {
            guard MT940Lexer.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
