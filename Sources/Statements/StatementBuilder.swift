import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
public import LedgerStore
import TrustFund

/// Builds a donor's statement from the ledger: what it signed, pledged, paid and was refunded,
/// what it still owes by instalment, and how the fund used its money in the period; every
/// receipt and refund with its journal line and inclusion proof to the checkpoint it names.
public enum StatementBuilder {
    /// The statement of donor `donorID` for `from`...`to`, issued on `issued`, after a
    /// `CheckedJournal` read of the ledger.
    /// - Throws: ``StatementError`` for an unknown donor or a ledger that is not a fund ledger;
    ///   `StoreError` (exit status 3) when the ledger's tables do not match its journal.
    public static func build(
        _ ledger: any StoreSnapshot, donor donorID: String, from: LedgerDate, to: LedgerDate, issued: LedgerDate
    ) throws -> DonorStatement {
        try build(ledger, checked: try CheckedJournal.check(ledger), donor: donorID, from: from, to: to, issued: issued)
    }

    /// The statement of donor `donorID`, from a ledger `checked` in this run (one check serves
    /// every donor of `statement --all`). Nothing here reads a table that `checked` did not
    /// compare with the journal; the audits are only cosignatures that verify with an auditor
    /// key the journal registered.
    public static func build(
        _ ledger: any StoreSnapshot, checked: CheckedJournal, donor donorID: String, from: LedgerDate, to: LedgerDate,
        issued: LedgerDate
    ) throws -> DonorStatement {
        guard from <= to else { throw StatementError("--from \(from) is after --to \(to)") }
        // A statement speaks of what happened, or of the year in course: one for a period ending
        // in 2999 was signed as if the books of years to come were known.
        let yearEnd = try LedgerDate(parsing: String(format: "%04d-12-31", issued.year))
        guard to <= yearEnd else {
            throw StatementError("--to \(to) is after the end of \(issued.year), the year the statement is issued in: a statement covers days that have passed, or the year in course")
        }
        guard let settings = try ledger.settings() else { throw StatementError("the ledger has no genesis entry") }
        guard let donorRecord = try ledger.donorRecord(donorID) else {
            throw StatementError("there is no donor \(donorID) (vtf donor list shows them)")
        }
        let currency = settings.currency
        let positions = try AgreementPosition.all(ledger, asOf: to).filter { $0.donor == donorID }
        let reversed = try ledger.reversedEntries()
        let receipts = try ContributionReceipts.list(
            ledger, agreements: Set(positions.map(\.agreement.ref)), from: from, to: to, reversed: reversed, fundCurrency: currency)
        let refunds = try refundList(ledger, donorID: donorID, from: from, to: to, currency: currency, reversed: reversed)
        let listed = (receipts + refunds).map(\.seq)
        let seals = try latestSeals(ledger, asOf: [from.addingClamped(days: -1), to])
        let (note, size, auditors) = try checkpoint(ledger, checked: checked, covering: to, listed: listed + seals)
        var statement = DonorStatement(
            fund: .init(name: settings.fundName, origin: settings.origin, currency: currency),
            donor: .init(
                id: donorID, name: donorRecord.name, type: donorRecord.type, country: donorRecord.country),
            from: from, to: to, issued: issued,
            agreements: try positions.map { try agreement($0, fundCurrency: currency) },
            pledges: try pledges(ledger, donorID: donorID, to: to, fundCurrency: currency),
            receipts: try receipts.map { try proved($0, ledger: ledger, size: size) },
            refunds: try refunds.map { try proved($0, ledger: ledger, size: size) },
            fundUse: try FundUseFigures.compute(ledger, checked: checked, from: from, to: to, currency: currency),
            checkpoint: note, checkpointSize: size, auditedBy: auditors)
        statement.proofs = try StatementProofs.make(
            ledger, statement: try StatementJSON.object(statement), donor: donorID, from: from, to: to, fund: currency, size: size)
        return statement
    }

    /// Refunds approved for the donor in the period.
    static func refundList(
        _ ledger: any StoreSnapshot, donorID: String, from: LedgerDate, to: LedgerDate, currency: Currency, reversed: Set<UInt64>
    ) throws -> [DonorStatement.Money] {
        let requests = try ledger.requestRecords().filter {
            $0.action == "donor.refund" && $0.status == .approved && $0.params["donor"]?.stringValue == donorID
        }
        guard !requests.isEmpty else { return [] }
        let requestSeqs = Dictionary(
            try ledger.entries(ofKinds: [.approvalRequest]).compactMap { body in body.ref.map { ($0, body.seq) } },
            uniquingKeysWith: { first, _ in first })
        var refunds: [DonorStatement.Money] = []
        for request in requests {
            guard let seq = request.approvedSeq, !reversed.contains(seq),
                let entry = try ledger.entry(at: seq), entry.body.date >= from, entry.body.date <= to,
                var refund = try StatementFigures.refund(entry.body, request: request.ref, fundCurrency: currency)
            else { continue }
            guard let requestSeq = requestSeqs[request.ref] else { throw StatementError("refund \(request.ref): its request entry is missing") }
            refund.request = DonorStatement.ListedEntry(seq: requestSeq, entry: "", proof: [])
            refunds.append(refund)
        }
        return refunds.sorted { $0.seq < $1.seq }
    }

    /// The listed entry (and a refund's request entry) with its signed journal line and its
    /// inclusion proof to `size`.
    static func proved(_ money: DonorStatement.Money, ledger: any StoreSnapshot, size: UInt64) throws -> DonorStatement.Money {
        var proved = money
        (proved.entry, proved.proof) = try line(money.seq, ledger: ledger, size: size)
        if let request = money.request {
            let (entry, proof) = try line(request.seq, ledger: ledger, size: size)
            proved.request = DonorStatement.ListedEntry(seq: request.seq, entry: entry, proof: proof)
        }
        return proved
    }

    /// Entry `seq`'s signed journal line and its inclusion proof to `size`.
    static func line(_ seq: UInt64, ledger: any StoreSnapshot, size: UInt64) throws -> (String, [String]) {
        guard let entry = try ledger.entry(at: seq) else { throw StatementError("entry \(seq) is missing") }
        return (String(decoding: entry.exportLine(), as: UTF8.self), try ledger.inclusionProof(seq: seq, size: size).path.map(\.hex))
    }

    /// The latest `balances.seal` entry as of each of `dates`, whose balances the statement's
    /// figures are proven by: the checkpoint must cover them.
    static func latestSeals(_ ledger: any StoreSnapshot, asOf dates: [LedgerDate]) throws -> [UInt64] {
        let wanted = Set(dates.map(\.description))
        var latest: [String: UInt64] = [:]
        for body in try ledger.entries(ofKinds: [.balancesSeal]) {
            guard let asOf = body.data["as_of"]?.stringValue, wanted.contains(asOf) else { continue }
            latest[asOf] = max(latest[asOf] ?? 0, body.seq)
        }
        return Array(latest.values)
    }

    /// The checkpoint the proofs lead to: the smallest one a registered auditor cosigned that
    /// covers every entry posting up to `to`, every listed entry and the latest seals of the
    /// period's ends (the statement is then audited, and names them); else the latest
    /// checkpoint (unaudited).
    static func checkpoint(
        _ ledger: any StoreSnapshot, checked: CheckedJournal, covering to: LedgerDate, listed: [UInt64]
    ) throws -> (String, UInt64, [AuditorCosignature]) {
        let needed = max(try ledger.lastSeqWithPostings(through: to) ?? 0, listed.max() ?? 0) + 1
        if let audited = try checked.auditedCheckpoint(ledger, atLeast: needed) {
            return (audited.note.note, audited.note.size, audited.audits)
        }
        guard let latest = try checked.note(ledger, size: checked.entryCount) else { throw StatementError("the ledger has no checkpoint") }
        return (latest.note.note, latest.note.size, latest.audits)
    }

    static func agreement(_ position: AgreementPosition, fundCurrency: Currency) throws -> DonorStatement.Agreement {
        let record = position.agreement
        return DonorStatement.Agreement(
            ref: record.ref, date: record.date, amount: position.amount,
            value: try money(.string(record.value), fundCurrency), conditional: record.conditional,
            earmark: record.earmark, received: position.received, writtenOff: position.writtenOff, outstanding: position.outstanding,
            instalments: position.instalments.map { .init(due: $0.due, amount: $0.amount, outstanding: $0.outstanding) })
    }

    static func pledges(_ ledger: any StoreSnapshot, donorID: String, to: LedgerDate, fundCurrency: Currency) throws -> [DonorStatement.Pledge] {
        try ledger.pledgeRecords().filter { $0.donor == donorID && $0.date <= to }.map { pledge in
            DonorStatement.Pledge(
                ref: pledge.ref, date: pledge.date, amount: pledge.amount, value: try money(.string(pledge.value), fundCurrency),
                status: pledge.status.rawValue)
        }
    }

    static func money(_ value: JSONValue?, _ currency: Currency) throws -> Amount {
        try Amount(parsing: value?.stringValue ?? "", currency: currency, mode: .exact)
    }
}

/// A statement that cannot be made or does not verify, saying why.
public struct StatementError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, as a sentence naming the fix when there is one.
    public let message: String
    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
    /// The ``message``.
    public var description: String { message }
}
