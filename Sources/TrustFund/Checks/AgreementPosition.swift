import CanonicalJSON
public import LedgerCore
public import LedgerJournal
import TrustFundRules
import TransparencyLog
public import LedgerStore

/// Where a contribution agreement stands on a date: what it listed as received, what approved
/// write-offs took off, what is still outstanding, and what is left of each instalment once the
/// settled money has paid the oldest first. The receivables report, the receivables check and
/// donor statements all read agreements through it.
public struct AgreementPosition: Sendable {
    public struct Instalment: Sendable, Equatable {
        public let due: LedgerDate
        public let amount: Amount
        /// What is still unpaid of it on the date.
        public let outstanding: Amount
    }

    public let record: StateRecord
    public let currency: Currency
    public let amount: Amount
    /// Receipts the agreement lists, dated up to the date.
    public let received: Amount
    /// Approved write-offs dated up to the date.
    public let writtenOff: Amount
    /// amount − received − written off.
    public let outstanding: Amount
    /// Its instalments by due date, each with what is left of it.
    public let instalments: [Instalment]

    public var donor: String { record.fields["donor"]?.stringValue ?? "" }

    /// Every agreement signed on or before `date`, by ref.
    public static func all(_ ledger: LedgerFile, asOf date: LedgerDate) throws -> [AgreementPosition] {
        let writeOffs = try self.writeOffs(ledger, asOf: date)
        return try ledger.fundRecords("agreement").filter { ($0.fields["date"]?.stringValue ?? "") <= date.description }.map { record in
            try AgreementPosition(record, asOf: date, writtenOff: writeOffs[record.id])
        }
    }

    init(_ record: StateRecord, asOf date: LedgerDate, writtenOff: Amount?) throws {
        self.record = record
        currency = try Currency(code: record.text("currency"))
        amount = try Money.parse(record.fields["amount"], currency)
        let receipts = (record.fields["receipts"]?.arrayValue ?? []).compactMap(\.objectValue)
            .filter { ($0["date"]?.stringValue ?? "") <= date.description }
        let currency = self.currency
        let received = try Money.sum(try receipts.map { try Money.parse($0["amount"], currency) }, currency)
        let settled = try received.adding(writtenOff ?? .zero(currency))
        self.received = received
        self.writtenOff = writtenOff ?? .zero(currency)
        outstanding = try amount.subtracting(settled)
        instalments = try Self.allocate(settled, to: record, currency)
    }

    /// The instalments by due date, `settled` paying the oldest first.
    static func allocate(_ settled: Amount, to record: StateRecord, _ currency: Currency) throws -> [Instalment] {
        var left = settled
        let items = try (record.fields["instalments"]?.arrayValue ?? []).compactMap(\.objectValue).map { item in
            (amount: try Money.parse(item["amount"], currency), due: try LedgerDate(parsing: item["due"]?.stringValue ?? ""))
        }.sorted { $0.due < $1.due }
        return try items.map { item in
            let paid = left.minorUnits >= item.amount.minorUnits ? item.amount : left
            left = try left.subtracting(paid)
            return Instalment(due: item.due, amount: item.amount, outstanding: try item.amount.subtracting(paid))
        }
    }

    /// Approved write-offs dated up to `date`, by agreement.
    static func writeOffs(_ ledger: LedgerFile, asOf date: LedgerDate) throws -> [String: Amount] {
        var sums: [String: Amount] = [:]
        let currencies = Dictionary(try ledger.fundRecords("agreement").map { ($0.id, $0.text("currency")) }, uniquingKeysWith: { first, _ in first })
        for request in try ledger.fundRecords("request") where request.text("action") == "receivable.write-off"
            && request.text("status") == "approved" && request.text("date") <= date.description
        {
            let params = request.fields["params"]?.objectValue ?? JSONObject()
            let ref = params["agreement"]?.stringValue ?? ""
            guard let code = currencies[ref] else { continue }
            let amount = try Money.parse(params["amount"], try Currency(code: code))
            sums[ref] = try (sums[ref] ?? .zero(amount.currency)).adding(amount)
        }
        return sums
    }
}
