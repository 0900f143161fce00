public import LedgerCore
import LedgerCrypto

/// The ledger's settings, fixed by the genesis entry.
public struct LedgerSettings: Sendable, Equatable {
    /// The ledger's origin, e.g. `unodc.org/unvtf`; also the checkpoint origin and log key name.
    public let origin: String
    /// The fund's name, for reports and statements.
    public let fundName: String
    /// The functional currency every `value` is in.
    public let currency: Currency
    /// The genesis entry's date: the ledger's opening. Nothing is dated before it
    /// (`LedgerRules.checkOpening`); nil only where it is not known.
    public let openingDate: LedgerDate?

    /// Settings as the genesis entry fixes them; `openingDate` nil where it is not known.
    public init(origin: String, fundName: String, currency: Currency, openingDate: LedgerDate? = nil) {
        self.origin = origin
        self.fundName = fundName
        self.currency = currency
        self.openingDate = openingDate
    }
}

/// A key and when it entered and left.
public struct KeyState: Sendable, Equatable {
    /// The key as registered.
    public let record: KeyRecord
    /// The entry that registered it (genesis keys: entry 0).
    public let registeredSeq: UInt64
    /// The entry that revoked it, or nil while it is in force.
    public var revokedSeq: UInt64?
    /// Why it was revoked (the revocation's reason), or nil.
    public var revokeReason: String?

    /// A key registered by entry `registeredSeq`, revoked by `revokedSeq` if given.
    public init(record: KeyRecord, registeredSeq: UInt64, revokedSeq: UInt64? = nil, revokeReason: String? = nil) {
        self.record = record
        self.registeredSeq = registeredSeq
        self.revokedSeq = revokedSeq
        self.revokeReason = revokeReason
    }

    /// Whether the key may sign the entry at `seq`: registered before it, not revoked before it.
    public func isActive(at seq: UInt64) -> Bool {
        registeredSeq < seq && (revokedSeq.map { seq <= $0 } ?? true)
    }
}

/// An account of the chart of accounts.
public struct AccountState: Sendable, Equatable {
    /// The account's code, e.g. `1200.BEL`.
    public let code: AccountCode
    /// The account's name, for people.
    public let name: String
    /// What kind of account it is (asset, liability, …): decides its normal balance and statement.
    public let type: AccountType
    /// The entry that opened it.
    public let openedSeq: UInt64
    /// The entry that closed it, or nil while it is open.
    public var closedSeq: UInt64?

    /// An account opened by entry `openedSeq`, closed by `closedSeq` if given.
    public init(code: AccountCode, name: String, type: AccountType, openedSeq: UInt64, closedSeq: UInt64? = nil) {
        self.code = code
        self.name = name
        self.type = type
        self.openedSeq = openedSeq
        self.closedSeq = closedSeq
    }
}

/// An earlier entry as the rules look it up: its kind, its date and its postings.
public typealias EntryPostings = (kind: EntryKind, date: LedgerDate, postings: [Posting])

/// What the rules need to know about the ledger so far. Implemented in memory by
/// ``LedgerSnapshot`` (the verifier) and over SQLite by the store (appends).
public protocol LedgerStateReading {
    /// Nil before the genesis entry.
    var settings: LedgerSettings? { get }
    func key(id: String) throws -> KeyState?
    func account(_ code: AccountCode) throws -> AccountState?
    func refExists(kind: EntryKind, ref: String) throws -> Bool
    func isReversed(seq: UInt64) throws -> Bool
    /// The kind, date and postings of an earlier entry, or nil when there is no such entry.
    func postings(ofEntry seq: UInt64) throws -> EntryPostings?
    /// Non-zero balances of one account, per currency: (Σ amount, Σ value).
    func balances(of code: AccountCode) throws -> [(amount: Amount, value: Amount)]
    /// Keys that hold `role` and are not revoked.
    func activeKeyCount(withRole role: Role) throws -> Int
    /// The fund record `id` of `collection` (a donor, an agreement, a grant, …), or nil.
    func record(_ collection: String, _ id: String) throws -> StateRecord?
    /// Every record of `collection`, ordered by id (byte order).
    func records(_ collection: String) throws -> [StateRecord]
    /// Non-zero balance lines of `prefix` and of its sub-accounts (`prefix.…`), ordered by
    /// account and currency.
    func balanceLines(under prefix: AccountCode) throws -> [BalanceLine]
    /// The same lines counting only postings dated on or before `date` (`FundsAvailable` (TrustFundRules)).
    func balanceLines(under prefix: AccountCode, asOf date: LedgerDate) throws -> [BalanceLine]
    /// Non-zero balance lines of every account, counting only postings dated on or before
    /// `date`, ordered by account and currency: what a balances seal commits to (``BalanceSeal``).
    func allBalanceLines(asOf date: LedgerDate) throws -> [BalanceLine]
    /// The date of the earliest-dated posting in the ledger, or nil when nothing has posted
    /// (the first year a fund must close).
    func firstPostingDate() throws -> LedgerDate?
    /// The date of the latest-dated posting in the ledger, or nil when nothing has posted: a
    /// setting changes after it, so that entries already recorded keep the value they used.
    func lastPostingDate() throws -> LedgerDate?
    /// Every key registered so far, revoked ones included (holders are compared over all).
    func registeredKeys() throws -> [KeyState]
    /// What was posted to `code` in `currency` on each date (Σ amount, non-zero days only),
    /// ordered by date: the balance as of any date is the sum of the days up to it. A payment
    /// is checked against the cash as of its own date with it (`ActionRules.checkCash` (TrustFundRules)).
    func dailyAmounts(of code: AccountCode, currency: Currency) throws -> [(date: LedgerDate, amount: Amount)]
}

/// One account's balance in one currency: Σ amount and Σ value (fund currency).
public struct BalanceLine: Sendable, Equatable {
    /// The account.
    public let account: AccountCode
    /// Σ amount, in the currency of the line.
    public let amount: Amount
    /// Σ value, in the fund currency.
    public let value: Amount

    /// A balance line of `account`: Σ `amount` in its currency, Σ `value` in the fund currency.
    public init(account: AccountCode, amount: Amount, value: Amount) {
        self.account = account
        self.amount = amount
        self.value = value
    }
}

/// A change an accepted entry makes to the derived state. Both the store (its derived tables)
/// and the verifier (its snapshot) apply exactly these, so the two cannot drift apart.
public enum LedgerEffect: Sendable, Equatable {
    case start(LedgerSettings)
    case registerKey(KeyState)
    case revokeKey(id: String, seq: UInt64, reason: String)
    case openAccount(AccountState)
    case closeAccount(AccountCode, seq: UInt64)
    case post(seq: UInt64, date: LedgerDate, postings: [Posting])
    case reverse(target: UInt64, by: UInt64)
    /// Creates or replaces a fund record (donor, agreement, grant, rate, setting, request, …).
    case putRecord(StateRecord)
    /// Removes a fund record (when an approved reversal undoes the entry that created it).
    case removeRecord(collection: String, id: String)
}
