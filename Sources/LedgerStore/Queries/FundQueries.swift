import CanonicalJSON
import Foundation
import GRDB
public import LedgerCore
public import LedgerLog

extension LedgerFile {
    /// Every record of a fund collection (`donor`, `agreement`, `grant`, `request`, `rate.EUR`,
    /// `setting.psc_rate`, …), ordered by id.
    public func fundRecords(_ collection: String) throws -> [FundRecord] {
        try read { db in try DerivedRows.records(collection, db) }
    }

    /// One fund record, or nil.
    public func fundRecord(_ collection: String, _ id: String) throws -> FundRecord? {
        try read { db in try DerivedRows.record(collection, id, db) }
    }

    /// Whether `action` needs two-person approval on this ledger (its fund.setup policy).
    public func isControlled(_ action: String) throws -> Bool {
        try fundRecord("fund", "setup")?.fields["two_person"]?.arrayValue?.contains(.string(action)) ?? false
    }

    /// Every fund record, ordered by collection and id.
    public func allFundRecords() throws -> [FundRecord] {
        try read { db in try DerivedRows.allRecords(db) }
    }

    /// Σ amount and Σ value per account and currency over the postings dated `from`...`through`
    /// (either bound may be open), leaving out entries of the `excluding` kinds (reports leave
    /// out `year.close` to show a year's revenue and expenses). Zero lines are left out.
    public func postingTotals(
        from: LedgerDate? = nil, through: LedgerDate? = nil, excluding: [EntryKind] = []
    ) throws -> [TrialBalanceRow] {
        try read { db in
            guard let settings = try Self.settings(db) else { return [] }
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let from {
                conditions.append("p.date >= ?")
                arguments.append(from.description)
            }
            if let through {
                conditions.append("p.date <= ?")
                arguments.append(through.description)
            }
            var join = ""
            if !excluding.isEmpty {
                join = "JOIN journal j ON j.seq = p.seq"
                conditions.append("j.kind NOT IN (\(excluding.map { _ in "?" }.joined(separator: ", ")))")
                arguments += excluding.map(\.rawValue)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let rows = try Row.fetchAll(db, sql: """
                SELECT p.account, p.currency, SUM(p.amount), SUM(p.value) FROM postings p \(join) \(filter)
                GROUP BY p.account, p.currency ORDER BY p.account, p.currency
                """, arguments: StatementArguments(arguments))
            return try rows.compactMap { row in
                let amount: Int64 = row[2]
                let value: Int64 = row[3]
                guard amount != 0 || value != 0 else { return nil }
                let currency = try Currency(code: row[1])
                return TrialBalanceRow(
                    account: try AccountCode(row[0]), amount: Amount(minorUnits: amount, currency: currency),
                    value: Amount(minorUnits: value, currency: settings.currency))
            }
        }
    }

    /// The bodies of every entry of the given kinds, in journal order. Fund entries are few
    /// (donors, agreements, receipts, grants), so reports read them whole.
    public func entries(ofKinds kinds: [EntryKind]) throws -> [EntryBody] {
        try read { db in
            guard let settings = try Self.settings(db), !kinds.isEmpty else { return [] }
            let marks = kinds.map { _ in "?" }.joined(separator: ", ")
            let rows = try Row.fetchAll(
                db, sql: "SELECT body FROM journal WHERE kind IN (\(marks)) ORDER BY seq",
                arguments: StatementArguments(kinds.map(\.rawValue)))
            return try rows.map { row in
                let bytes: Data = row[0]
                return try EntryBody(json: try JSONParser.parse([UInt8](bytes)), fundCurrency: settings.currency)
            }
        }
    }
}
