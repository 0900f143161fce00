/// A value axis from zero for non-negative minor units: a 1-2-5 step (…, 10, 20, 50, 100, …)
/// giving at most `targetTicks` intervals up to the maximum. Integer arithmetic only, checked
/// for overflow.
struct ChartScale {
    /// The distance between ticks, in minor units.
    let step: Int64
    /// The tick values from 0 to the top of the axis.
    let values: [Int64]
    /// The top of the axis (the last tick).
    var top: Int64 { values.last ?? step }

    init(maximum: Int64, targetTicks: Int64 = 5) {
        let step = Self.niceStep(atLeast: maximum, ticks: targetTicks)
        let intervals = max(1, maximum / step + (maximum % step == 0 ? 0 : 1))
        self.step = step
        self.values = (0...intervals).compactMap { index in
            let (value, overflow) = step.multipliedReportingOverflow(by: index)
            return overflow ? nil : value
        }
    }

    /// `value`'s share of `length` as `value` is of the top, rounded down (0 ≤ value ≤ top).
    func tenths(_ value: Int64, of length: Int) -> Int {
        guard top > 0 else { return 0 }
        let clamped = min(max(0, value), top)
        let product = clamped.multipliedFullWidth(by: Int64(length))
        return Int(top.dividingFullWidth(product).quotient)
    }

    /// The smallest 1-2-5 step with `ticks` steps reaching `maximum`.
    private static func niceStep(atLeast maximum: Int64, ticks: Int64) -> Int64 {
        var magnitude: Int64 = 1
        while true {
            for multiple: Int64 in [1, 2, 5] {
                let step = magnitude * multiple
                let (reach, overflow) = step.multipliedReportingOverflow(by: ticks)
                if overflow || reach >= maximum { return step }
            }
            let (next, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            if overflow { return magnitude * 5 }
            magnitude = next
        }
    }

    /// `base` to the power `exponent` (small exponents; 0 on overflow).
    static func power(of base: Int64, _ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<max(0, exponent) {
            let (next, overflow) = result.multipliedReportingOverflow(by: base)
            if overflow { return 0 }
            result = next
        }
        return result
    }
}
