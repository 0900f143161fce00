import LedgerCore

/// SWIFT dates: `YYMMDD` with a two-digit year (00–79 are 20xx, 80–99 are 19xx), and the
/// `:61:` entry date `MMDD`, whose year follows the value date's across a year end.
enum SwiftDates {
    /// The date `text` (`YYMMDD`) names.
    static func date(yymmdd text: String) throws(FieldIssue) -> LedgerDate {
        let digits = Array(text.utf8)
        guard digits.count == 6, let yy = number(digits[0..<2]), let month = number(digits[2..<4]),
            let day = number(digits[4..<6])
        else { throw FieldIssue("date \(quoted(text)) is not YYMMDD") }
        let year = yy < 80 ? 2000 + yy : 1900 + yy
        do { return try LedgerDate(year: year, month: month, day: day) } catch {
            throw FieldIssue("date \(quoted(text)) is no calendar date")
        }
    }

    /// The entry date `text` (`MMDD`) near `valueDate`: an entry in January for a December
    /// value date is in the next year, an entry in December for a January value date in the
    /// previous one.
    static func date(mmdd text: String, near valueDate: LedgerDate) throws(FieldIssue) -> LedgerDate {
        let digits = Array(text.utf8)
        guard digits.count == 4, let month = number(digits[0..<2]), let day = number(digits[2..<4]) else {
            throw FieldIssue("entry date \(quoted(text)) is not MMDD")
        }
        var year = valueDate.year
        if valueDate.month == 12 && month == 1 { year += 1 }
        if valueDate.month == 1 && month == 12 { year -= 1 }
        do { return try LedgerDate(year: year, month: month, day: day) } catch {
            throw FieldIssue("entry date \(quoted(text)) is no calendar date in \(year)")
        }
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
