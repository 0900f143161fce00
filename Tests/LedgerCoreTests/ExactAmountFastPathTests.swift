@testable import LedgerCore
import Testing

/// The one-pass parser for the journal's exact form gives the same answer as the general one.
@Suite("Exact amounts: the fast path agrees with the general parser")
struct ExactFastPathTests {
    @Test(arguments: [
        ("1500.00", "USD"), ("-1500.00", "USD"), ("0.00", "USD"), ("-0.00", "USD"), ("1500", "JPY"), ("1500.", "JPY"),
        ("1.500", "KWD"), ("1.50", "KWD"), ("00.10", "USD"), ("0", "USD"), (".50", "USD"), ("1.5", "USD"), ("1-0.00", "USD"),
        ("92233720368547758.07", "USD"), ("-92233720368547758.08", "USD"), ("92233720368547758.08", "USD"),
        ("9223372036854775807", "JPY"), ("-9223372036854775808", "JPY"), ("18446744073709551616", "JPY"), ("1e5", "JPY"),
        ("+1.00", "USD"), (" 1.00", "USD"), ("1..00", "USD"), ("-", "USD"), ("", "USD"), ("12.3456", "CLF"),
    ])
    func agrees(text: String, code: String) throws {
        let currency = try Currency(code: code)
        let fast = Amount.exactMinorUnits(text, exponent: currency.exponent)
        let general: Int64?
        do { general = try Amount(generalParsing: text, currency: currency, mode: .exact).minorUnits } catch { general = nil }
        #expect(fast == general, "\(text) \(code): fast \(String(describing: fast)), general \(String(describing: general))")
    }
}
