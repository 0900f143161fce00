/// Money: a whole number of minor units (`Int64`) of one currency, e.g. 150000 cents of USD.
///
/// There is no floating point anywhere: parsing and formatting are exact, and every operation is
/// checked. Overflow throws ``AmountError``; it never wraps, and never traps on user input.
public struct Amount: Hashable, Sendable, CustomStringConvertible {
    /// The amount in the currency's minor unit (cents for USD, yen for JPY, fils for KWD).
    public let minorUnits: Int64
    /// The currency the amount is in.
    public let currency: Currency

    /// The amount of `minorUnits` minor units of `currency`.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Amount {
        Amount(minorUnits: 0, currency: currency)
    }

    /// How strictly ``init(parsing:currency:mode:)`` reads text.
    public enum ParseMode: Sendable {
        /// The journal contract (DESIGN.md §3): exactly the currency's minor digits, no "-0".
        case exact
        /// What people type: fewer decimals are padded with zeros; "-0" is read as 0.
        case input
    }

    /// Whether the amount is zero.
    public var isZero: Bool { minorUnits == 0 }

    /// Whether the amount is below zero.
    public var isNegative: Bool { minorUnits < 0 }

    /// The exact decimal: exactly `currency.exponent` digits after the point (no point when the
    /// exponent is 0) and "-" for negatives, e.g. `"1500.00"` USD, `"1500"` JPY, `"-1.500"` KWD.
    /// This is the journal's amount format; ``init(parsing:currency:mode:)`` in `.exact` mode
    /// reads it back.
    public var decimalString: String {
        let exponent = currency.exponent
        let digits = String(minorUnits.magnitude)
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        let sign = minorUnits < 0 ? "-" : ""
        guard exponent > 0 else { return sign + padded }
        let integerPart = padded.dropLast(exponent)
        let fractionPart = padded.suffix(exponent)
        return sign + integerPart + "." + fractionPart
    }

    /// For people and logs: the code, a space and the exact decimal, e.g. `"USD 1500.00"`,
    /// `"JPY -1500"`. No thousands separators and no locale, so it is unambiguous.
    public var description: String { "\(currency.code) \(decimalString)" }
}
