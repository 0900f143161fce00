import LedgerJournal
import LedgerCore

extension FundContext {
    /// The entry's data read as `type` (its kind's data type), strictly: a missing member, one
    /// of the wrong type or an unknown one is refused naming it. Amounts that do not name their
    /// currency are in `currency`, the fund currency unless given.
    func decode<T: Decodable>(_ type: T.Type, currency: Currency? = nil) throws(RuleViolation) -> T {
        try data.decode(type, userInfo: [.amountCurrency: currency ?? fundCurrency])
    }

    /// `amount`, refused unless it is more than zero; `name` is its member.
    @discardableResult
    func positive(_ amount: Amount, _ name: String) throws -> Amount {
        try notNegative(amount, name)
        guard amount.minorUnits > 0 else { throw refuse(.badField, "\(name) must be more than zero, not \(amount.decimalString)") }
        return amount
    }

    /// `amount`, refused when it is below zero; `name` is its member.
    @discardableResult
    func notNegative(_ amount: Amount, _ name: String) throws -> Amount {
        guard amount.minorUnits >= 0 else { throw refuse(.badField, "\(name) may not be negative (\(amount.decimalString))") }
        return amount
    }

    /// Refuses a text member that is empty, longer than `max` or holds a control character.
    func checkText(_ value: String, _ name: String, max: Int) throws(RuleViolation) {
        try JSONFields.checkText(value, name: name, max: max, context: data.context)
    }
}
