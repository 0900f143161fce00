/// One line of a journal entry: an amount on an account, and what it is worth in the fund's
/// functional currency. Debits are positive, credits negative.
///
/// `amount` is in the transaction currency; `value` is the same line in the fund currency at the
/// rate used (for a fund-currency line, `value == amount`). An FX difference is a line whose
/// `amount` is zero and whose `value` is not.
public struct Posting: Hashable, Sendable {
    /// The account the line is posted to.
    public let account: AccountCode
    /// The amount in the transaction currency; positive debits, negative credits.
    public let amount: Amount
    /// The amount's worth in the fund's functional currency, with the same sign convention.
    public let value: Amount

    /// A line of `amount` on `account`, worth `value` in the fund currency. The rules between
    /// lines are checked by ``BalanceRule/check(_:fundCurrency:)``, not here.
    public init(account: AccountCode, amount: Amount, value: Amount) {
        self.account = account
        self.amount = amount
        self.value = value
    }
}
