import LedgerStore

extension AnnualReport {
    /// HOOK for the budget comparison (IPSAS 24, issue 11's `vtf report budget`): the statement
    /// of comparison of budget and actual amounts for `year`, once a budget report exists to
    /// build it from; until then nil, and the report says so in its notes
    /// (``AnnualPhrase/budgetNotAvailable``).
    static func budgetComparison(_ ledger: LedgerFile, year: Int, hasPrior: Bool) throws -> AnnualStatement? {
        nil
    }
}
