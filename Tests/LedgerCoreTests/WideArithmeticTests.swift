@testable import LedgerCore
import Testing

/// The internal wide integers under Amount.multiplied and BalanceRule, with limbs worked by hand.
@Suite("WideNatural and WideSum")
struct WideArithmeticTests {
    @Test("multiplication carries across limbs, including when the low half overflows")
    func multiplicationCarries() {
        // V = [2^64 − 1, y] with y = (2^64 − 6) / 10 = 1844674407370955161.
        // Limb 0 × 10 = 9·2^64 + (2^64 − 10): carry 9. Limb 1 × 10 = 2^64 − 6, and adding the
        // carry 9 wraps to 3 with a carry of 1. So V × 10 = [2^64 − 10, 3, 1].
        let value = WideNatural(1_844_674_407_370_955_161).multiplied(by: 1 << 32)
            .multiplied(by: 1 << 32).adding(.max)
        #expect(value.limbs == [.max, 1_844_674_407_370_955_161])
        #expect(value.multiplied(by: 10).limbs == [.max - 9, 3, 1])
    }

    @Test("max × max = [1, 2^64 − 2]")
    func maxSquared() {
        // (2^64 − 1)^2 = 2^128 − 2^65 + 1.
        #expect(WideNatural(.max).multiplied(by: .max).limbs == [1, .max - 1])
        #expect(WideNatural(0).multiplied(by: .max).limbs == [])
        #expect(WideNatural(7).multiplied(by: 0).limbs == [])
    }

    @Test("addition carries through every limb")
    func additionCarries() {
        let allOnes = WideNatural(.max).multiplied(by: 1 << 32).multiplied(by: 1 << 32)
            .adding(.max)  // 2^128 − 1
        #expect(allOnes.limbs == [.max, .max])
        #expect(allOnes.adding(1).limbs == [0, 0, 1])
    }

    @Test("division by a 64-bit divisor across limbs")
    func division() {
        // [2^64 − 10, 3, 1] ÷ 10 = [2^64 − 1, y] remainder 0 (the multiplication above).
        let product = WideNatural(1).multiplied(by: 1 << 32).multiplied(by: 1 << 32)
            .adding(3).multiplied(by: 1 << 32).multiplied(by: 1 << 32).adding(.max - 9)
        #expect(product.limbs == [.max - 9, 3, 1])
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 10)
        #expect(quotient.limbs == [.max, 1_844_674_407_370_955_161])
        #expect(remainder == 0)
        let (small, rest) = WideNatural(17).quotientAndRemainder(dividingBy: 5)
        #expect(small.uint64Value == 3)
        #expect(rest == 2)
    }

    @Test("comparison by magnitude")
    func comparison() {
        let big = WideNatural(1).multiplied(by: 1 << 32).multiplied(by: 1 << 32)  // 2^64
        #expect(WideNatural(.max) < big)
        #expect(!(big < WideNatural(.max)))
        #expect(big.uint64Value == nil)
        #expect(WideNatural(3) < WideNatural(4))
        #expect(WideNatural(4) == WideNatural(4))
        #expect(WideNatural(3).isOdd && !WideNatural(4).isOdd && !WideNatural(0).isOdd)
    }

    @Test("WideSum is exact beyond Int64 and returns to Int64 when it can")
    func wideSum() {
        var sum = WideSum()
        for value: Int64 in [.max, .max, .max] { sum.add(value) }
        #expect(sum.int64Value == nil)
        #expect(!sum.isZero)
        for value: Int64 in [-.max, -.max, -.max] { sum.add(value) }
        #expect(sum.isZero)
        #expect(sum.int64Value == 0)
        sum.add(.min)
        #expect(sum.int64Value == .min)
        sum.add(-1)
        #expect(sum.int64Value == nil)
        sum.add(2)
        #expect(sum.int64Value == .min + 1)
    }
}
