/// An accounting date, `YYYY-MM-DD`, in the proleptic Gregorian calendar, years 1900...9999.
///
/// No time and no time zone: it is the date the books say, not an instant.
public struct LedgerDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The year, 1900...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...28/29/30/31.
    public let day: Int

    /// Reads exactly `YYYY-MM-DD` (four, two and two ASCII digits with "-" between), e.g.
    /// `"2026-03-01"`.
    /// - Throws: ``DateError`` when the text has another shape or names no real date
    ///   (`"2026-02-29"`, `"2026-04-31"`, `"2026-13-01"`).
    public init(parsing text: String) throws(DateError) {
        let bytes = Array(text.utf8)
        let shape = "it must be YYYY-MM-DD, e.g. 2026-03-01"
        let dash = UInt8(ascii: "-")
        guard bytes.count == 10, bytes[4] == dash, bytes[7] == dash else {
            throw DateError(text: text, reason: shape)
        }
        guard let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
            let day = Self.number(bytes[8..<10])
        else {
            throw DateError(text: text, reason: shape)
        }
        try self.init(checkedYear: year, month: month, day: day, text: text)
    }

    /// The date `year`-`month`-`day`.
    /// - Throws: ``DateError`` when the year is outside 1900...9999 or the day does not exist.
    public init(year: Int, month: Int, day: Int) throws(DateError) {
        let text = "\(year)-\(Self.twoDigits(month))-\(Self.twoDigits(day))"
        try self.init(checkedYear: year, month: month, day: day, text: text)
    }

    /// The date `ordinalDay` days after 1970-01-01 (negative: before).
    /// - Throws: ``DateError`` when that date is outside the years 1900...9999.
    public init(ordinalDay: Int) throws(DateError) {
        guard Self.ordinalRange.contains(ordinalDay) else {
            let reason =
                "day \(ordinalDay) after 1970-01-01 is outside the years "
                + "\(Limits.dateYearMin)...\(Limits.dateYearMax)"
            throw DateError(text: String(ordinalDay), reason: reason)
        }
        self.init(civil: Self.civil(fromOrdinal: ordinalDay))
        assert(self.ordinalDay == ordinalDay)
    }

    /// A date computed from an ordinal day in range; checked, since a wrong one is a bug.
    private init(civil: (year: Int, month: Int, day: Int)) {
        precondition((Limits.dateYearMin...Limits.dateYearMax).contains(civil.year))
        precondition((1...12).contains(civil.month))
        precondition((1...Self.daysIn(month: civil.month, year: civil.year)).contains(civil.day))
        self.year = civil.year
        self.month = civil.month
        self.day = civil.day
    }

    private init(checkedYear year: Int, month: Int, day: Int, text: String) throws(DateError) {
        guard (Limits.dateYearMin...Limits.dateYearMax).contains(year) else {
            let reason = "year \(year) is outside \(Limits.dateYearMin)...\(Limits.dateYearMax)"
            throw DateError(text: text, reason: reason)
        }
        guard (1...12).contains(month) else {
            let reason = "month \(month) does not exist (months are 01...12)"
            throw DateError(text: text, reason: reason)
        }
        let length = Self.daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            throw DateError(text: text, reason: Self.dayReason(day: day, month: month, year: year))
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`, e.g. `"2026-03-01"`.
    public var description: String {
        "\(year)-\(Self.twoDigits(month))-\(Self.twoDigits(day))"
    }

    /// Days since 1970-01-01 (negative before it), for ageing and day arithmetic.
    public var ordinalDay: Int {
        // Howard Hinnant's days_from_civil: years start on 1 March so the leap day comes last.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400  // years here are ≥ 1899, so truncation is floor
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days later (earlier when negative).
    ///
    /// The result must stay within 1900...9999: that is a precondition, so check user-given day
    /// counts first (``init(ordinalDay:)`` throws instead).
    public func adding(days: Int) -> LedgerDate {
        let (target, overflow) = ordinalDay.addingReportingOverflow(days)
        precondition(!overflow && Self.ordinalRange.contains(target), "date out of range")
        let result = LedgerDate(civil: Self.civil(fromOrdinal: target))
        assert(result.ordinalDay == target)
        return result
    }

    /// The date `days` days later (earlier when negative), or nil when it would fall outside
    /// 1900...9999. For day counts that come from input.
    public func addingChecked(days: Int) -> LedgerDate? {
        let (target, overflow) = ordinalDay.addingReportingOverflow(days)
        guard !overflow, Self.ordinalRange.contains(target) else { return nil }
        return adding(days: days)
    }

    /// The date `days` days later, kept within 1900-01-01...9999-12-31 (a search window that
    /// reaches past the calendar's ends stops at them).
    public func addingClamped(days: Int) -> LedgerDate {
        if let date = addingChecked(days: days) { return date }
        return days < 0 ? Self.earliest : Self.latest
    }

    /// 1900-01-01, the first date a ledger holds.
    public static let earliest = LedgerDate(civil: (Limits.dateYearMin, 1, 1))
    /// 9999-12-31, the last date a ledger holds.
    public static let latest = LedgerDate(civil: (Limits.dateYearMax, 12, 31))

    /// Orders dates chronologically.
    public static func < (lhs: LedgerDate, rhs: LedgerDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` has a 29 February: every 4th year, except centuries not divisible by 400.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// 1900-01-01 ... 9999-12-31 as ordinal days.
    private static let ordinalRange = -25_567...2_932_896

    /// Howard Hinnant's civil_from_days, for ordinals within ``ordinalRange``.
    private static func civil(fromOrdinal ordinal: Int) -> (year: Int, month: Int, day: Int) {
        precondition(ordinalRange.contains(ordinal))
        let shifted = ordinal + 719_468
        let era = shifted / 146_097  // non-negative here
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func dayReason(day: Int, month: Int, year: Int) -> String {
        let length = daysIn(month: month, year: year)
        if month == 2 && day == 29 {
            return "\(year) is not a leap year, so February has 28 days"
        }
        return "day \(twoDigits(day)) does not exist: \(monthNames[month - 1]) \(year) has "
            + "\(length) days"
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    /// The number written by ASCII digits only, or nil.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func twoDigits(_ number: Int) -> String {
        (0...9).contains(number) ? "0\(number)" : "\(number)"
    }
}

/// A date that is malformed or does not exist.
public struct DateError: Error, Equatable, CustomStringConvertible {
    /// The text given as a date.
    public let text: String
    /// Why it was refused, e.g. `"2026 is not a leap year, so February has 28 days"`.
    public let reason: String

    /// An error for `text`, refused for `reason`.
    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    /// E.g. `date "2026-02-29": 2026 is not a leap year, so February has 28 days`.
    public var description: String { "date \(EchoedText.quoted(text)): \(reason)" }
}
