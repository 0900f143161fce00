/// An ISO 4217 currency with its minor-unit exponent, e.g. USD (2), JPY (0), KWD (3), CLF (4).
///
/// Only codes in the ledger's versioned ISO 4217 table exist (see ``tableEdition``); codes
/// without minor units (XAU, XDR, XXX, …) are not money here. Two currencies are equal when their
/// codes are; they order by code.
public struct Currency: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The alphabetic ISO 4217 code, three capital letters, e.g. `"USD"`.
    public let code: String
    /// How many digits follow the decimal point in this currency's minor unit, 0...4.
    public let exponent: Int

    /// The currency with ISO 4217 code `code`.
    ///
    /// - Throws: ``CurrencyError`` when `code` is not exactly three capital ASCII letters, or is
    ///   not in the table (including ISO codes that have no minor unit, such as XAU).
    public init(code: String) throws(CurrencyError) {
        guard Self.isWellFormed(code) else {
            let reason = "ISO 4217 codes are 3 capital letters, e.g. USD"
            throw CurrencyError(code: code, reason: reason)
        }
        guard let exponent = ISO4217Table.exponentByCode[code] else {
            throw CurrencyError(code: code, reason: Self.absenceReason(code))
        }
        self.code = code
        self.exponent = exponent
    }

    /// A currency from the table itself; both values are checked against it.
    private init(tableCode: String, exponent: Int) {
        precondition(ISO4217Table.exponentByCode[tableCode] == exponent, "\(tableCode) unlisted")
        self.code = tableCode
        self.exponent = exponent
    }

    /// The US dollar, the fund's functional currency (exponent 2).
    public static let usd = Currency(tableCode: "USD", exponent: 2)

    /// Every currency in the table, ordered by code.
    public static var all: [Currency] { allByCode }

    private static let allByCode: [Currency] = ISO4217Table.entries
        .map { Currency(tableCode: $0.code, exponent: $0.exponent) }
        .sorted()

    /// The edition of ISO 4217 list one the table transcribes, e.g.
    /// `"ISO 4217 list one, published 2025-05-12 (Amendment 179)"`.
    public static let tableEdition: String = ISO4217Table.edition

    /// The code, e.g. `"USD"`.
    public var description: String { code }

    /// Orders currencies by code.
    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }

    /// Equality by code (the exponent follows from the code).
    public static func == (lhs: Currency, rhs: Currency) -> Bool { lhs.code == rhs.code }

    /// Hashes the code.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// Ten to the power of `exponent`: how many minor units make one major unit.
    var minorUnitsPerMajorUnit: Int64 {
        precondition((0...Limits.currencyExponentMax).contains(exponent))
        var factor: Int64 = 1
        for _ in 0..<exponent { factor *= 10 }
        return factor
    }

    private static func isWellFormed(_ code: String) -> Bool {
        let bytes = code.utf8
        let capitals = UInt8(ascii: "A")...UInt8(ascii: "Z")
        return bytes.count == 3 && bytes.allSatisfy { capitals.contains($0) }
    }

    private static func absenceReason(_ code: String) -> String {
        if ISO4217Table.codesWithoutMinorUnit.contains(code) {
            return "\(code) has no minor unit in ISO 4217 (metals, units of account and test "
                + "codes are not money here)"
        }
        return "not in the currency table (\(ISO4217Table.edition))"
    }
}

/// A currency code that is malformed or not in the table.
public struct CurrencyError: Error, Equatable, CustomStringConvertible {
    /// The text that was given as a currency code.
    public let code: String
    /// Why it was refused, e.g. `"ISO 4217 codes are 3 capital letters, e.g. USD"`.
    public let reason: String

    /// An error for `code`, refused for `reason`.
    public init(code: String, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// E.g. `unknown currency "usd": ISO 4217 codes are 3 capital letters, e.g. USD`.
    public var description: String { "unknown currency \(EchoedText.quoted(code)): \(reason)" }
}
