import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore

/// The ledger as the rules see it during a write transaction on PostgreSQL (as SQLiteStore's
/// StoreState): the derived tables, plus the entries of this transaction that are checked but
/// not yet in the journal table. Applying an effect sends its derived rows at once (without
/// waiting: every read waits for what was sent); balances are summed in memory (checked
/// arithmetic) and, with the postings, sent by ``flushBalances()`` just before the checkpoint. Keys are read once per transaction, records and accounts once each.
final class PostgresStoreState: LedgerStateReading {
    let session: PostgresSession
    private(set) var settings: LedgerSettings?
    private var keys: [String: KeyState]
    private var accounts: [AccountCode: AccountState?] = [:]
    private var pendingRefs: Set<String> = []
    private var pendingBodies: [UInt64: EntryBody] = [:]
    private var balanceCache: [BalanceKey: BalanceTotals] = [:]
    private var touchedBalances: Set<BalanceKey> = []
    private var pendingReversals: Set<UInt64> = []
    private var recordCache: [String: StateRecord?] = [:]
    /// Postings applied but not yet written, see ``flushPostings()``.
    private var pendingPostings = PendingPostings()
    /// Refs ("kind\u{1F}ref") whose presence in the journal ``prefetchRefs(_:)`` learnt, and those present.
    private var checkedRefs: Set<String> = []
    private var knownRefs: Set<String> = []

    init(_ schema: LedgerSchema) throws {
        session = schema.session
        settings = try schema.settings()
        keys = [:]
        for key in try schema.keys() { keys[key.record.keyID] = key }
    }

    func key(id: String) -> KeyState? { keys[id] }

    func account(_ code: AccountCode) throws -> AccountState? {
        if let cached = accounts[code] { return cached }
        let account = try session.row(
            "SELECT code, name, type, opened_seq, closed_seq FROM accounts WHERE code = $1", [.text(code.rawValue)]
        ).map(LedgerSchema.account)
        accounts[code] = .some(account)
        return account
    }

    func refExists(kind: EntryKind, ref: String) throws -> Bool {
        let key = kind.rawValue + "\u{1F}" + ref
        if pendingRefs.contains(key) { return true }
        if checkedRefs.contains(key) { return knownRefs.contains(key) }
        return try session.row("SELECT 1::BIGINT FROM journal WHERE kind = $1 AND ref = $2", [.text(kind.rawValue), .text(ref)]) != nil
    }

    func isReversed(seq: UInt64) throws -> Bool {
        if pendingReversals.contains(seq) { return true }
        return try session.row("SELECT 1::BIGINT FROM reversals WHERE target_seq = $1", [.seq(seq)]) != nil
    }

    func postings(ofEntry seq: UInt64) throws -> EntryPostings? {
        if let pending = pendingBodies[seq] { return (pending.kind, pending.date, pending.postings) }
        guard let settings, let row = try session.row("SELECT body FROM journal WHERE seq = $1", [.seq(seq)]) else { return nil }
        let body = try EntryBody(json: try JSONParser.parse(try row.bytes(0)), fundCurrency: settings.currency)
        return (body.kind, body.date, body.postings)
    }

    func balances(of code: AccountCode) throws -> [(amount: Amount, value: Amount)] {
        guard let settings else { return [] }
        var currencies = Set(try session.rows("SELECT currency FROM balances WHERE account = $1", [.text(code.rawValue)]).map {
            try Currency(code: try $0.text(0))
        })
        currencies.formUnion(touchedBalances.filter { $0.account == code }.map(\.currency))
        return try currencies.sorted().compactMap { currency in
            let totals = try balance(BalanceKey(account: code, currency: currency))
            guard !totals.isZero else { return nil }
            return (Amount(minorUnits: totals.amountMinor, currency: currency), Amount(minorUnits: totals.valueMinor, currency: settings.currency))
        }
    }

    func activeKeyCount(withRole role: Role) -> Int {
        keys.values.filter { $0.revokedSeq == nil && $0.record.roles.contains(role) }.count
    }

    func record(_ collection: String, _ id: String) throws -> StateRecord? {
        let key = collection + "\u{1F}" + id
        if let cached = recordCache[key] { return cached }
        let stored = try session.row(
            "\(LedgerSchema.recordColumns) WHERE collection = $1 AND id = $2", [.text(collection), .text(id)]).map(LedgerSchema.record)
        recordCache[key] = .some(stored)
        return stored
    }

    func records(_ collection: String) throws -> [StateRecord] {
        // Records are sent at once (and cached), and a query waits for what was sent: the table holds this transaction's too.
        try session.rows("\(LedgerSchema.recordColumns) WHERE collection = $1", [.text(collection)]).map(LedgerSchema.record)
            .sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }

    func balanceLines(under prefix: AccountCode) throws -> [BalanceLine] {
        guard let settings else { return [] }
        var lines = Set(try session.rows(
            "SELECT account, currency FROM balances WHERE account = $1 OR (account >= $2 AND account < $3)",
            [.text(prefix.rawValue), .text(prefix.rawValue + "."), .text(prefix.rawValue + "/")]
        ).map { BalanceKey(account: try AccountCode(try $0.text(0)), currency: try Currency(code: try $0.text(1))) })
        lines.formUnion(touchedBalances.filter { $0.account.isWithin(prefix) })
        return try lines.sorted().compactMap { key in
            let totals = try balance(key)
            guard !totals.isZero else { return nil }
            return BalanceLine(
                account: key.account, amount: Amount(minorUnits: totals.amountMinor, currency: key.currency),
                value: Amount(minorUnits: totals.valueMinor, currency: settings.currency))
        }
    }

    func balanceLines(under prefix: AccountCode, asOf date: LedgerDate) throws -> [BalanceLine] {
        try balanceLines("""
            SELECT account, currency, SUM(amount)::BIGINT, SUM(value)::BIGINT FROM postings
            WHERE (account = $1 OR (account >= $2 AND account < $3)) AND date <= $4 GROUP BY account, currency ORDER BY account, currency
            """, [.text(prefix.rawValue), .text(prefix.rawValue + "."), .text(prefix.rawValue + "/"), .text(date.description)])
    }

    func allBalanceLines(asOf date: LedgerDate) throws -> [BalanceLine] {
        try balanceLines("""
            SELECT account, currency, SUM(amount)::BIGINT, SUM(value)::BIGINT FROM postings
            WHERE date <= $1 GROUP BY account, currency ORDER BY account, currency
            """, [.text(date.description)])
    }

    /// Non-zero lines of what `sql` selects (account, currency, Σ amount, Σ value). Postings are
    /// flushed first, and a query waits for what was sent: the table holds this transaction's too.
    private func balanceLines(_ sql: String, _ values: [SQLValue]) throws -> [BalanceLine] {
        guard let settings else { return [] }
        flushPostings()
        return try session.rows(sql, values).compactMap { row in
            let totals = BalanceTotals(amountMinor: try row.int(2), valueMinor: try row.int(3))
            guard !totals.isZero else { return nil }
            let currency = try Currency(code: try row.text(1))
            return BalanceLine(
                account: try AccountCode(try row.text(0)), amount: Amount(minorUnits: totals.amountMinor, currency: currency),
                value: Amount(minorUnits: totals.valueMinor, currency: settings.currency))
        }
    }

    func registeredKeys() -> [KeyState] { Array(keys.values) }

    func firstPostingDate() throws -> LedgerDate? {
        flushPostings()
        return try session.row("SELECT MIN(date) FROM postings")?.optionalText(0).map { try LedgerDate(parsing: $0) }
    }

    func lastPostingDate() throws -> LedgerDate? {
        flushPostings()
        return try session.row("SELECT MAX(date) FROM postings")?.optionalText(0).map { try LedgerDate(parsing: $0) }
    }

    func dailyAmounts(of code: AccountCode, currency: Currency) throws -> [(date: LedgerDate, amount: Amount)] {
        flushPostings()
        return try session.rows("""
            SELECT date, SUM(amount)::BIGINT FROM postings WHERE account = $1 AND currency = $2 GROUP BY date ORDER BY date
            """, [.text(code.rawValue), .text(currency.code)]
        ).compactMap { row in
            let sum = try row.int(1)
            return sum == 0 ? nil : (try LedgerDate(parsing: try row.text(0)), Amount(minorUnits: sum, currency: currency))
        }
    }

    /// Records a checked entry: remembers it for the rest of the transaction and writes its effects.
    func apply(_ body: EntryBody, effects: [LedgerEffect]) throws {
        if let ref = body.ref { pendingRefs.insert(body.kind.rawValue + "\u{1F}" + ref) }
        if !body.postings.isEmpty { pendingBodies[body.seq] = body }
        for effect in effects { try apply(effect) }
    }

    /// The journal entries of this transaction are in the journal table now.
    func entriesStored() { pendingBodies.removeAll() }

    private func apply(_ effect: LedgerEffect) throws {
        switch effect {
        case .start(let settings):
            self.settings = settings
            session.send(
                "INSERT INTO ledger_settings (id, origin, fund_name, currency) VALUES (1, $1, $2, $3)",
                [.text(settings.origin), .text(settings.fundName), .text(settings.currency.code)])
        case .registerKey(let key):
            keys[key.record.keyID] = key
            session.send("""
                INSERT INTO keys (key_id, public_key, holder, name, roles, registered_seq, revoked_seq, revoke_reason)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """, [
                    .text(key.record.keyID), .bytes(key.record.publicKey.rawRepresentation), .text(key.record.holder), .text(key.record.name),
                    .text(key.record.roles.map(\.rawValue).joined(separator: ",")), .seq(key.registeredSeq),
                    .int(key.revokedSeq.map { Int64(clamping: $0) }), .text(key.revokeReason),
                ])
        case .revokeKey(let id, let seq, let reason):
            keys[id]?.revokedSeq = seq
            keys[id]?.revokeReason = reason
            session.send("UPDATE keys SET revoked_seq = $1, revoke_reason = $2 WHERE key_id = $3", [.seq(seq), .text(reason), .text(id)])
        case .openAccount(let account):
            accounts[account.code] = .some(account)
            session.send(
                "INSERT INTO accounts (code, name, type, opened_seq, closed_seq) VALUES ($1, $2, $3, $4, $5)",
                [.text(account.code.rawValue), .text(account.name), .text(account.type.rawValue), .seq(account.openedSeq),
                 .int(account.closedSeq.map { Int64(clamping: $0) })])
        case .closeAccount(let code, let seq):
            accounts[code] = nil
            session.send("UPDATE accounts SET closed_seq = $1 WHERE code = $2", [.seq(seq), .text(code.rawValue)])
        case .post(let seq, let date, let postings):
            try insertPostings(seq: seq, date: date, postings)
            try addToBalances(postings)
        case .reverse(let target, let seq):
            pendingReversals.insert(target)
            session.send("INSERT INTO reversals (target_seq, reversal_seq) VALUES ($1, $2)", [.seq(target), .seq(seq)])
        case .putRecord(let record):
            recordCache[record.collection + "\u{1F}" + record.id] = .some(record)
            session.send("""
                INSERT INTO fund_records (collection, id, seq, fields) VALUES ($1, $2, $3, $4)
                ON CONFLICT (collection, id) DO UPDATE SET seq = excluded.seq, fields = excluded.fields
                """, [.text(record.collection), .text(record.id), .seq(record.seq), .bytes(record.canonicalFields)])
        case .removeRecord(let collection, let id):
            recordCache[collection + "\u{1F}" + id] = .some(nil)
            session.send("DELETE FROM fund_records WHERE collection = $1 AND id = $2", [.text(collection), .text(id)])
        }
    }

    /// Remembers an entry's postings, sent by the next ``flushPostings()``.
    private func insertPostings(seq: UInt64, date: LedgerDate, _ postings: [Posting]) throws {
        for (line, posting) in postings.enumerated() {
            pendingPostings.seq.append(Int64(clamping: seq))
            pendingPostings.line.append(Int64(line))
            pendingPostings.date.append(date.description)
            pendingPostings.account.append(posting.account.rawValue)
            pendingPostings.currency.append(posting.amount.currency.code)
            pendingPostings.amount.append(posting.amount.minorUnits)
            pendingPostings.value.append(posting.value.minorUnits)
        }
    }

    /// Sends the postings waiting since the last flush, in one statement (arrays, a column each).
    /// Called before any read of the postings table (which waits for what was sent) and before
    /// the checkpoint, so every query sees them.
    func flushPostings() {
        guard !pendingPostings.seq.isEmpty else { return }
        session.send("""
            INSERT INTO postings (seq, line, date, account, currency, amount, value)
            SELECT * FROM unnest($1::bigint[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
            """, [
                .ints(pendingPostings.seq), .ints(pendingPostings.line), .texts(pendingPostings.date), .texts(pendingPostings.account),
                .texts(pendingPostings.currency), .ints(pendingPostings.amount), .ints(pendingPostings.value),
            ])
        pendingPostings = PendingPostings()
    }

    /// Learns in one query which refs of `drafts` the journal holds, so that
    /// ``refExists(kind:ref:)`` answers them without a query each (a bulk batch's refs).
    func prefetchRefs(of drafts: [EntryDraft]) throws {
        try prefetchRefs(drafts.compactMap { draft in draft.ref.map { (draft.kind, $0) } })
    }

    /// Learns in one query which of `keys` (kind, ref) the journal holds (see
    /// ``prefetchRefs(of:)``).
    func prefetchRefs(_ keys: [(kind: EntryKind, ref: String)]) throws {
        for (kind, refs) in Dictionary(grouping: keys, by: \.kind) {
            var start = 0
            while start < refs.count {
                let chunk = refs[start..<min(start + 5_000, refs.count)]
                // kind first: the unique index on journal (kind, ref) answers it.
                for row in try session.rows(
                    "SELECT ref FROM journal WHERE kind = $1 AND ref IN (\(LedgerSchema.placeholders(chunk.count, from: 2)))",
                    [.text(kind.rawValue)] + chunk.map { .text($0.ref) })
                {
                    knownRefs.insert(kind.rawValue + "\u{1F}" + (try row.text(0)))
                }
                for key in chunk { checkedRefs.insert(kind.rawValue + "\u{1F}" + key.ref) }
                start = chunk.endIndex
            }
        }
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
        let row = try session.row(
            "SELECT amount, value FROM balances WHERE account = $1 AND currency = $2", [.text(key.account.rawValue), .text(key.currency.code)])
        let totals = try row.map { BalanceTotals(amountMinor: try $0.int(0), valueMinor: try $0.int(1)) } ?? BalanceTotals()
        balanceCache[key] = totals
        return totals
    }

    /// Sends the postings and the balances changed since the last flush (one statement).
    func flushBalances() {
        flushPostings()
        guard !touchedBalances.isEmpty else { return }
        var values: [SQLValue] = []
        var rows: [String] = []
        for key in touchedBalances.sorted() {
            guard let totals = balanceCache[key] else { continue }
            rows.append("(\(LedgerSchema.placeholders(4, from: values.count + 1)))")
            values += [.text(key.account.rawValue), .text(key.currency.code), .int(totals.amountMinor), .int(totals.valueMinor)]
        }
        session.send("""
            INSERT INTO balances (account, currency, amount, value) VALUES \(rows.joined(separator: ", "))
            ON CONFLICT (account, currency) DO UPDATE SET amount = excluded.amount, value = excluded.value
            """, values)
        touchedBalances.removeAll()
    }
}

/// Postings not yet sent, a column each (the arrays of one `unnest` insert).
private struct PendingPostings {
    var seq: [Int64] = []
    var line: [Int64] = []
    var date: [String] = []
    var account: [String] = []
    var currency: [String] = []
    var amount: [Int64] = []
    var value: [Int64] = []
}
