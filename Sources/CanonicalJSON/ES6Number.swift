/// ECMAScript `Number::toString(x)` for finite doubles: the JCS number form (RFC 8785 §3.2.2.3).
///
/// Integers below 2^53 in magnitude are printed directly. Other values take the shortest
/// round-trip digits from Swift's `Double.description` (which, like ECMAScript, picks the
/// shortest digit string and, among those, the one closest to the exact value), then lay them
/// out by the ECMAScript rules.
enum ES6Number {
    /// Appends the ES form of `value`. Precondition: finite.
    static func write(_ value: Double, into out: inout [UInt8]) {
        precondition(value.isFinite, "ES6Number.write: non-finite value")
        if value == 0 {
            out.append(ASCII.zero)  // +0 and -0 alike
            return
        }
        if value.magnitude < 0x1p53, Double(Int64(value)) == value {
            writeInteger(Int64(value), into: &out)
            return
        }
        if value < 0 { out.append(ASCII.minus) }
        var text = value.magnitude.description
        text.withUTF8 { description in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: description.count) { digits in
                let decimal = Decimal(parsing: description, digits: digits)
                decimal.layOut(into: &out)
            }
        }
    }

    /// Appends the decimal digits of `value`.
    static func writeInteger(_ value: Int64, into out: inout [UInt8]) {
        if value < 0 { out.append(ASCII.minus) }
        var remaining = value.magnitude
        let start = out.count
        repeat {
            out.append(ASCII.zero + UInt8(remaining % 10))
            remaining /= 10
        } while remaining > 0
        out[start...].reverse()
    }

    /// A positive decimal 0.d1d2...dk × 10^n with d1 != 0 and dk != 0 (ECMAScript's k and n).
    private struct Decimal {
        let digits: UnsafeMutableBufferPointer<UInt8>
        let first: Int
        let end: Int
        let n: Int

        var k: Int { end - first }

        /// Reads Swift's `description` form: `ddd`, `d.ddd`, optionally `e±dd`.
        init(parsing text: UnsafeBufferPointer<UInt8>, digits: UnsafeMutableBufferPointer<UInt8>) {
            var count = 0
            var pointPosition: Int?
            var exponent = 0
            var exponentSign = 1
            var inExponent = false
            for byte in text {
                switch byte {
                case ASCII.dot: pointPosition = count
                case ASCII.lowerE, ASCII.upperE: inExponent = true
                case ASCII.minus: exponentSign = -1
                case ASCII.plus: break
                default:
                    let digit = byte &- ASCII.zero
                    precondition(digit < 10, "unexpected Double.description form")
                    if inExponent {
                        exponent = exponent * 10 + Int(digit)
                    } else {
                        digits[count] = digit
                        count += 1
                    }
                }
            }
            var first = 0
            var point = pointPosition ?? count
            while first < count - 1, digits[first] == 0 {
                first += 1
                point -= 1
            }
            var end = count
            while end > first + 1, digits[end - 1] == 0 { end -= 1 }
            precondition(digits[first] != 0, "Decimal: zero has no ES digits here")
            self.digits = digits
            self.first = first
            self.end = end
            self.n = point + exponentSign * exponent
        }

        /// ECMAScript Number::toString steps 6–10 (positive values).
        func layOut(into out: inout [UInt8]) {
            if k <= n && n <= 21 {
                appendDigits(first..<end, into: &out)
                out.append(contentsOf: repeatElement(ASCII.zero, count: n - k))
            } else if 0 < n && n <= 21 {
                appendDigits(first..<(first + n), into: &out)
                out.append(ASCII.dot)
                appendDigits((first + n)..<end, into: &out)
            } else if -6 < n && n <= 0 {
                out.append(ASCII.zero)
                out.append(ASCII.dot)
                out.append(contentsOf: repeatElement(ASCII.zero, count: -n))
                appendDigits(first..<end, into: &out)
            } else {
                appendDigits(first..<(first + 1), into: &out)
                if k > 1 {
                    out.append(ASCII.dot)
                    appendDigits((first + 1)..<end, into: &out)
                }
                out.append(ASCII.lowerE)
                out.append(n - 1 < 0 ? ASCII.minus : ASCII.plus)
                ES6Number.writeInteger(Int64((n - 1).magnitude), into: &out)
            }
        }

        private func appendDigits(_ range: Range<Int>, into out: inout [UInt8]) {
            for index in range {
                out.append(ASCII.zero + digits[index])
            }
        }
    }
}
