public import LedgerCore
public import LedgerJournal
import TrustFundRules

extension FundDrafts {
    /// An admin's delegation (`key.delegate`) to an officer's key: the officer may certify or
    /// approve requests worth at most `limit` (in the fund currency) from `from` to `to`. The
    /// latest delegation to a key replaces the one before.
    public static func delegation(keyID: String, limit: Amount, from: LedgerDate, to: LedgerDate, date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .keyDelegate, date: date, data: EntryData.object(DelegationData(keyID: keyID, limit: limit, from: from, to: to)))
    }
}
