public import LedgerCore

/// A balance line: one account in one currency.
public struct BalanceKey: Hashable, Sendable, Comparable {
    /// The account.
    public let account: AccountCode
    /// The currency of the amounts posted to it.
    public let currency: Currency

    /// The line of `account` in `currency`.
    public init(account: AccountCode, currency: Currency) {
        self.account = account
        self.currency = currency
    }

    /// Orders lines by account, then by currency code.
    public static func < (lhs: BalanceKey, rhs: BalanceKey) -> Bool {
        (lhs.account, lhs.currency.code) < (rhs.account, rhs.currency.code)
    }
}

/// Σ amount (in the line's currency) and Σ value (in the fund currency), in minor units.
public struct BalanceTotals: Sendable, Equatable {
    /// Σ amount, in minor units of the line's currency.
    public var amountMinor: Int64
    /// Σ value, in minor units of the fund currency.
    public var valueMinor: Int64

    /// Totals of the given minor units (zero by default).
    public init(amountMinor: Int64 = 0, valueMinor: Int64 = 0) {
        self.amountMinor = amountMinor
        self.valueMinor = valueMinor
    }

    /// Adds one posting with checked arithmetic.
    public mutating func add(_ posting: Posting) throws(RuleViolation) {
        let (amount, amountOverflow) = amountMinor.addingReportingOverflow(posting.amount.minorUnits)
        let (value, valueOverflow) = valueMinor.addingReportingOverflow(posting.value.minorUnits)
        guard !amountOverflow, !valueOverflow else {
            throw RuleViolation(.overflow, "the balance of account \(posting.account) in \(posting.amount.currency) would overflow")
        }
        amountMinor = amount
        valueMinor = value
    }

    /// Whether both sums are zero.
    public var isZero: Bool { amountMinor == 0 && valueMinor == 0 }
}

/// The whole derived state of a ledger, held in memory, built by applying ``LedgerEffect``s in
/// journal order. Its size grows with keys, accounts and balance lines, not with entries: refs
/// live in a ``RefIndex``, which may keep them on disk.
public struct LedgerSnapshot: LedgerStateReading {
    /// The genesis entry's settings; nil before it is applied.
    public private(set) var settings: LedgerSettings?
    /// Every key registered so far, revoked ones included, by key id.
    public private(set) var keys: [String: KeyState] = [:]
    /// Every account opened so far, closed ones included, by code.
    public private(set) var accounts: [AccountCode: AccountState] = [:]
    /// Every balance line posted to, by account and currency; lines may be zero.
    public private(set) var balances: [BalanceKey: BalanceTotals] = [:]
    /// Reversed entry → the reversal's seq.
    public private(set) var reversals: [UInt64: UInt64] = [:]
    /// Fund records by collection, then id.
    public private(set) var fundRecords: [String: [String: StateRecord]] = [:]
    private let refs: any RefIndex
    /// Σ amount posted per balance line and date (``dailyAmounts(of:currency:)``); it grows
    /// with balance lines × posting days.
    private var daily: [BalanceKey: [LedgerDate: BalanceTotals]] = [:]
    /// The earliest date of any posting applied so far.
    private var earliestPosting: LedgerDate?
    private var latestPosting: LedgerDate?
    /// The seq of the next entry to apply.
    public private(set) var nextSeq: UInt64 = 0
    /// Reads an earlier entry's postings (only reversals need it).
    private let lookup: (UInt64) throws -> EntryPostings?

    /// An empty ledger. `lookup` reads an earlier entry from the journal itself; `refs` keeps
    /// the refs seen (in memory unless given).
    public init(refs: any RefIndex = InMemoryRefIndex(), lookup: @escaping (UInt64) throws -> EntryPostings?) {
        self.refs = refs
        self.lookup = lookup
    }

    /// The key with id `id`, revoked or not, or nil.
    public func key(id: String) -> KeyState? { keys[id] }
    /// The account `code`, open or closed, or nil.
    public func account(_ code: AccountCode) -> AccountState? { accounts[code] }
    /// Whether an entry of `kind` applied so far used `ref`.
    public func refExists(kind: EntryKind, ref: String) throws -> Bool {
        try refs.contains(kind: kind, ref: ref, before: nextSeq)
    }
    /// Whether a reversal has undone entry `seq`.
    public func isReversed(seq: UInt64) -> Bool { reversals[seq] != nil }
    /// The kind and postings of entry `seq`, read from the journal, or nil when there is no such entry.
    public func postings(ofEntry seq: UInt64) throws -> EntryPostings? { try lookup(seq) }

    /// Non-zero balances of one account, per currency: (Σ amount, Σ value), ordered by currency.
    public func balances(of code: AccountCode) -> [(amount: Amount, value: Amount)] {
        guard let currency = settings?.currency else { return [] }
        return balances.filter { $0.key.account == code && !$0.value.isZero }.sorted { $0.key < $1.key }.map {
            (Amount(minorUnits: $0.value.amountMinor, currency: $0.key.currency),
             Amount(minorUnits: $0.value.valueMinor, currency: currency))
        }
    }

    /// Keys that hold `role` and are not revoked.
    public func activeKeyCount(withRole role: Role) -> Int {
        keys.values.filter { $0.revokedSeq == nil && $0.record.roles.contains(role) }.count
    }

    /// The fund record `id` of `collection`, or nil.
    public func record(_ collection: String, _ id: String) -> StateRecord? { fundRecords[collection]?[id] }

    /// Every record of `collection`, ordered by id (byte order).
    public func records(_ collection: String) -> [StateRecord] {
        (fundRecords[collection] ?? [:]).values.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }

    /// Non-zero balance lines of `prefix` and of its sub-accounts, ordered by account and currency.
    public func balanceLines(under prefix: AccountCode) -> [BalanceLine] {
        guard let currency = settings?.currency else { return [] }
        return balances.filter { !$0.value.isZero && $0.key.account.isWithin(prefix) }.sorted { $0.key < $1.key }.map {
            BalanceLine(
                account: $0.key.account, amount: Amount(minorUnits: $0.value.amountMinor, currency: $0.key.currency),
                value: Amount(minorUnits: $0.value.valueMinor, currency: currency))
        }
    }

    /// The same lines counting only postings dated on or before `date`; throws `.overflow` if a sum
    /// does not fit.
    public func balanceLines(under prefix: AccountCode, asOf date: LedgerDate) throws -> [BalanceLine] {
        try balanceLines(asOf: date) { $0.isWithin(prefix) }
    }

    /// Non-zero balance lines of every account, counting only postings dated on or before `date`,
    /// ordered by account and currency; throws `.overflow` if a sum does not fit.
    public func allBalanceLines(asOf date: LedgerDate) throws -> [BalanceLine] {
        try balanceLines(asOf: date) { _ in true }
    }

    private func balanceLines(asOf date: LedgerDate, of included: (AccountCode) -> Bool) throws -> [BalanceLine] {
        guard let currency = settings?.currency else { return [] }
        var lines: [BalanceLine] = []
        for (key, days) in daily where included(key.account) {
            var totals = BalanceTotals()
            for (day, part) in days where day <= date {
                try totals.add(Posting(
                    account: key.account, amount: Amount(minorUnits: part.amountMinor, currency: key.currency),
                    value: Amount(minorUnits: part.valueMinor, currency: currency)))
            }
            guard !totals.isZero else { continue }
            lines.append(BalanceLine(
                account: key.account, amount: Amount(minorUnits: totals.amountMinor, currency: key.currency),
                value: Amount(minorUnits: totals.valueMinor, currency: currency)))
        }
        return lines.sorted { BalanceKey(account: $0.account, currency: $0.amount.currency) < BalanceKey(account: $1.account, currency: $1.amount.currency) }
    }

    /// The date of the earliest-dated posting applied, or nil when nothing has posted.
    public func firstPostingDate() -> LedgerDate? { earliestPosting }
    /// The date of the latest-dated posting applied so far, or nil.
    public func lastPostingDate() -> LedgerDate? { latestPosting }

    /// What was posted to `code` in `currency` on each date (Σ amount, non-zero days only), ordered
    /// by date.
    public func dailyAmounts(of code: AccountCode, currency: Currency) -> [(date: LedgerDate, amount: Amount)] {
        (daily[BalanceKey(account: code, currency: currency)] ?? [:]).filter { $0.value.amountMinor != 0 }.sorted { $0.key < $1.key }
            .map { ($0.key, Amount(minorUnits: $0.value.amountMinor, currency: currency)) }
    }
    /// Every key registered so far, revoked ones included, in no particular order.
    public func registeredKeys() -> [KeyState] { Array(keys.values) }

    /// Records an accepted entry: its ref and its effects.
    public mutating func apply(_ body: EntryBody, effects: [LedgerEffect]) throws {
        if let ref = body.ref { try refs.insert(kind: body.kind, ref: ref, seq: body.seq) }
        nextSeq = body.seq + 1
        for effect in effects { try apply(effect) }
    }

    mutating func apply(_ effect: LedgerEffect) throws(RuleViolation) {
        switch effect {
        case .start(let settings): self.settings = settings
        case .registerKey(let key): keys[key.record.keyID] = key
        case .revokeKey(let id, let seq, let reason):
            keys[id]?.revokedSeq = seq
            keys[id]?.revokeReason = reason
        case .openAccount(let account): accounts[account.code] = account
        case .closeAccount(let code, let seq): accounts[code]?.closedSeq = seq
        case .post(_, let date, let postings):
            if !postings.isEmpty, earliestPosting.map({ date < $0 }) ?? true { earliestPosting = date }
            if !postings.isEmpty, latestPosting.map({ date > $0 }) ?? true { latestPosting = date }
            for posting in postings {
                let key = BalanceKey(account: posting.account, currency: posting.amount.currency)
                try balances[key, default: BalanceTotals()].add(posting)
                try daily[key, default: [:]][date, default: BalanceTotals()].add(posting)
            }
        case .reverse(let target, let seq): reversals[target] = seq
        case .putRecord(let record): fundRecords[record.collection, default: [:]][record.id] = record
        case .removeRecord(let collection, let id): fundRecords[collection]?[id] = nil
        }
    }

    static func refKey(_ kind: EntryKind, _ ref: String) -> String { kind.rawValue + "\u{1F}" + ref }
}

/// Remembers the refs seen so far, to refuse a ref used twice by entries of one kind.
public protocol RefIndex: AnyObject {
    /// Whether an entry of `kind` before `seq` used `ref`.
    func contains(kind: EntryKind, ref: String, before seq: UInt64) throws -> Bool
    /// Records that entry `seq` uses `ref`.
    func insert(kind: EntryKind, ref: String, seq: UInt64) throws
}

/// Refs held in memory: fine for small journals and tests; it grows with the journal.
public final class InMemoryRefIndex: RefIndex {
    private var refs: Set<String> = []

    /// An empty index.
    public init() {}

    /// Whether an entry of `kind` used `ref` (every ref inserted so far counts).
    public func contains(kind: EntryKind, ref: String, before seq: UInt64) -> Bool {
        refs.contains(LedgerSnapshot.refKey(kind, ref))
    }

    /// Records that entry `seq` uses `ref`.
    public func insert(kind: EntryKind, ref: String, seq: UInt64) {
        refs.insert(LedgerSnapshot.refKey(kind, ref))
    }
}
