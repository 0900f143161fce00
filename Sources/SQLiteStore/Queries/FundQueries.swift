import CanonicalJSON
import Foundation
import GRDB
public import LedgerCore
public import LedgerJournal
public import LedgerStore

extension LedgerFile {
    /// Every record of a fund collection (`donor`, `agreement`, `grant`, `request`, `rate.EUR`,
    /// `setting.psc_rate`, …), ordered by id.
    public func fundRecords(_ collection: String) throws -> [StateRecord] {
        try read { db in try DerivedRows.records(collection, db) }
    }

    /// One fund record, or nil.
    public func fundRecord(_ collection: String, _ id: String) throws -> StateRecord? {
        try read { db in try DerivedRows.record(collection, id, db) }
    }

    /// Whether `action` needs two-person approval on this ledger (its fund.setup policy).
    public func isControlled(_ action: String) throws -> Bool {
        try fundRecord("fund", "setup")?.fields["two_person"]?.arrayValue?.contains(.string(action)) ?? false
    }

    /// Runs `body` with the ledger's state as the rules read it (in one read snapshot), so a rule
    /// set's figures (the fund's funds available) are computed by the rules' own code.
    public func withRuleState<T>(_ body: (any LedgerStateReading) throws -> T) throws -> T {
        try read { db in try body(try StoreState(db, dryRun: true)) }
    }

    /// Every fund record, ordered by collection and id.
    public func allFundRecords() throws -> [StateRecord] {
        try read { db in try DerivedRows.allRecords(db) }
    }

    /// Σ amount and Σ value per account and currency over the postings dated `from`...`through`
    /// (either bound may be open), leaving out entries of the `excluding` kinds (reports leave
    /// out `year.close` to show a year's revenue and expenses). Zero lines are left out.
    ///
    /// The sums read the covering index (account, currency, date, amount, value) alone; the
    /// excluded entries, which are few, are then subtracted, so no row joins the journal.
    public func postingTotals(
        from: LedgerDate? = nil, through: LedgerDate? = nil, excluding: [EntryKind] = []
    ) throws -> [TrialBalanceRow] {
        try read { db in
            guard let settings = try Self.settings(db) else { return [] }
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let from {
                conditions.append("date >= ?")
                arguments.append(from.description)
            }
            if let through {
                conditions.append("date <= ?")
                arguments.append(through.description)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            var sums: [BalanceKey: BalanceTotals] = [:]
            try Self.addSums(db, sql: """
                SELECT account, currency, SUM(amount), SUM(value) FROM postings \(filter) GROUP BY account, currency
                """, arguments: arguments, sign: 1, into: &sums)
            if !excluding.isEmpty {
                let marks = excluding.map { _ in "?" }.joined(separator: ", ")
                let within = conditions.map { "p." + $0 }.joined(separator: " AND ")
                try Self.addSums(db, sql: """
                    SELECT p.account, p.currency, SUM(p.amount), SUM(p.value) FROM journal j JOIN postings p ON p.seq = j.seq
                    WHERE j.kind IN (\(marks)) \(within.isEmpty ? "" : "AND " + within) GROUP BY p.account, p.currency
                    """, arguments: excluding.map(\.rawValue) + arguments, sign: -1, into: &sums)
            }
            return Self.rows(sums, settings)
        }
    }

    /// The trial balance as of `first` and as of `second` (`first` ≤ `second`), in one pass
    /// over the covering index (a period's opening and closing).
    public func trialBalances(asOf first: LedgerDate, _ second: LedgerDate) throws -> (first: [TrialBalanceRow], second: [TrialBalanceRow]) {
        precondition(first <= second, "the first date comes first")
        return try read { db in
            guard let settings = try Self.settings(db) else { return ([], []) }
            var early: [BalanceKey: BalanceTotals] = [:]
            var late: [BalanceKey: BalanceTotals] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT account, currency,
                       SUM(CASE WHEN date <= ?1 THEN amount ELSE 0 END), SUM(CASE WHEN date <= ?1 THEN value ELSE 0 END),
                       SUM(amount), SUM(value)
                FROM postings WHERE date <= ?2 GROUP BY account, currency
                """, arguments: [first.description, second.description])
            for row in rows {
                let key = BalanceKey(account: try AccountCode((try row.decode(atIndex: 0))), currency: try Currency(code: (try row.decode(atIndex: 1))))
                early[key] = BalanceTotals(amountMinor: (try row.decode(atIndex: 2)), valueMinor: (try row.decode(atIndex: 3)))
                late[key] = BalanceTotals(amountMinor: (try row.decode(atIndex: 4)), valueMinor: (try row.decode(atIndex: 5)))
            }
            return (Self.rows(early, settings), Self.rows(late, settings))
        }
    }

    /// Σ amount and Σ value per account and currency of the postings of entries of `kinds`
    /// dated `from`...`through`. Read through the index on kind: cheap for the few fund entries
    /// of a large journal.
    public func kindTotals(_ kinds: [EntryKind], from: LedgerDate, through: LedgerDate) throws -> [TrialBalanceRow] {
        try read { db in
            guard let settings = try Self.settings(db), !kinds.isEmpty else { return [] }
            var sums: [BalanceKey: BalanceTotals] = [:]
            let marks = kinds.map { _ in "?" }.joined(separator: ", ")
            try Self.addSums(db, sql: """
                SELECT p.account, p.currency, SUM(p.amount), SUM(p.value) FROM journal j JOIN postings p ON p.seq = j.seq
                WHERE j.kind IN (\(marks)) AND p.date >= ? AND p.date <= ? GROUP BY p.account, p.currency
                """, arguments: kinds.map(\.rawValue) + [from.description, through.description], sign: 1, into: &sums)
            return Self.rows(sums, settings)
        }
    }

    static func rows(_ sums: [BalanceKey: BalanceTotals], _ settings: LedgerSettings) -> [TrialBalanceRow] {
        sums.keys.sorted().compactMap { key in
            guard let totals = sums[key], !totals.isZero else { return nil }
            return TrialBalanceRow(
                account: key.account, amount: Amount(minorUnits: totals.amountMinor, currency: key.currency),
                value: Amount(minorUnits: totals.valueMinor, currency: settings.currency))
        }
    }

    private static func addSums(
        _ db: Database, sql: String, arguments: [any DatabaseValueConvertible], sign: Int64,
        into sums: inout [BalanceKey: BalanceTotals]
    ) throws {
        for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) {
            let key = BalanceKey(account: try AccountCode((try row.decode(atIndex: 0))), currency: try Currency(code: (try row.decode(atIndex: 1))))
            let amount: Int64 = (try row.decode(atIndex: 2))
            let value: Int64 = (try row.decode(atIndex: 3))
            var totals = sums[key] ?? BalanceTotals()
            let (newAmount, amountOverflow) = totals.amountMinor.addingReportingOverflow(sign * amount)
            let (newValue, valueOverflow) = totals.valueMinor.addingReportingOverflow(sign * value)
            guard !amountOverflow, !valueOverflow else {
                throw StoreError(.damaged, "the totals of account \(key.account) overflow")
            }
            totals = BalanceTotals(amountMinor: newAmount, valueMinor: newValue)
            sums[key] = totals
        }
    }

    /// The bodies of every entry of the given kinds, in journal order. Fund entries are few
    /// (donors, agreements, receipts, grants), so reports read them whole.
    public func entries(ofKinds kinds: [EntryKind]) throws -> [EntryBody] {
        try entries(ofKinds: kinds, dated: nil)
    }

    /// The bodies of the entries of the given kinds dated `from`...`through`, in journal
    /// order. An entry's date is read from the front of its bytes first, so the entries outside
    /// the window (most of the journal, for a report on the weeks after a year's end) are not
    /// read whole.
    public func entries(ofKinds kinds: [EntryKind], from: LedgerDate, through: LedgerDate) throws -> [EntryBody] {
        try entries(ofKinds: kinds, dated: from...through)
    }

    private func entries(ofKinds kinds: [EntryKind], dated window: ClosedRange<LedgerDate>?) throws -> [EntryBody] {
        try read { db in
            guard let settings = try Self.settings(db), !kinds.isEmpty else { return [] }
            let marks = kinds.map { _ in "?" }.joined(separator: ", ")
            let rows = try Row.fetchCursor(
                db, sql: "SELECT body FROM journal WHERE kind IN (\(marks)) ORDER BY seq",
                arguments: StatementArguments(kinds.map(\.rawValue)))
            var bodies: [EntryBody] = []
            while let row = try rows.next() {
                let bytes = [UInt8]((try row.decode(atIndex: 0)) as Data)
                if let window, let date = EntryBody.canonicalDate(bytes), !window.contains(date) { continue }
                let body = try EntryBody(storedBytes: bytes, fundCurrency: settings.currency)
                if let window, !window.contains(body.date) { continue }
                bodies.append(body)
            }
            return bodies
        }
    }
}
