import Foundation
import LedgerCore

/// The `time` member: when an entry was recorded, RFC 3339 in UTC with whole seconds
/// (`2026-11-29T01:03:20Z`).
public enum RecordingTime {
    /// A time the current task records instead of the clock (tests: a year-end close must be
    /// recorded after the year it closes). Like the environment variable, it changes only what
    /// the signer states.
    @TaskLocal public static var override: String?

    /// Now, formatted; or `$VTF_RECORDING_TIME` when it holds a valid time, so fixtures and
    /// tests can be rebuilt byte for byte (the time is the signer's own statement either way).
    public static func now() -> String {
        if let fixed = override, isValid(fixed) { return fixed }
        // getenv, not ProcessInfo's environment, which copies every variable into a dictionary
        // on each call (the bulk path asks once per batch and per checked draft).
        if let fixed = getenv("VTF_RECORDING_TIME").map({ String(cString: $0) }), isValid(fixed) { return fixed }
        return format(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    /// Formats a POSIX time (proleptic Gregorian, UTC) from 1970 to 9999.
    public static func format(secondsSince1970 seconds: Int64) -> String {
        precondition(seconds >= 0, "recording times are after 1970")
        let secondOfDay = seconds % 86_400
        guard let date = try? LedgerDate(ordinalDay: Int(seconds / 86_400)) else {
            preconditionFailure("the clock is within the years LedgerDate covers")
        }
        return "\(date)T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// The POSIX time (whole seconds) of a valid recording time, or nil.
    public static func seconds(_ text: String) -> Int? {
        guard isValid(text), let date = try? LedgerDate(parsing: String(text.prefix(10))) else { return nil }
        let bytes = Array(text.utf8)
        func two(_ at: Int) -> Int { Int(bytes[at] - 0x30) * 10 + Int(bytes[at + 1] - 0x30) }
        return date.ordinalDay * 86_400 + two(11) * 3600 + two(14) * 60 + two(17)
    }

    /// Whether `text` has the form `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with fields in range.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let separators: [(Int, UInt8)] = [(4, 0x2D), (7, 0x2D), (10, 0x54), (13, 0x3A), (16, 0x3A)]
        guard separators.allSatisfy({ bytes[$0.0] == $0.1 }) else { return false }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            year >= 1970, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return false }
        if bytes.count == 20 { return true }
        guard bytes[19] == UInt8(ascii: "."), bytes.count > 21 else { return false }
        return number(20..<(bytes.count - 1)) != nil
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
