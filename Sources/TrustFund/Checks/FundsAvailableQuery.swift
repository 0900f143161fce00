public import LedgerCore
public import LedgerStore
public import TrustFundRules

extension StoreSnapshot {
    /// The funds available on `date` (`FundsAvailable`), computed by the rules' own code over
    /// the ledger's state.
    public func fundsAvailable(asOf date: LedgerDate) throws -> FundsAvailable {
        try withRuleState { state in try FundsAvailable.compute(state, asOf: date) }
    }
}
