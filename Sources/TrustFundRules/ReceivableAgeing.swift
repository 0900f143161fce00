public import LedgerJournal
import CanonicalJSON
public import LedgerCore

/// The ageing of a receivable's outstanding instalments on a date: receipts and write-offs pay
/// the oldest instalment first; what is left of each falls in a bucket by days past its due
/// date. The impairment request keeps it as its basis, computed by the rules (so `vtf verify`
/// computes it again).
public enum ReceivableAgeing {
    /// Not yet due, 0–90, 91–180, 181–365 and over 365 days past due.
    public static let buckets = ["not_due", "days_0_90", "days_91_180", "days_181_365", "over_365"]

    /// The bucket of an instalment `days` past its due date (negative: not yet due).
    public static func bucket(daysOverdue days: Int) -> Int {
        switch days {
        case ..<0: 0
        case 0...90: 1
        case 91...180: 2
        case 181...365: 3
        default: 4
        }
    }

    /// What is outstanding per bucket of ``buckets`` on `asOf`, `settled` paying the oldest first.
    public static func compute(_ instalments: [(due: LedgerDate, amount: Amount)], settled: Amount, asOf: LedgerDate) throws(RuleViolation) -> [Amount] {
        var result = buckets.map { _ in Amount.zero(settled.currency) }
        var left = settled
        for item in instalments.sorted(by: { $0.due < $1.due }) {
            let paid = left.minorUnits >= item.amount.minorUnits ? item.amount : left
            left = try left.minus(paid)
            let open = try item.amount.minus(paid)
            guard !open.isZero else { continue }
            let index = bucket(daysOverdue: asOf.ordinalDay - item.due.ordinalDay)
            result[index] = try result[index].plus(open)
        }
        return result
    }

    static func json(_ ageing: [Amount], asOf: LedgerDate) -> JSONValue {
        var object: JSONObject = ["as_of": .string(asOf.description)]
        for (name, amount) in zip(buckets, ageing) { object[name] = .string(amount.decimalString) }
        return .object(object)
    }
}
