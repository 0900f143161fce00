/// The kind of an account, which fixes where it appears in the statements.
public enum AccountType: String, Sendable, CaseIterable, Codable {
    /// Something the fund owns or is owed (cash, receivables, advances). Debit-normal.
    case asset
    /// Something the fund owes (payables, deferred revenue, refunds due). Credit-normal.
    case liability
    /// The fund balance: accumulated surplus and reserves. Credit-normal.
    case netAssets = "net-assets"
    /// Contributions, interest and gains. Credit-normal.
    case revenue
    /// Grants, support costs, fees and losses. Debit-normal.
    case expense
    /// Off-balance-sheet tracking (pledges, open commitments); not part of the statements.
    case memo
}
