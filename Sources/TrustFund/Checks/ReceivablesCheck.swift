import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
public import LedgerStore

/// `vtf reconcile receivables`: agreements against receipts, per donor. Three sources must agree
/// for every donor and currency as of a date:
/// - the books: the balance of the donor's receivable account 1200.DONOR;
/// - the agreements: what each still expects (amount − receipts − write-offs, as recorded on it);
/// - the journal: the receipts actually posted against each agreement (receipts and applied
///   suspense items, reversals left out), against the receipts the agreement lists.
public struct ReceivablesCheck {
    /// One donor in one currency.
    public struct Line: Sendable, Equatable {
        /// The donor's id (the `DONOR` of 1200.DONOR).
        public let donor: String
        /// The currency of the line's amounts.
        public let currency: Currency
        /// Σ outstanding of the donor's agreements in that currency.
        public let agreements: Amount
        /// The balance of 1200.DONOR in that currency.
        public let books: Amount
        /// Instalments due on or before the date and still unpaid, and those more than 30 days overdue.
        public let due: Amount
        /// Instalments more than 30 days overdue on the date and still unpaid.
        public let overdue: Amount
        /// `books − agreements`, nil when they agree (or the difference overflows).
        public var difference: Amount? { agreements == books ? nil : (try? books.subtracting(agreements)) }
    }

    /// An agreement whose recorded receipts differ from the receipts in the journal.
    public struct ReceiptMismatch: Sendable, Equatable {
        /// The agreement's reference.
        public let agreement: String
        /// Σ receipts the agreement's record lists up to the date.
        public let recorded: Amount
        /// Σ receipts posted against the agreement in the journal up to the date, reversals left out.
        public let journal: Amount
    }

    /// The date the check is as of (inclusive).
    public let asOf: LedgerDate
    /// One line per donor and currency, in donor order.
    public let lines: [Line]
    /// Agreements whose recorded receipts differ from the journal's, by ref.
    public let mismatches: [ReceiptMismatch]
    /// The same date's receivables report: outstanding and ageing by agreement.
    public let report: ReceivablesReport

    /// Whether every line agrees and no agreement's receipts differ.
    public var agrees: Bool { lines.allSatisfy { $0.difference == nil } && mismatches.isEmpty }

    /// Checks the receivables of `ledger` as of `asOf`.
    /// - Throws: when the ledger cannot be read, or an `AmountError` when a sum overflows.
    public init(_ ledger: any StoreSnapshot, asOf: LedgerDate) throws {
        self.asOf = asOf
        let basis = try ReportBasis(ledger, report: .receivables, asOf: asOf)
        report = try ReceivablesReport(basis)
        let books = try ledger.trialBalance(asOf: asOf).filter { $0.account.isWithin(FundChart.receivables) && $0.account != FundChart.receivables }
        var keys: Set<String> = []
        var outstanding: [String: Amount] = [:]
        var due: [String: Amount] = [:]
        var overdue: [String: Amount] = [:]
        for line in report.lines {
            let key = line.donor + " " + line.outstanding.currency.code
            keys.insert(key)
            outstanding[key] = try (outstanding[key] ?? .zero(line.outstanding.currency)).adding(line.outstanding)
            let pastDue = try Money.sum(Array(line.ageing.dropFirst()), line.outstanding.currency)
            due[key] = try (due[key] ?? .zero(line.outstanding.currency)).adding(pastDue)
            let late = try Money.sum(Array(line.ageing.dropFirst(2)), line.outstanding.currency)
            overdue[key] = try (overdue[key] ?? .zero(line.outstanding.currency)).adding(late)
        }
        var booked: [String: Amount] = [:]
        for row in books {
            let donor = String(row.account.rawValue.dropFirst(FundChart.receivables.rawValue.count + 1))
            let key = donor + " " + row.amount.currency.code
            keys.insert(key)
            booked[key] = row.amount
        }
        lines = try keys.sorted().map { key in
            let parts = key.split(separator: " ")
            let currency = try Currency(code: String(parts[1]))
            return Line(
                donor: String(parts[0]), currency: currency, agreements: outstanding[key] ?? .zero(currency),
                books: booked[key] ?? .zero(currency), due: due[key] ?? .zero(currency), overdue: overdue[key] ?? .zero(currency))
        }
        mismatches = try Self.receiptMismatches(ledger, basis)
    }

    /// Agreements whose receipt list (what the rules kept on the record) disagrees with the
    /// receipts posted in the journal and not reversed.
    static func receiptMismatches(_ ledger: any StoreSnapshot, _ basis: ReportBasis) throws -> [ReceiptMismatch] {
        let reversed = try ledger.reversedEntries()
        var journal: [String: Amount] = [:]
        for entry in try ledger.entries(ofKinds: [.contributionReceive, .contributionApply])
        where entry.date <= basis.asOf && !reversed.contains(entry.seq) {
            guard let agreement = entry.data["agreement"]?.stringValue else { continue }
            for posting in entry.postings where posting.account.isWithin(FundChart.receivables) {
                let sum = journal[agreement] ?? .zero(posting.amount.currency)
                journal[agreement] = try sum.subtracting(posting.amount)
            }
        }
        return try ledger.agreementRecords().filter { $0.date <= basis.asOf }.compactMap { agreement in
            let listed = agreement.receipts.filter { $0.date <= basis.asOf }.map(\.amount)
            let recorded = try Money.sum(listed, agreement.currency)
            let posted = journal[agreement.ref] ?? .zero(agreement.currency)
            guard recorded != posted else { return nil }
            return ReceiptMismatch(agreement: agreement.ref, recorded: recorded, journal: posted)
        }
    }
}
