import CanonicalJSON
public import LedgerCore
import LedgerJournal
public import TrustFundRules
import TransparencyLog
public import LedgerStore

/// Where a contribution agreement stands on a date: what it received, what approved write-offs
/// took off, what is still outstanding, and what is left of each instalment once the settled
/// money has paid the oldest first. Read from the journal as the receivable (1200.DONOR) is: a
/// receipt counts from its date, a write-off from its approval's date, and the approved reversal
/// of either takes it out on the reversal's date. The receivables report, the receivables
/// check, `agreement list` and donor statements all read agreements through it.
public struct AgreementPosition: Sendable {
    /// One instalment of the agreement's schedule, in the agreement's currency.
    public struct Instalment: Sendable, Equatable {
        /// The day it falls due.
        public let due: LedgerDate
        /// What the agreement schedules for that day.
        public let amount: Amount
        /// What is still unpaid of it on the date.
        public let outstanding: Amount
    }

    /// The agreement's terms.
    public let agreement: AgreementRecord
    /// The agreement's currency; every amount of the position is in it.
    public var currency: Currency { agreement.currency }
    /// The agreed amount.
    public var amount: Amount { agreement.amount }
    /// Receipts applied to the agreement, dated up to the date, reversals netted.
    public let received: Amount
    /// Approved write-offs dated up to the date, reversals netted.
    public let writtenOff: Amount
    /// amount − received − written off.
    public let outstanding: Amount
    /// Its instalments by due date, each with what is left of it.
    public let instalments: [Instalment]

    /// The id of the donor who signed the agreement.
    public var donor: String { agreement.donor }

    /// Every agreement signed on or before `date` (nil: every agreement, on the journal's last
    /// date), by ref.
    public static func all(_ ledger: any StoreSnapshot, asOf date: LedgerDate?) throws -> [AgreementPosition] {
        let records = try ledger.agreementRecords().filter { record in date.map { record.date <= $0 } ?? true }
        let movements = try AgreementMovements(ledger, agreements: records)
        return try records.map { record in
            try AgreementPosition(record, asOf: date, movements: movements.movements[record.ref] ?? [])
        }
    }

    init(_ agreement: AgreementRecord, asOf date: LedgerDate?, movements: [AgreementMovements.Movement]) throws {
        self.agreement = agreement
        let currency = agreement.currency
        let dated = movements.filter { movement in date.map { movement.date <= $0 } ?? true }
        received = try Money.sum(dated.map(\.received), currency)
        writtenOff = try Money.sum(dated.map(\.writtenOff), currency)
        let settled = try received.adding(writtenOff)
        outstanding = try agreement.amount.subtracting(settled)
        instalments = try Self.allocate(settled, to: agreement)
    }

    /// The instalments by due date, `settled` paying the oldest first.
    static func allocate(_ settled: Amount, to agreement: AgreementRecord) throws -> [Instalment] {
        var left = settled
        let items = agreement.instalments.sorted { $0.due < $1.due }
        return try items.map { item in
            let paid = left.minorUnits >= item.amount.minorUnits ? item.amount : left
            left = try left.subtracting(paid)
            return Instalment(due: item.due, amount: item.amount, outstanding: try item.amount.subtracting(paid))
        }
    }
}

/// What each journal entry did to each agreement: a receipt (or the application of a receipt
/// held in suspense) the amount it took off the donor's receivable, the approval of a write-off
/// the amount written off; an approved reversal of one of them the same negated, on its own date.
struct AgreementMovements {
    struct Movement: Sendable, Equatable {
        let seq: UInt64
        let date: LedgerDate
        let received: Amount
        let writtenOff: Amount
    }

    /// Movements by agreement ref, in entry order.
    private(set) var movements: [String: [Movement]] = [:]

    init(_ ledger: any StoreSnapshot, agreements: [AgreementRecord]) throws {
        let byRef = Dictionary(agreements.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        let requests = Dictionary(try ledger.requestRecords().map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        let reversing = Dictionary(try ledger.reversals().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var originals: [UInt64: (agreement: String, movement: Movement)] = [:]
        for entry in try ledger.entries(ofKinds: [.contributionReceive, .contributionApply, .approvalApprove, .reversal]) {
            if let target = reversing[entry.seq] {
                guard let (agreement, original) = originals[target] else { continue }
                movements[agreement, default: []].append(Movement(
                    seq: entry.seq, date: entry.date, received: try original.received.negated(), writtenOff: try original.writtenOff.negated()))
                continue
            }
            guard let (agreement, movement) = try Self.movement(of: entry, byRef, requests) else { continue }
            originals[entry.seq] = (agreement, movement)
            movements[agreement, default: []].append(movement)
        }
    }

    /// What an entry that is not a reversal did to the agreement it names; nil for none.
    static func movement(
        of entry: EntryBody, _ agreements: [String: AgreementRecord], _ requests: [String: RequestRecord]
    ) throws -> (String, Movement)? {
        switch entry.kind {
        case .contributionReceive, .contributionApply:
            guard let ref = entry.data["agreement"]?.stringValue, let record = agreements[ref] else { return nil }
            let currency = record.currency
            let receivable = try FundChart.receivables.sub(record.donor)
            let credited = try Money.sum(
                entry.postings.filter { $0.account == receivable && $0.amount.currency == currency }.map(\.amount), currency)
            return (ref, Movement(seq: entry.seq, date: entry.date, received: try credited.negated(), writtenOff: .zero(currency)))
        case .approvalApprove:
            guard let request = entry.data["request"]?.stringValue.flatMap({ requests[$0] }),
                request.action == "receivable.write-off", let ref = request.params["agreement"]?.stringValue,
                let record = agreements[ref]
            else { return nil }
            let currency = record.currency
            return (ref, Movement(seq: entry.seq, date: entry.date, received: .zero(currency), writtenOff: try Money.parse(request.params["amount"], currency)))
        default:
            return nil
        }
    }
}
