/// The plain-text accounting tools whose journals vtf writes (`vtf export hledger|ledger|beancount`).
public enum PlainTextFormat: String, CaseIterable, Sendable {
    /// hledger's journal: amounts in their own currencies, each foreign amount with its value in
    /// the fund currency as a total cost (`100.00 EUR @@ 110.00 USD`), so `hledger bal -B` gives
    /// values and `hledger bal` amounts.
    case hledger
    /// Ledger's journal: amounts in their own currencies, each with its value in a typed posting
    /// tag (`; FundValue:: 110.00 USD`), and a posting per currency to `Equity:_conversion` where a
    /// transaction's amounts do not balance in that currency. No cost annotations: ledger 3.3
    /// keeps each `@@` total as a lot of its own, and its `bal` then slows more than
    /// quadratically with the number of transactions. (The tag is not `Value`: ledger reads a
    /// tag of that name as a valuation expression, and its reports then take a hundred times as long.)
    case ledger
    /// Beancount's input: accounts opened under its five roots, amounts with their values as
    /// total costs, as for hledger.
    case beancount
}
