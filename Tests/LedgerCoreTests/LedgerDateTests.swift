import LedgerCore
import Testing

@Suite("LedgerDate: calendar dates")
struct LedgerDateTests {
    /// (text, days since 1970-01-01), the ordinals from Unix time ÷ 86400 worked by hand.
    static let valid: [(String, Int)] = [
        ("1970-01-01", 0),
        ("1970-01-02", 1),
        ("1969-12-31", -1),
        ("2000-01-01", 10_957),  // 946684800 / 86400
        ("2000-02-29", 11_016),  // 10957 + 31 + 28: 2000 is a leap year (÷ 400)
        ("2024-02-29", 19_782),  // 19723 (2024-01-01) + 31 + 28
        ("2026-01-01", 20_454),  // 1767225600 / 86400
        ("2026-03-01", 20_513),  // 20454 + 31 + 28
        ("1900-01-01", -25_567),  // -2208988800 / 86400
        ("1900-02-28", -25_509),  // -25567 + 31 + 27
        ("1900-03-01", -25_508),  // no 29 February in 1900
        ("9999-12-31", 2_932_896),  // 253402214400 / 86400
    ]

    @Test("valid dates parse, print back and count days from 1970", arguments: valid)
    func validDate(text: String, ordinal: Int) throws {
        let date = try LedgerDate(parsing: text)
        #expect(date.description == text)
        #expect(date.ordinalDay == ordinal)
        #expect(try LedgerDate(ordinalDay: ordinal) == date)
        let parts = text.split(separator: "-").compactMap { Int($0) }
        #expect(try LedgerDate(year: parts[0], month: parts[1], day: parts[2]) == date)
        #expect(date.year == parts[0] && date.month == parts[1] && date.day == parts[2])
    }

    /// (text, words the reason must contain).
    static let nonexistent: [(String, [String])] = [
        ("2026-02-29", ["2026 is not a leap year", "February has 28 days"]),
        ("1900-02-29", ["1900 is not a leap year"]),
        ("2100-02-29", ["2100 is not a leap year"]),
        ("2024-02-30", ["day 30 does not exist", "February 2024 has 29 days"]),
        ("2026-04-31", ["day 31 does not exist", "April 2026 has 30 days"]),
        ("2026-06-31", ["June 2026 has 30 days"]),
        ("2026-01-32", ["day 32", "January 2026 has 31 days"]),
        ("2026-01-00", ["day 00 does not exist"]),
        ("2026-13-01", ["month 13 does not exist"]),
        ("2026-00-10", ["month 0 does not exist"]),
        ("1899-12-31", ["year 1899 is outside 1900...9999"]),
        ("0000-01-01", ["year 0 is outside"]),
    ]

    @Test("dates that do not exist are refused with the reason", arguments: nonexistent)
    func nonexistentDate(text: String, words: [String]) {
        let error = #expect(throws: DateError.self) { try LedgerDate(parsing: text) }
        #expect(error?.text == text)
        #expect(error?.description.hasPrefix("date \"\(text)\": ") == true)
        for word in words {
            #expect(error?.reason.contains(word) == true, "\(error?.reason ?? "")")
        }
    }

    @Test(
        "the format is exactly YYYY-MM-DD",
        arguments: [
            "2026-3-1", "2026-03-1", "26-03-01", "2026/03/01", "2026.03.01", "20260301",
            "2026-03-01T00:00:00Z", " 2026-03-01", "2026-03-01 ", "", "２０２６-03-01",
            "+026-03-01", "-2026-03-01", "2026-0a-01", "2026--3-01", "2026-03-01\n", "02026-03-01",
            "2026-003-01",
        ]
    )
    func badFormat(text: String) {
        let error = #expect(throws: DateError.self) { try LedgerDate(parsing: text) }
        #expect(error?.text == text)
        #expect(error?.reason.contains("YYYY-MM-DD") == true)
    }

    @Test("leap years: every 4th, not centuries, but every 400th")
    func leapYears() {
        #expect(LedgerDate.isLeapYear(2000))
        #expect(!LedgerDate.isLeapYear(1900))
        #expect(LedgerDate.isLeapYear(2024))
        #expect(!LedgerDate.isLeapYear(2026))
        #expect(!LedgerDate.isLeapYear(2100))
        #expect(LedgerDate.isLeapYear(2400))
    }

    @Test("init(year:month:day:) checks the same rules")
    func components() {
        let error = #expect(throws: DateError.self) {
            try LedgerDate(year: 2026, month: 2, day: 29)
        }
        #expect(error?.text == "2026-02-29")
        #expect(throws: DateError.self) { try LedgerDate(year: 10_000, month: 1, day: 1) }
        #expect(throws: DateError.self) { try LedgerDate(year: 2026, month: -1, day: 1) }
    }

    /// (start, days, result), by hand.
    static let additions: [(String, Int, String)] = [
        ("2024-02-28", 1, "2024-02-29"),
        ("2024-02-28", 2, "2024-03-01"),
        ("2026-02-28", 1, "2026-03-01"),
        ("2000-02-28", 1, "2000-02-29"),
        ("1900-02-28", 1, "1900-03-01"),
        ("2026-12-31", 1, "2027-01-01"),
        ("2026-03-01", -1, "2026-02-28"),
        ("2026-01-01", 365, "2027-01-01"),
        ("2024-01-01", 366, "2025-01-01"),
        ("2026-03-01", 0, "2026-03-01"),
        ("2026-01-31", 30, "2026-03-02"),
    ]

    @Test("adding days crosses months, years and leap days", arguments: additions)
    func addingDays(start: String, days: Int, result: String) throws {
        #expect(try LedgerDate(parsing: start).adding(days: days) == LedgerDate(parsing: result))
    }

    @Test("ordinal days outside 1900...9999 are refused")
    func ordinalRange() throws {
        #expect(throws: DateError.self) { try LedgerDate(ordinalDay: -25_568) }
        #expect(throws: DateError.self) { try LedgerDate(ordinalDay: 2_932_897) }
        #expect(throws: DateError.self) { try LedgerDate(ordinalDay: .max) }
        #expect(try LedgerDate(ordinalDay: 0).description == "1970-01-01")
    }

    @Test("ordinal days and dates agree across the whole range")
    func ordinalConsistency() throws {
        var previous: LedgerDate? = nil
        for ordinal in stride(from: -25_567, through: 2_932_896, by: 97) {
            let date = try LedgerDate(ordinalDay: ordinal)
            #expect(date.ordinalDay == ordinal)
            #expect(try LedgerDate(parsing: date.description) == date)
            if let previous { #expect(previous < date) }
            previous = date
        }
    }

    @Test("order is chronological")
    func order() throws {
        let dates = try ["2026-03-01", "1999-12-31", "2026-02-28", "2026-03-10"]
            .map { try LedgerDate(parsing: $0) }
        #expect(
            dates.sorted().map(\.description) == [
                "1999-12-31", "2026-02-28", "2026-03-01", "2026-03-10",
            ])
    }
}
