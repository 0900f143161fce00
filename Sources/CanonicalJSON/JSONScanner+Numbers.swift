extension JSONScanner {
    /// Parses `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` to the nearest double.
    ///
    /// Short numbers (up to 19 significant digits, value below 2^53, power of ten within ±22)
    /// are converted exactly with one multiplication or division (Clinger's fast path); others
    /// go through the C library's correctly rounded `strtod`.
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        var digits = DecimalDigits()
        let negative = input[position] == ASCII.minus
        if negative { position += 1 }
        try scanIntegerPart(into: &digits, numberStart: start)
        try scanFraction(into: &digits)
        try scanExponent(into: &digits)
        if let exact = digits.exactValue(negative: negative) {
            return .number(exact)
        }
        return .number(try slowValue(from: start))
    }

    private mutating func scanIntegerPart(
        into digits: inout DecimalDigits, numberStart: Int
    ) throws(JSONParseError) {
        guard position < input.count, ASCII.isDigit(input[position]) else {
            throw error(
                "expected a digit after '-', found \(describeByte(at: position))", at: position)
        }
        if input[position] == ASCII.zero {
            position += 1
            if position < input.count, ASCII.isDigit(input[position]) {
                throw error("leading zeros are not allowed in numbers", at: numberStart)
            }
            return
        }
        while position < input.count, ASCII.isDigit(input[position]) {
            digits.append(input[position] - ASCII.zero, isFraction: false)
            position += 1
        }
    }

    private mutating func scanFraction(into digits: inout DecimalDigits) throws(JSONParseError) {
        guard position < input.count, input[position] == ASCII.dot else { return }
        position += 1
        guard position < input.count, ASCII.isDigit(input[position]) else {
            throw error(
                "expected a digit after '.', found \(describeByte(at: position))", at: position)
        }
        while position < input.count, ASCII.isDigit(input[position]) {
            digits.append(input[position] - ASCII.zero, isFraction: true)
            position += 1
        }
    }

    private mutating func scanExponent(into digits: inout DecimalDigits) throws(JSONParseError) {
        guard position < input.count, input[position] | 0x20 == ASCII.lowerE else { return }
        position += 1
        var negative = false
        if position < input.count, input[position] == ASCII.plus || input[position] == ASCII.minus {
            negative = input[position] == ASCII.minus
            position += 1
        }
        guard position < input.count, ASCII.isDigit(input[position]) else {
            throw error(
                "expected a digit in the exponent, found \(describeByte(at: position))",
                at: position)
        }
        var exponent = 0
        while position < input.count, ASCII.isDigit(input[position]) {
            // Clamped: anything this large over- or underflows a double anyway.
            exponent = min(exponent * 10 + Int(input[position] - ASCII.zero), 1_000_000)
            position += 1
        }
        digits.exponent += negative ? -exponent : exponent
    }

    private func slowValue(from start: Int) throws(JSONParseError) -> Double {
        let text = String(decoding: input.extracting(start..<position), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            let shown = text.count > 40 ? String(text.prefix(37)) + "..." : text
            throw error(
                "number \(shown) is out of range for an I-JSON number (IEEE-754 double)", at: start)
        }
        return value
    }
}

/// The significant digits of a decimal literal, kept while they fit exactly.
struct DecimalDigits {
    /// The digits seen so far as an integer (leading zeros contribute nothing).
    var mantissa: UInt64 = 0
    /// How many digits `mantissa` holds (not counting leading zeros).
    var count = 0
    /// Whether some nonzero digit did not fit in `mantissa`.
    var truncated = false
    /// Power of ten to apply to `mantissa`.
    var exponent = 0

    private static let maxDigits = 19

    mutating func append(_ digit: UInt8, isFraction: Bool) {
        if count < Self.maxDigits {
            mantissa = mantissa * 10 + UInt64(digit)
            if mantissa != 0 { count += 1 }
            if isFraction { exponent -= 1 }
        } else {
            truncated = true
            if !isFraction { exponent += 1 }
        }
    }

    /// The exact double when one IEEE operation gives the correctly rounded result.
    func exactValue(negative: Bool) -> Double? {
        if mantissa == 0 && !truncated { return negative ? -0.0 : 0.0 }
        guard !truncated, mantissa <= 1 << 53, (-22...22).contains(exponent) else { return nil }
        var value = Double(mantissa)
        let scale = Self.powerOfTen(exponent.magnitude)
        value = exponent < 0 ? value / scale : value * scale
        return negative ? -value : value
    }

    /// 10^n for 0 <= n <= 22, all exact doubles.
    private static func powerOfTen(_ n: UInt) -> Double {
        var result = 1.0
        var base = 10.0
        var remaining = n
        while remaining > 0 {
            if remaining & 1 == 1 { result *= base }
            base *= base
            remaining >>= 1
        }
        return result
    }
}
