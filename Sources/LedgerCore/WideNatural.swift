/// A non-negative integer of a few 64-bit limbs: just enough exact arithmetic to multiply an
/// `Int64` amount by an `Int64` ratio and a power of ten, and to round the quotient, without
/// `Int128` (which needs macOS 15) and without ever wrapping.
struct WideNatural: Comparable {
    /// Little-endian 64-bit limbs with no zero limb at the top; zero has no limbs.
    private(set) var limbs: [UInt64]

    /// The value `value`.
    init(_ value: UInt64) {
        limbs = value == 0 ? [] : [value]
    }

    private init(limbs: [UInt64]) {
        var trimmed = limbs
        while trimmed.last == 0 { trimmed.removeLast() }
        self.limbs = trimmed
    }

    /// Whether the value is odd.
    var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    /// The value, when it fits in 64 bits.
    var uint64Value: UInt64? {
        switch limbs.count {
        case 0: 0
        case 1: limbs[0]
        default: nil
        }
    }

    /// `self × factor`, exactly.
    func multiplied(by factor: UInt64) -> WideNatural {
        var result: [UInt64] = []
        result.reserveCapacity(limbs.count + 1)
        var carry: UInt64 = 0
        for limb in limbs {
            let product = limb.multipliedFullWidth(by: factor)
            let (low, overflow) = product.low.addingReportingOverflow(carry)
            // product.high ≤ 2^64 − 2, so adding 1 cannot wrap.
            carry = product.high + (overflow ? 1 : 0)
            result.append(low)
        }
        result.append(carry)
        return WideNatural(limbs: result)
    }

    /// `self + addend`, exactly.
    func adding(_ addend: UInt64) -> WideNatural {
        var result = limbs
        var carry = addend
        var index = 0
        while carry != 0 {
            if index == result.count { result.append(0) }
            let (sum, overflow) = result[index].addingReportingOverflow(carry)
            result[index] = sum
            carry = overflow ? 1 : 0
            index += 1
        }
        return WideNatural(limbs: result)
    }

    /// Truncating division by a non-zero 64-bit divisor.
    func quotientAndRemainder(
        dividingBy divisor: UInt64
    ) -> (quotient: WideNatural, remainder: UInt64) {
        precondition(divisor != 0, "division by zero")
        var quotient = [UInt64](repeating: 0, count: limbs.count)
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            // remainder < divisor, so the two-limb dividend's quotient fits in one limb.
            let step = divisor.dividingFullWidth((high: remainder, low: limbs[index]))
            quotient[index] = step.quotient
            remainder = step.remainder
        }
        precondition(remainder < divisor)
        return (WideNatural(limbs: quotient), remainder)
    }

    /// Compares by magnitude.
    static func < (lhs: WideNatural, rhs: WideNatural) -> Bool {
        guard lhs.limbs.count == rhs.limbs.count else { return lhs.limbs.count < rhs.limbs.count }
        for index in lhs.limbs.indices.reversed() where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }
}

/// An exact running sum of `Int64` values as a 128-bit two's-complement number, so that the
/// verdict "these postings balance" never depends on their order or on an intermediate overflow.
struct WideSum {
    private var high: Int64 = 0
    private var low: UInt64 = 0
    private var termCount = 0

    /// Adds `value`. At most 2^62 terms (far beyond any limit), so `high` cannot overflow.
    mutating func add(_ value: Int64) {
        precondition(termCount < (1 << 62))
        let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: value))
        low = sum
        high += (value < 0 ? -1 : 0) + (carry ? 1 : 0)
        termCount += 1
    }

    /// Whether the sum is exactly zero.
    var isZero: Bool { high == 0 && low == 0 }

    /// The sum, when it fits in `Int64`.
    var int64Value: Int64? {
        let asInt64 = Int64(bitPattern: low)
        let signExtension: Int64 = asInt64 < 0 ? -1 : 0
        return high == signExtension ? asInt64 : nil
    }
}
