import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import TrustFundRules

/// A snapshot that remembers the answers of the queries a report run asks more than once.
///
/// The annual report runs each statement and note for the year and the year before, so it asks
/// for the trial balance as of 31 December, the totals of a year, the fund records and the
/// accounts many times over: on a ledger of a million entries each is a scan of the postings.
/// One snapshot does not change (every query of it sees the same writes), so each answer is
/// read once and handed out again; a balance as of two dates is the two balances as of one, and
/// a balance as of an earlier date is a later one less the postings in between.
final class ReportMemo: StoreSnapshot {
    let base: any StoreSnapshot

    private var settingsMemo: LedgerSettings??
    private var accountsMemo: [AccountState]?
    private var reversalsMemo: [UInt64: UInt64]?
    private var balances: [LedgerDate?: [TrialBalanceRow]] = [:]
    private(set) var totals: [String: [TrialBalanceRow]] = [:]
    private var records: [String: [StateRecord]] = [:]
    private var kindEntries: [[EntryKind]: [EntryBody]] = [:]

    init(_ base: any StoreSnapshot) {
        self.base = base
    }

    /// `base` itself when it remembers already, else `base` wrapped.
    static func wrapping(_ base: any StoreSnapshot) -> any StoreSnapshot {
        base is ReportMemo ? base : ReportMemo(base)
    }

    var rules: LedgerRules { base.rules }

    func settings() throws -> LedgerSettings? {
        if let known = settingsMemo { return known }
        let found = try base.settings()
        settingsMemo = .some(found)
        return found
    }

    func entryCount() throws -> UInt64 { try base.entryCount() }
    func entry(at seq: UInt64) throws -> SignedEntry? { try base.entry(at: seq) }

    func entries(ofKinds kinds: [EntryKind]) throws -> [EntryBody] {
        if let known = kindEntries[kinds] { return known }
        let found = try base.entries(ofKinds: kinds)
        kindEntries[kinds] = found
        return found
    }

    func entries(ofKinds kinds: [EntryKind], from: LedgerDate, through: LedgerDate) throws -> [EntryBody] {
        try base.entries(ofKinds: kinds, from: from, through: through)
    }

    func entries(posting account: AccountCode, from: LedgerDate, through: LedgerDate) throws -> [MovingEntry] {
        try base.entries(posting: account, from: from, through: through)
    }

    func postingShapes(posting account: AccountCode, from: LedgerDate, through: LedgerDate) throws -> PostingShapes {
        try base.postingShapes(posting: account, from: from, through: through)
    }

    func reversals() throws -> [UInt64: UInt64] {
        if let known = reversalsMemo { return known }
        let found = try base.reversals()
        reversalsMemo = found
        return found
    }

    func reversedEntries() throws -> Set<UInt64> { Set(try reversals().keys) }

    func accounts() throws -> [AccountState] {
        if let known = accountsMemo { return known }
        let found = try base.accounts()
        accountsMemo = found
        return found
    }

    func keys() throws -> [KeyState] { try base.keys() }

    func trialBalance(asOf date: LedgerDate?) throws -> [TrialBalanceRow] {
        if let known = balances[date] { return known }
        let found = try derivedBalance(asOf: date) ?? base.trialBalance(asOf: date)
        balances[date] = found
        return found
    }

    /// The balance as of `date` from one already read as of a later date: that balance less
    /// the postings in between, i.e. less the period's totals without year-end closes (which a
    /// report of that period reads anyway) and less the closes. Nil when no later balance is
    /// known.
    private func derivedBalance(asOf date: LedgerDate?) throws -> [TrialBalanceRow]? {
        guard let date, let currency = try settings()?.currency,
            let later = balances.keys.compactMap({ $0 }).filter({ $0 > date }).min(),
            let laterRows = balances[later], let from = date.addingChecked(days: 1)
        else { return nil }
        let period = try postingTotals(from: from, through: later, excluding: [.yearClose])
        let closes = try kindTotals([.yearClose], from: from, through: later)
        var sums: [String: (account: AccountCode, currency: Currency, amount: Int64, value: Int64)] = [:]
        func add(_ rows: [TrialBalanceRow], sign: Int64) throws {
            for row in rows {
                let key = row.account.rawValue + " " + row.amount.currency.code
                let known = sums[key] ?? (row.account, row.amount.currency, 0, 0)
                let (amount, amountOverflow) = known.amount.addingReportingOverflow(sign * row.amount.minorUnits)
                let (value, valueOverflow) = known.value.addingReportingOverflow(sign * row.value.minorUnits)
                guard !amountOverflow, !valueOverflow else { throw ReportError("the balance of \(row.account) overflows") }
                sums[key] = (row.account, row.amount.currency, amount, value)
            }
        }
        try add(laterRows, sign: 1)
        try add(period, sign: -1)
        try add(closes, sign: -1)
        return sums.values
            .filter { $0.amount != 0 || $0.value != 0 }
            .sorted { ($0.account.rawValue, $0.currency.code) < ($1.account.rawValue, $1.currency.code) }
            .map { TrialBalanceRow(account: $0.account, amount: Amount(minorUnits: $0.amount, currency: $0.currency), value: Amount(minorUnits: $0.value, currency: currency)) }
    }

    func trialBalances(asOf first: LedgerDate, _ second: LedgerDate) throws -> (first: [TrialBalanceRow], second: [TrialBalanceRow]) {
        precondition(first <= second, "the first date comes first")
        if balances[first] == nil, balances[second] == nil {
            let found = try base.trialBalances(asOf: first, second)
            balances[first] = found.first
            balances[second] = found.second
        }
        return (try trialBalance(asOf: first), try trialBalance(asOf: second))
    }

    func postingTotals(from: LedgerDate?, through: LedgerDate?, excluding: [EntryKind]) throws -> [TrialBalanceRow] {
        let key = "\(from.map(\.description) ?? "-") \(through.map(\.description) ?? "-") \(excluding.map(\.rawValue))"
        if let known = totals[key] { return known }
        let found = try base.postingTotals(from: from, through: through, excluding: excluding)
        totals[key] = found
        return found
    }

    func kindTotals(_ kinds: [EntryKind], from: LedgerDate, through: LedgerDate) throws -> [TrialBalanceRow] {
        let key = "kinds \(kinds.map(\.rawValue)) \(from) \(through)"
        if let known = totals[key] { return known }
        let found = try base.kindTotals(kinds, from: from, through: through)
        totals[key] = found
        return found
    }

    func lastSeqWithPostings(through date: LedgerDate) throws -> UInt64? { try base.lastSeqWithPostings(through: date) }

    func fundRecords(_ collection: String) throws -> [StateRecord] {
        if let known = records[collection] { return known }
        let found = try base.fundRecords(collection)
        records[collection] = found
        return found
    }

    func fundRecord(_ collection: String, _ id: String) throws -> StateRecord? { try base.fundRecord(collection, id) }
    func allFundRecords() throws -> [StateRecord] { try base.allFundRecords() }
    func withRuleState<T>(_ body: (any LedgerStateReading) throws -> T) throws -> T { try base.withRuleState(body) }

    func accountPostings(_ account: AccountCode, currency: Currency, from: LedgerDate, through: LedgerDate) throws -> [AccountPosting] {
        try base.accountPostings(account, currency: currency, from: from, through: through)
    }

    func accountBalance(_ account: AccountCode, currency: Currency, asOf date: LedgerDate) throws -> Amount {
        try base.accountBalance(account, currency: currency, asOf: date)
    }

    func accountCurrencies(_ account: AccountCode) throws -> Set<Currency> { try base.accountCurrencies(account) }
    func storedNote(size: UInt64?) throws -> StoredNote? { try base.storedNote(size: size) }
    func cosignedCheckpoint(atLeast size: UInt64) throws -> StoredNote? { try base.cosignedCheckpoint(atLeast: size) }
    func logVerifierKey() throws -> String { try base.logVerifierKey() }

    func inclusionProof(seq: UInt64, size: UInt64) throws -> (leafHash: SHA256Digest, path: [SHA256Digest]) {
        try base.inclusionProof(seq: seq, size: size)
    }

    func consistencyProof(oldSize: UInt64, newSize: UInt64) throws -> [SHA256Digest] { try base.consistencyProof(oldSize: oldSize, newSize: newSize) }
    func root(size: UInt64) throws -> SHA256Digest { try base.root(size: size) }
    func treeHashes(level: Int, _ range: Range<UInt64>) throws -> [SHA256Digest] { try base.treeHashes(level: level, range) }

    func replayForSigning(threads: Int) throws -> (verification: StoreVerification, keys: [KeyState]) {
        try base.replayForSigning(threads: threads)
    }

    func cosignedSizes(from: UInt64, through: UInt64, limit: Int) throws -> [UInt64] {
        try base.cosignedSizes(from: from, through: through, limit: limit)
    }

    func checkpointParts(size: UInt64) throws -> (note: String, cosignatureLines: [String])? { try base.checkpointParts(size: size) }
}
