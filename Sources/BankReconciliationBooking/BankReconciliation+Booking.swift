public import LedgerCore
import LedgerJournal
public import LedgerStore
import TrustFund
import TrustFundRules

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

    /// Records the reconciliation in `store` (once per statement and account: a second time
    /// changes nothing) and requests its bank charges. `date` (the entry's date) and `keys` are
    /// asked for only when there is something to record.
    ///
    /// The entries are appended in one write, whose rules refuse a second `bank.reconcile` entry
    /// of the same ref: of two commits racing, one books and the other finds it booked.
    public func book(in store: any LedgerWriting, date: () throws -> LedgerDate, keys: () async throws -> WriteKeys) async throws -> Booking {
        if let seq = try await bookedSeq(in: store) { return .alreadyBooked(seq: seq) }
        let day = try date()
        let account = self.account
        let (controlled, requested) = try await store.withRuleState { state in
            (try FundSettings.isControlled("bank.charges", state: state), Set(try BankChargeRequests.standing(on: account, state: state).keys))
        }
        return try await append(
            to: store, drafts: drafts(date: day, chargesControlled: controlled, requested: requested), keys: try await keys())
    }

    /// The seq of the `bank.reconcile` entry of ``bookingRef``, or nil when there is none.
    func bookedSeq(in store: any LedgerReading) async throws -> UInt64? {
        try await store.entries(ofKinds: [.bankReconcile]).first(where: { $0.ref == bookingRef })?.seq
    }

    /// The drafts of the booking dated `day`: the charge requests (when `chargesControlled`, each
    /// dated on the bank's booking date of its line) of the lines whose bank id is not among those `requested` already (the same statement
    /// exported again has other bytes, and would request them twice), the `bank.reconcile`
    /// entry, and a seal of the balances as of the statement's last day.
    func drafts(date day: LedgerDate, chargesControlled: Bool, requested: Set<String> = []) throws -> (drafts: [EntryDraft], charges: [String]) {
        var drafts: [EntryDraft] = []
        var charges: [String] = []
        if chargesControlled {
            for (index, line) in self.charges.enumerated() where !(line.bankID.map(requested.contains) ?? false) {
                let chargeRef = "CHG-\(input.sha256.prefix(12))-\(index + 1)"
                charges.append(chargeRef)
                // Dated when the bank took them, so that the statement's closing balance agrees
                // once they are booked (dated at the commit, a March charge committed in April
                // left March's closing balance short of it for good).
                drafts.append(FundDrafts.bankChargesRequest(
                    account: account, amount: try line.amount.negated(), bankID: line.bankID, date: line.bookingDate, ref: chargeRef))
            }
        }
        drafts.append(EntryDraft(kind: .bankReconcile, date: day, ref: bookingRef, memo: "Reconciliation of \(input.fileName)",
                                 data: commitData(charges: charges)))
        // The books' balances as of the statement's last day, sealed with the reconciliation.
        drafts.append(.balancesSeal(asOf: min(to, day), date: day, memo: "Balances as of the reconciled statement \(input.fileName)"))
        return (drafts, charges)
    }

    /// Appends `drafts` in one write. When the rules refuse a duplicate ref because another
    /// commit booked this statement since ``bookedSeq(in:)`` looked, the booking is that one.
    func append(to store: any LedgerWriting, drafts: (drafts: [EntryDraft], charges: [String]), keys: WriteKeys) async throws -> Booking {
        do {
            let entries = try await store.append(drafts.drafts, keys: keys, origin: nil)
            let booked = entries.last { $0.body.kind == .bankReconcile }
            return .booked(seq: booked?.body.seq ?? 0, pairs: result.matches.count, chargeRequests: drafts.charges)
        } catch let violation as RuleViolation where violation.code == .duplicateRef {
            guard let seq = try await bookedSeq(in: store) else { throw violation }
            return .alreadyBooked(seq: seq)
        }
    }
}
