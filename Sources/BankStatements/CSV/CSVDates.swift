import LedgerCore

/// CSV dates in the mapping's format.
enum CSVDates {
    static func date(_ text: String, format: CSVMapping.DateFormat) throws(FieldIssue) -> LedgerDate {
        guard let (year, month, day) = parts(Array(text.utf8), format: format) else {
            throw FieldIssue("date \(quoted(text)) is not \(format.rawValue)")
        }
        do { return try LedgerDate(year: year, month: month, day: day) } catch {
            throw FieldIssue("date \(quoted(text)) is no calendar date")
        }
    }

    /// Year, month and day, when `bytes` has the format's shape.
    private static func parts(_ bytes: [UInt8], format: CSVMapping.DateFormat) -> (Int, Int, Int)? {
        guard bytes.count == 10 else { return nil }
        let separator = UInt8(ascii: format == .iso ? "-" : format == .dayMonthYearDots ? "." : "/")
        if format == .iso {
            guard bytes[4] == separator, bytes[7] == separator, let year = SwiftDates.number(bytes[0..<4]),
                let month = SwiftDates.number(bytes[5..<7]), let day = SwiftDates.number(bytes[8..<10])
            else { return nil }
            return (year, month, day)
        }
        guard bytes[2] == separator, bytes[5] == separator, let first = SwiftDates.number(bytes[0..<2]),
            let second = SwiftDates.number(bytes[3..<5]), let year = SwiftDates.number(bytes[6..<10])
        else { return nil }
        return format == .monthDayYearSlashes ? (year, first, second) : (year, second, first)
    }
}
