import LedgerJournal
import CanonicalJSON
import LedgerCore

/// A fund record whose amounts (decimal strings, all in one currency) the rules read and update.
protocol MoneyRecord {
    var fields: JSONObject { get set }
    var currency: Currency { get }
}

extension MoneyRecord {
    /// The amount stored under `name` (written by the rules, so always valid).
    func amount(_ name: String) throws(RuleViolation) -> Amount { try Amount.stored(fields[name]?.stringValue ?? "", currency) }

    /// The amount stored under `name`, zero when the record has none yet.
    func amountOrZero(_ name: String) throws(RuleViolation) -> Amount { fields[name] == nil ? .zero(currency) : try amount(name) }

    mutating func set(_ name: String, _ amount: Amount) { fields[name] = .string(amount.decimalString) }
}
