public import LedgerCore
import LedgerJournal
public import LedgerStore
public import SQLiteStore
import TrustFund

/// Booking a reconciliation: a signed `bank.reconcile` entry (the statement's SHA-256, its
/// period and the matched pairs) and, on a fund ledger whose bank charges are controlled, a
/// request for each bank charge found on the statement (booked when certified and approved).
extension BankReconciliation {
    /// What ``book(in:date:keys:)`` did.
    public enum Booking: Sendable, Equatable {
        /// The statement was committed for this account before, in entry `seq`; nothing changed.
        case alreadyBooked(seq: UInt64)
        /// Recorded: the `bank.reconcile` entry `seq` with `pairs` matched pairs, after the bank
        /// charges requested (their refs, in statement order).
        case booked(seq: UInt64, pairs: Int, chargeRequests: [String])
    }

    /// The ref of the `bank.reconcile` entry: the statement's SHA-256 and the account, so one
    /// statement is committed once per account.
    public var bookingRef: String { "\(input.sha256)/\(account)" }

    /// Records the reconciliation in `ledger` (once per statement and account: a second time
    /// changes nothing) and requests its bank charges. `date` (the entry's date) and `keys` are
    /// asked for only when there is something to record.
    public func book(in ledger: LedgerFile, date: () throws -> LedgerDate, keys: () throws -> WriteKeys) throws -> Booking {
        if let existing = try ledger.entries(ofKinds: [.bankReconcile]).first(where: { $0.ref == bookingRef }) {
            return .alreadyBooked(seq: existing.seq)
        }
        let day = try date()
        var drafts: [EntryDraft] = []
        var charges: [String] = []
        if try ledger.isControlled("bank.charges") {
            for (index, line) in self.charges.enumerated() {
                let chargeRef = "CHG-\(input.sha256.prefix(12))-\(index + 1)"
                charges.append(chargeRef)
                drafts.append(FundDrafts.bankChargesRequest(
                    account: account, amount: try line.amount.negated(), bankID: line.bankID, date: day, ref: chargeRef))
            }
        }
        drafts.append(EntryDraft(kind: .bankReconcile, date: day, ref: bookingRef, memo: "Reconciliation of \(input.fileName)",
                                 data: commitData(charges: charges)))
        let entries = try ledger.append(drafts, keys: try keys())
        return .booked(seq: entries.last?.body.seq ?? 0, pairs: result.matches.count, chargeRequests: charges)
    }
}
