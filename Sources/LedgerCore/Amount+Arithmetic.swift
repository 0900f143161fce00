extension Amount {
    /// `self + other`.
    /// - Throws: ``AmountError/currencyMismatch(_:_:)`` when the currencies differ,
    ///   ``AmountError/overflow(operation:currency:)`` when the sum leaves the `Int64` range.
    public func adding(_ other: Amount) throws(AmountError) -> Amount {
        try requireSameCurrency(as: other)
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else {
            let operation = "\(decimalString) + \(other.decimalString)"
            throw .overflow(operation: operation, currency: currency)
        }
        return Amount(minorUnits: sum, currency: currency)
    }

    /// `self - other`.
    /// - Throws: ``AmountError/currencyMismatch(_:_:)`` when the currencies differ,
    ///   ``AmountError/overflow(operation:currency:)`` when the difference leaves the range.
    public func subtracting(_ other: Amount) throws(AmountError) -> Amount {
        try requireSameCurrency(as: other)
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else {
            let operation = "\(decimalString) - \(other.decimalString)"
            throw .overflow(operation: operation, currency: currency)
        }
        return Amount(minorUnits: difference, currency: currency)
    }

    /// `-self`.
    /// - Throws: ``AmountError/overflow(operation:currency:)`` for `Int64.min` minor units, whose
    ///   negation does not fit.
    public func negated() throws(AmountError) -> Amount {
        guard minorUnits != Int64.min else {
            throw .overflow(operation: "-(\(decimalString))", currency: currency)
        }
        return Amount(minorUnits: -minorUnits, currency: currency)
    }

    /// `self × numerator ÷ denominator`, expressed in `target` and rounded half to even at the
    /// minor unit of `target`, exactly (no intermediate rounding, no floating point).
    ///
    /// The ratio is between **major** units: when the exponents differ, the minor units are
    /// rescaled. So 100.00 EUR × 100/92 into USD is 108.70 USD, 1500 JPY × 1/150 into USD is
    /// 10.00 USD, and 0.125 KWD × 1/1 into USD is 0.12 USD (half to even). For FX conversion
    /// pass the rate as a fraction; for a percentage p, pass p/100.
    /// - Throws: ``AmountError/divisionByZero`` when `denominator` is 0, and
    ///   ``AmountError/overflow(operation:currency:)`` when the result does not fit `Int64`.
    public func multiplied(
        by numerator: Int64,
        dividedBy denominator: Int64,
        into target: Currency
    ) throws(AmountError) -> Amount {
        guard denominator != 0 else { throw .divisionByZero }
        let shift = target.exponent - currency.exponent
        var dividend = WideNatural(minorUnits.magnitude).multiplied(by: numerator.magnitude)
        if shift > 0 { dividend = dividend.multiplied(by: Self.powerOfTen(shift)) }
        let magnitude = Self.roundedHalfEven(
            dividend,
            dividedBy: denominator.magnitude,
            thenBy: shift < 0 ? Self.powerOfTen(-shift) : 1
        )
        let negative = ((minorUnits < 0) != (numerator < 0)) != (denominator < 0)
        guard let result = Self.signed(magnitude.uint64Value, negative: negative) else {
            let operation = "\(decimalString) × \(numerator) / \(denominator) in \(target.code)"
            throw .overflow(operation: operation, currency: target)
        }
        return Amount(minorUnits: result, currency: target)
    }

    /// `dividend ÷ (divisor × scale)` rounded half to even.
    ///
    /// Divides in two steps, `dividend = q1·divisor + r1` then `q1 = q·scale + r2`, so the exact
    /// remainder is `r2·divisor + r1` out of `divisor·scale`; it is a half when twice it equals
    /// the whole.
    private static func roundedHalfEven(
        _ dividend: WideNatural,
        dividedBy divisor: UInt64,
        thenBy scale: UInt64
    ) -> WideNatural {
        precondition(divisor != 0 && scale != 0)
        let (firstQuotient, firstRemainder) = dividend.quotientAndRemainder(dividingBy: divisor)
        let (quotient, secondRemainder) = firstQuotient.quotientAndRemainder(dividingBy: scale)
        let twiceRemainder = WideNatural(secondRemainder)
            .multiplied(by: divisor)
            .adding(firstRemainder)
            .multiplied(by: 2)
        let whole = WideNatural(divisor).multiplied(by: scale)
        precondition(twiceRemainder < whole.multiplied(by: 2), "remainder is less than the whole")
        let roundsUp = whole < twiceRemainder || (twiceRemainder == whole && quotient.isOdd)
        return roundsUp ? quotient.adding(1) : quotient
    }

    private static func powerOfTen(_ exponent: Int) -> UInt64 {
        precondition((0...Limits.currencyExponentMax).contains(exponent))
        var result: UInt64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    private func requireSameCurrency(as other: Amount) throws(AmountError) {
        guard currency == other.currency else {
            throw .currencyMismatch(currency, other.currency)
        }
    }
}
