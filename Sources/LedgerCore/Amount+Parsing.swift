extension Amount {
    /// Reads a plain decimal string as an amount of `currency`.
    ///
    /// In both modes: an optional leading "-", ASCII digits, and optionally "." and digits; no
    /// "+", no exponent, no spaces, no thousands separators, at least one digit before the point,
    /// no leading zeros except a single "0" before the point, and at most `currency.exponent`
    /// decimals.
    /// - `.exact` (the journal contract): exactly `currency.exponent` decimals (`"1500.00"` USD,
    ///   `"1500"` JPY, `"1.500"` KWD); `"-0.00"` is refused (zero is `"0.00"`).
    /// - `.input` (what people type): fewer decimals are padded (`"12.5"` USD is 1250, `"12"` is
    ///   1200); `"-0"` is read as 0.
    ///
    /// The range is that of `Int64` minor units: for USD, -92233720368547758.08 through
    /// 92233720368547758.07.
    /// - Throws: ``AmountError`` naming the text and the rule it breaks, e.g.
    ///   `amount "12.345" has 3 decimals, USD has 2`.
    public init(parsing text: String, currency: Currency, mode: ParseMode) throws(AmountError) {
        if mode == .exact, let minorUnits = Self.exactMinorUnits(text, exponent: currency.exponent) {
            self.init(minorUnits: minorUnits, currency: currency)
            return
        }
        try self.init(generalParsing: text, currency: currency, mode: mode)
    }

    /// Reads `utf8` only when it is the journal's exact form of an amount of `currency`, the
    /// text ``decimalString`` writes (optional "-", digits without a leading zero, "." and
    /// exactly `currency.exponent` digits; not "-0"); nil for any other text. The reading is
    /// one-to-one: the amount's ``decimalString`` is these very bytes, which is what lets the
    /// verifier's fast reader skip writing an entry back to compare it.
    public init?(exactUTF8 utf8: UnsafeBufferPointer<UInt8>, currency: Currency) {
        guard let minorUnits = Self.exactMinorUnits(utf8: utf8, exponent: currency.exponent) else { return nil }
        self.init(minorUnits: minorUnits, currency: currency)
    }

    /// The general parser: every form, with an error naming the rule broken.
    init(generalParsing text: String, currency: Currency, mode: ParseMode) throws(AmountError) {
        let decimal: DecimalText
        do throws(DecimalSyntaxIssue) {
            decimal = try DecimalText.scan(text)
        } catch {
            throw AmountError(text: text, issue: error)
        }
        let decimals = decimal.fractionDigits.count
        guard decimals <= currency.exponent else {
            throw .tooManyDecimals(text: text, decimals: decimals, currency: currency)
        }
        if mode == .exact && decimals < currency.exponent {
            throw .missingDecimals(text: text, decimals: decimals, currency: currency)
        }
        if mode == .exact && decimal.isNegative && decimal.isZero {
            throw .negativeZero(text: text)
        }
        let units = Self.minorUnits(of: decimal, exponent: currency.exponent)
        guard let minorUnits = Self.signed(units, negative: decimal.isNegative) else {
            throw .outOfRange(text: text, currency: currency)
        }
        self.init(minorUnits: minorUnits, currency: currency)
    }

    /// The digits as a count of minor units, padding the decimals to `exponent` digits, or nil
    /// beyond `UInt64`.
    private static func minorUnits(
        of decimal: DecimalText,
        exponent: Int
    ) -> UInt64? {
        precondition(decimal.fractionDigits.count <= exponent)
        let padding = [UInt8](repeating: 0, count: exponent - decimal.fractionDigits.count)
        var value: UInt64 = 0
        for digit in decimal.integerDigits + decimal.fractionDigits + padding {
            let (shifted, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowPlus) = shifted.addingReportingOverflow(UInt64(digit))
            if overflowTimes || overflowPlus { return nil }
            value = next
        }
        return value
    }

    /// `magnitude` with a sign, when it fits in `Int64` (down to `Int64.min`).
    static func signed(_ magnitude: UInt64?, negative: Bool) -> Int64? {
        guard let magnitude else { return nil }
        if !negative { return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil }
        if magnitude == Int64.min.magnitude { return Int64.min }
        return magnitude < Int64.min.magnitude ? -Int64(magnitude) : nil
    }

    /// The journal's hot path: the minor units of `text` when it is in the exact form for
    /// `exponent` (optional "-", digits without a leading zero, "." and exactly `exponent` digits;
    /// not "-0"), else nil, and the general parser then names what is wrong. One pass, no
    /// allocation.
    static func exactMinorUnits(_ text: String, exponent: Int) -> Int64? {
        var text = text
        return text.withUTF8 { exactMinorUnits(utf8: $0, exponent: exponent) }
    }

    /// ``exactMinorUnits(_:exponent:)`` over UTF-8 bytes.
    static func exactMinorUnits(utf8: UnsafeBufferPointer<UInt8>, exponent: Int) -> Int64? {
        var magnitude: UInt64 = 0
        var negative = false
        var integerDigits = 0
        var fractionDigits = -1  // -1 until the point
        var firstDigit: UInt8 = 0
        for position in utf8.indices {
            let byte = utf8[position]
            switch byte {
            case UInt8(ascii: "-") where position == 0:
                negative = true
            case UInt8(ascii: "."):
                guard fractionDigits < 0, integerDigits > 0 else { return nil }
                fractionDigits = 0
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if fractionDigits < 0 {
                    if integerDigits == 0 { firstDigit = byte } else if firstDigit == UInt8(ascii: "0") { return nil }
                    integerDigits += 1
                } else {
                    fractionDigits += 1
                }
                let (times, overflowTimes) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflowSum) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
                guard !overflowTimes, !overflowSum else { return nil }
                magnitude = sum
            default:
                return nil
            }
        }
        guard integerDigits > 0, exponent == 0 ? fractionDigits == -1 : fractionDigits == exponent else { return nil }
        if negative {
            guard magnitude != 0, magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }
}
