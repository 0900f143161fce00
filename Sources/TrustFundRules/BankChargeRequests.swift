public import LedgerCore
public import LedgerJournal

/// The bank charges requested per bank line: a line is charged once (the rule of
/// `bank.charges` requests), and a reconciliation committed again from a statement exported
/// again (other bytes, same lines) requests only the lines not yet requested.
public enum BankChargeRequests {
    /// The `bank.charges` requests on `account` that still stand (waiting or approved; a rejected
    /// or reversed one may be asked again), by the bank line id they name.
    public static func standing(on account: AccountCode, state: some LedgerStateReading) throws -> [String: RequestRecord] {
        var standing: [String: RequestRecord] = [:]
        for stored in try state.records(RequestRecord.collection) {
            let request = try RequestRecord(stored)
            guard request.requestAction == .bankCharges, request.params["account"] == .string(account.rawValue),
                request.status.isOpen || request.status == .approved, let bankID = request.params["bank_id"]?.stringValue
            else { continue }
            standing[bankID] = request
        }
        return standing
    }
}
