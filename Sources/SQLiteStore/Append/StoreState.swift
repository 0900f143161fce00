import Foundation
import CanonicalJSON
import GRDB
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore

/// The ledger as the rules see it during a write transaction: the derived tables, plus the
/// entries of this transaction that are checked but not yet in the journal table. Applying an
/// effect writes the derived rows at once; balances are summed in memory and written by
/// ``flushBalances()`` just before commit.
final class StoreState: LedgerStateReading {
    let db: Database
    /// A dry run (import pre-flight) checks rules and keeps effects in memory only.
    let dryRun: Bool
    /// After a pre-flight has checked every ref against the journal, the batches skip that
    /// query; the unique index on journal (kind, ref) still refuses a ref that a concurrent
    /// writer used in the meantime.
    var refsPrechecked = false
    private(set) var settings: LedgerSettings?
    private var keys: [String: KeyState]
    private var accounts: [AccountCode: AccountState?] = [:]
    private var pendingRefs: Set<String> = []
    private var pendingBodies: [UInt64: EntryBody] = [:]
    private var balanceCache: [BalanceKey: BalanceTotals] = [:]
    private var touchedBalances: Set<BalanceKey> = []
    private var pendingReversals: Set<UInt64> = []
    /// Records written in this transaction (or, in a dry run, instead of writing them).
    private var pendingRecords: [String: [String: StateRecord]] = [:]
    /// Records removed in this transaction ("collection\u{1F}id").
    private var removedRecords: Set<String> = []
    /// Σ amount per balance line and date of the postings a dry run applied (a real write puts
    /// them in the postings table at once).
    private var dryRunDaily: [BalanceKey: [LedgerDate: BalanceTotals]] = [:]
    /// Records read from the table in this transaction (nil: none), so that the per-entry checks
    /// of every kind (closed year, voucher policy) cost one query per transaction, not per entry.
    private var recordCache: [String: StateRecord?] = [:]

    init(_ db: Database, dryRun: Bool = false) throws {
        self.db = db
        self.dryRun = dryRun
        self.settings = try LedgerFile.settings(db)
        self.keys = try Self.loadKeys(db)
    }

    func key(id: String) -> KeyState? { keys[id] }

    func account(_ code: AccountCode) throws -> AccountState? {
        if let cached = accounts[code] { return cached }
        let row = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT name, type, opened_seq, closed_seq FROM accounts WHERE code = ?"),
            arguments: [code.rawValue])
        let account = try row.map { row in
            guard let type = AccountType(rawValue: (try row.decode(atIndex: 1))) else {
                throw StoreError(.damaged, "account \(code) has an unknown type in the accounts table; run vtf verify")
            }
            return AccountState(code: code, name: (try row.decode(atIndex: 0)), type: type, openedSeq: (try row.decode(atIndex: 2)), closedSeq: (try row.decode(atIndex: 3)))
        }
        accounts[code] = .some(account)
        return account
    }

    func refExists(kind: EntryKind, ref: String) throws -> Bool {
        if pendingRefs.contains(kind.rawValue + "\u{1F}" + ref) { return true }
        if refsPrechecked { return false }
        let query = try PreparedStatement(db, sql: "SELECT EXISTS (SELECT 1 FROM journal WHERE kind = ? AND ref = ?)")
        query.bind(1, kind.rawValue)
        query.bind(2, ref)
        return try query.firstInteger() == 1
    }

    func isReversed(seq: UInt64) throws -> Bool {
        if pendingReversals.contains(seq) { return true }
        return try Bool.fetchOne(
            try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM reversals WHERE target_seq = ?)"),
            arguments: [Int64(seq)]) ?? false
    }

    func postings(ofEntry seq: UInt64) throws -> EntryPostings? {
        if let pending = pendingBodies[seq] { return (pending.kind, pending.date, pending.postings) }
        guard let settings, let bytes = try Data.fetchOne(
            db, sql: "SELECT body FROM journal WHERE seq = ?", arguments: [Int64(seq)])
        else { return nil }
        let body = try EntryBody(storedBytes: [UInt8](bytes), fundCurrency: settings.currency)
        return (body.kind, body.date, body.postings)
    }

    func balances(of code: AccountCode) throws -> [(amount: Amount, value: Amount)] {
        guard let settings else { return [] }
        let rows = try Row.fetchAll(
            db, sql: "SELECT currency FROM balances WHERE account = ?", arguments: [code.rawValue])
        var currencies = Set(try rows.map { try Currency(code: $0[0]) })
        currencies.formUnion(touchedBalances.filter { $0.account == code }.map(\.currency))
        return try currencies.sorted().compactMap { currency in
            let totals = try balance(BalanceKey(account: code, currency: currency))
            guard !totals.isZero else { return nil }
            return (Amount(minorUnits: totals.amountMinor, currency: currency),
                    Amount(minorUnits: totals.valueMinor, currency: settings.currency))
        }
    }

    func activeKeyCount(withRole role: Role) -> Int {
        keys.values.filter { $0.revokedSeq == nil && $0.record.roles.contains(role) }.count
    }

    func record(_ collection: String, _ id: String) throws -> StateRecord? {
        if let pending = pendingRecords[collection]?[id] { return pending }
        let key = collection + "\u{1F}" + id
        if removedRecords.contains(key) { return nil }
        if let cached = recordCache[key] { return cached }
        let stored = try DerivedRows.record(collection, id, db)
        recordCache[key] = .some(stored)
        return stored
    }

    func records(_ collection: String) throws -> [StateRecord] {
        var merged: [String: StateRecord] = [:]
        for record in try DerivedRows.records(collection, db) { merged[record.id] = record }
        for (id, record) in pendingRecords[collection] ?? [:] { merged[id] = record }
        for key in removedRecords where key.hasPrefix(collection + "\u{1F}") {
            merged[String(key.dropFirst(collection.count + 1))] = nil
        }
        return merged.values.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }

    func balanceLines(under prefix: AccountCode) throws -> [BalanceLine] {
        guard let settings else { return [] }
        let rows = try Row.fetchAll(
            db, sql: "SELECT account, currency FROM balances WHERE account = ? OR (account >= ? AND account < ?)",
            arguments: [prefix.rawValue, prefix.rawValue + ".", prefix.rawValue + "/"])
        var keys = Set(try rows.map { BalanceKey(account: try AccountCode($0[0]), currency: try Currency(code: $0[1])) })
        keys.formUnion(touchedBalances.filter { $0.account.isWithin(prefix) })
        return try keys.sorted().compactMap { key in
            let totals = try balance(key)
            guard !totals.isZero else { return nil }
            return BalanceLine(
                account: key.account, amount: Amount(minorUnits: totals.amountMinor, currency: key.currency),
                value: Amount(minorUnits: totals.valueMinor, currency: settings.currency))
        }
    }

    func balanceLines(under prefix: AccountCode, asOf date: LedgerDate) throws -> [BalanceLine] {
        try balanceLines(under: Optional(prefix), asOf: date)
    }

    func allBalanceLines(asOf date: LedgerDate) throws -> [BalanceLine] {
        try balanceLines(under: nil, asOf: date)
    }

    /// The lines of `prefix` and its sub-accounts, or of every account when nil.
    private func balanceLines(under prefix: AccountCode?, asOf date: LedgerDate) throws -> [BalanceLine] {
        guard let settings else { return [] }
        var sums: [BalanceKey: BalanceTotals] = [:]
        let rows = if let prefix {
            try Row.fetchAll(
                try db.cachedStatement(sql: """
                    SELECT account, currency, SUM(amount), SUM(value) FROM postings
                    WHERE (account = ? OR (account >= ? AND account < ?)) AND date <= ? GROUP BY account, currency
                    """),
                arguments: [prefix.rawValue, prefix.rawValue + ".", prefix.rawValue + "/", date.description])
        } else {
            try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT account, currency, SUM(amount), SUM(value) FROM postings WHERE date <= ? GROUP BY account, currency"),
                arguments: [date.description])
        }
        for row in rows {
            let key = BalanceKey(
                account: try AccountCode(try row.decode(String.self, atIndex: 0)), currency: try Currency(code: try row.decode(String.self, atIndex: 1)))
            sums[key] = BalanceTotals(amountMinor: try row.decode(Int64.self, atIndex: 2), valueMinor: try row.decode(Int64.self, atIndex: 3))
        }
        for (key, days) in dryRunDaily where prefix.map(key.account.isWithin) ?? true {
            for (day, totals) in days where day <= date {
                try sums[key, default: BalanceTotals()].add(Posting(
                    account: key.account, amount: Amount(minorUnits: totals.amountMinor, currency: key.currency),
                    value: Amount(minorUnits: totals.valueMinor, currency: settings.currency)))
            }
        }
        return sums.keys.sorted().compactMap { key in
            guard let totals = sums[key], !totals.isZero else { return nil }
            return BalanceLine(
                account: key.account, amount: Amount(minorUnits: totals.amountMinor, currency: key.currency),
                value: Amount(minorUnits: totals.valueMinor, currency: settings.currency))
        }
    }

    func registeredKeys() -> [KeyState] { Array(keys.values) }

    func firstPostingDate() throws -> LedgerDate? {
        var first = try String.fetchOne(db, sql: "SELECT MIN(date) FROM postings").map { try LedgerDate(parsing: $0) }
        for body in pendingBodies.values where !body.postings.isEmpty {
            if first.map({ body.date < $0 }) ?? true { first = body.date }
        }
        return first
    }

    func lastPostingDate() throws -> LedgerDate? {
        var last = try String.fetchOne(db, sql: "SELECT MAX(date) FROM postings").map { try LedgerDate(parsing: $0) }
        for body in pendingBodies.values where !body.postings.isEmpty {
            if last.map({ body.date > $0 }) ?? true { last = body.date }
        }
        for days in dryRunDaily.values {
            for day in days.keys where last.map({ day > $0 }) ?? true { last = day }
        }
        return last
    }

    func dailyAmounts(of code: AccountCode, currency: Currency) throws -> [(date: LedgerDate, amount: Amount)] {
        let rows = try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT date, SUM(amount) FROM postings WHERE account = ? AND currency = ? GROUP BY date"),
            arguments: [code.rawValue, currency.code])
        var days: [LedgerDate: Int64] = [:]
        for row in rows { days[try LedgerDate(parsing: row[0]), default: 0] = row[1] }
        for (date, totals) in dryRunDaily[BalanceKey(account: code, currency: currency)] ?? [:] {
            let (sum, overflow) = days[date, default: 0].addingReportingOverflow(totals.amountMinor)
            guard !overflow else { throw RuleViolation(.overflow, "the balance of account \(code) in \(currency) would overflow") }
            days[date] = sum
        }
        return days.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, Amount(minorUnits: $0.value, currency: currency)) }
    }

    /// Records a checked entry: remembers it for the rest of the transaction and writes its effects.
    func apply(_ body: EntryBody, effects: [LedgerEffect]) throws {
        if let ref = body.ref { pendingRefs.insert(body.kind.rawValue + "\u{1F}" + ref) }
        if dryRun {
            for effect in effects { try applyInMemory(effect) }
            return
        }
        if !body.postings.isEmpty { pendingBodies[body.seq] = body }
        for effect in effects { try apply(effect) }
    }

    /// The journal entries of this transaction are in the journal table now.
    func entriesStored() { pendingBodies.removeAll() }

    private func applyInMemory(_ effect: LedgerEffect) throws {
        switch effect {
        case .start(let settings): self.settings = settings
        case .registerKey(let key): keys[key.record.keyID] = key
        case .revokeKey(let id, let seq, let reason):
            keys[id]?.revokedSeq = seq
            keys[id]?.revokeReason = reason
        case .openAccount(let account): accounts[account.code] = .some(account)
        case .closeAccount(let code, let seq): accounts[code]??.closedSeq = seq
        case .post(_, let date, let postings):
            try addToBalances(postings)
            for posting in postings {
                try dryRunDaily[BalanceKey(account: posting.account, currency: posting.amount.currency), default: [:]][date, default: BalanceTotals()].add(posting)
            }
        case .reverse(let target, _): pendingReversals.insert(target)
        case .putRecord(let record): remember(record)
        case .removeRecord(let collection, let id): forget(collection, id)
        }
    }

    private func apply(_ effect: LedgerEffect) throws {
        switch effect {
        case .start(let settings):
            self.settings = settings
            try DerivedRows.insertSettings(settings, db)
        case .registerKey(let key):
            keys[key.record.keyID] = key
            try DerivedRows.insertKey(key, db)
        case .revokeKey(let id, let seq, let reason):
            keys[id]?.revokedSeq = seq
            keys[id]?.revokeReason = reason
            try db.execute(
                sql: "UPDATE keys SET revoked_seq = ?, revoke_reason = ? WHERE key_id = ?",
                arguments: [Int64(seq), reason, id])
        case .openAccount(let account):
            accounts[account.code] = .some(account)
            try DerivedRows.insertAccount(account, db)
        case .closeAccount(let code, let seq):
            accounts[code] = nil
            try db.execute(
                sql: "UPDATE accounts SET closed_seq = ? WHERE code = ?", arguments: [Int64(seq), code.rawValue])
        case .post(let seq, let date, let postings):
            try DerivedRows.insertPostings(seq: seq, date: date, postings, db)
            try addToBalances(postings)
        case .reverse(let target, let seq):
            try db.execute(
                sql: "INSERT INTO reversals (target_seq, reversal_seq) VALUES (?, ?)",
                arguments: [Int64(target), Int64(seq)])
        case .putRecord(let record):
            remember(record)
            try DerivedRows.putRecord(record, db)
        case .removeRecord(let collection, let id):
            forget(collection, id)
            try DerivedRows.removeRecord(collection, id, db)
        }
    }

    private func remember(_ record: StateRecord) {
        pendingRecords[record.collection, default: [:]][record.id] = record
        removedRecords.remove(record.collection + "\u{1F}" + record.id)
    }

    private func forget(_ collection: String, _ id: String) {
        pendingRecords[collection]?[id] = nil
        removedRecords.insert(collection + "\u{1F}" + id)
    }

    private func addToBalances(_ postings: [Posting]) throws {
        for posting in postings {
            let key = BalanceKey(account: posting.account, currency: posting.amount.currency)
            var totals = try balance(key)
            try totals.add(posting)
            balanceCache[key] = totals
            touchedBalances.insert(key)
        }
    }

    private func balance(_ key: BalanceKey) throws -> BalanceTotals {
        if let cached = balanceCache[key] { return cached }
        let row = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT amount, value FROM balances WHERE account = ? AND currency = ?"),
            arguments: [key.account.rawValue, key.currency.code])
        let totals = row.map { BalanceTotals(amountMinor: $0[0], valueMinor: $0[1]) } ?? BalanceTotals()
        balanceCache[key] = totals
        return totals
    }

    /// Writes the balances this transaction changed.
    func flushBalances() throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO balances (account, currency, amount, value) VALUES (?, ?, ?, ?)
            ON CONFLICT (account, currency) DO UPDATE SET amount = excluded.amount, value = excluded.value
            """)
        for key in touchedBalances.sorted() {
            guard let totals = balanceCache[key] else { continue }
            try statement.execute(arguments: [key.account.rawValue, key.currency.code, totals.amountMinor, totals.valueMinor])
        }
        touchedBalances.removeAll()
    }

    static func loadKeys(_ db: Database) throws -> [String: KeyState] {
        var keys: [String: KeyState] = [:]
        for key in try DerivedRows.keys(db) { keys[key.record.keyID] = key }
        return keys
    }
}
