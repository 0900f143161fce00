/// A decimal number that is not money, such as an exchange rate `"0.9200"` or a percentage
/// `"13"`: `significand × 10^-scale`, read exactly from a string.
///
/// The syntax is that of amounts (optional leading "-", digits, optionally "." and digits; no
/// "+", exponent, spaces, separators, leading zeros or "-0"), and trailing zeros are kept as
/// written, so `description` gives back exactly the text that was parsed (`"0.9200"` stays
/// `"0.9200"`). Equality is therefore by representation: `0.92` and `0.920` differ.
public struct Decimal64: Hashable, Sendable, CustomStringConvertible {
    /// All the digits as one integer, with the sign: 9200 for `"0.9200"`.
    public let significand: Int64
    /// How many of those digits follow the point, 0...18: 4 for `"0.9200"`.
    public let scale: Int

    /// The decimal `significand × 10^-scale`; `scale` must be 0...18 (a programmer's value, not
    /// user input: read user input with ``init(parsing:)``).
    public init(significand: Int64, scale: Int) {
        precondition((0...Limits.decimalScaleMax).contains(scale), "scale \(scale) is not 0...18")
        self.significand = significand
        self.scale = scale
    }

    /// Reads `text` exactly.
    /// - Throws: ``AmountError/invalidDecimal(text:reason:)`` naming the rule broken, including
    ///   more than 18 decimals and more digits than `Int64` holds.
    public init(parsing text: String) throws(AmountError) {
        let decimal: DecimalText
        do throws(DecimalSyntaxIssue) {
            decimal = try DecimalText.scan(text)
        } catch {
            throw .invalidDecimal(text: text, reason: error.rule)
        }
        guard !(decimal.isNegative && decimal.isZero) else {
            throw .invalidDecimal(text: text, reason: "negative zero is not allowed")
        }
        guard decimal.fractionDigits.count <= Limits.decimalScaleMax else {
            let reason =
                "it has \(decimal.fractionDigits.count) decimals; "
                + "the limit is \(Limits.decimalScaleMax)"
            throw .invalidDecimal(text: text, reason: reason)
        }
        var magnitude: UInt64 = 0
        for digit in decimal.integerDigits + decimal.fractionDigits {
            let (shifted, overflowTimes) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, overflowPlus) = shifted.addingReportingOverflow(UInt64(digit))
            guard !overflowTimes && !overflowPlus else {
                throw .invalidDecimal(text: text, reason: Self.tooManyDigits)
            }
            magnitude = next
        }
        guard let significand = Amount.signed(magnitude, negative: decimal.isNegative) else {
            throw .invalidDecimal(text: text, reason: Self.tooManyDigits)
        }
        self.significand = significand
        self.scale = decimal.fractionDigits.count
    }

    private static let tooManyDigits =
        "too many digits (the significand must fit a 64-bit integer, at most 9223372036854775807)"

    /// The decimal as written: `"0.9200"`, `"13"`, `"-1.5"`.
    public var description: String {
        let digits = String(significand.magnitude)
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let sign = significand < 0 ? "-" : ""
        guard scale > 0 else { return sign + padded }
        return sign + padded.dropLast(scale) + "." + padded.suffix(scale)
    }
}
