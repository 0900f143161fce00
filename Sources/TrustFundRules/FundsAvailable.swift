public import LedgerJournal
public import LedgerCore

/// The funds a certifying officer may obligate or pay (FRR rule 105.5), in the fund currency,
/// as of a date: the cash (1100, every currency at its carrying value), less what the cash holds
/// for others (2100 payables, 2200 deferred revenue of conditional agreements to the extent cash
/// was received for it, 2300 refunds payable, 2400 unidentified receipts), less the operating
/// reserve (`reserve_rate` × `planned_expenditure` in force), less the open commitments (9200 and
/// grant awards certified but not yet approved). Receivables never count: UN practice obligates
/// only against cash received.
///
/// The rules (certification and approval of awards and payments), their refusal message and
/// `vtf funds available` all read this one computation, line by line.
public struct FundsAvailable: Sendable, Equatable {
    /// One line of the computation: `amount` is added (cash) or, negative, taken off.
    public struct Line: Sendable, Equatable {
        /// What the line is, e.g. "less 2400 Unidentified receipts (suspense)".
        public let label: String
        /// The chart account the line reads, or nil (reserve, certified awards, releases).
        public let account: String?
        /// The line's amount in the fund currency: positive is added, negative taken off.
        public let amount: Amount
    }

    /// The date the computation is as of.
    public let asOf: LedgerDate
    /// The fund currency, which every line is in.
    public let currency: Currency
    /// The lines, in the order they are added up.
    public private(set) var lines: [Line]
    /// The sum of the lines: the funds available.
    public private(set) var available: Amount

    static func name(_ code: String) -> String { FundChart.accounts.first { $0.code == code }?.name ?? code }

    /// The funds available on `date` from the ledger `state`, leaving out the certified award
    /// `excludingRequest` (the one being checked).
    public static func compute(
        _ state: any LedgerStateReading, asOf date: LedgerDate, excludingRequest: String? = nil
    ) throws -> FundsAvailable {
        guard let fund = state.settings?.currency else { throw RuleViolation(.genesis, "the ledger has no genesis entry") }
        var result = FundsAvailable(asOf: date, currency: fund, lines: [], available: .zero(fund))
        try result.add("cash (1100, every currency at its carrying value)", "1100", try total(state, "1100", date, fund))
        for code in ["2100", "2300", "2400"] {
            let held = try total(state, code, date, fund).negative()
            try result.add("less \(code) \(name(code))", code, held.isNegative ? .zero(fund) : try held.negative())
        }
        let deferred = try cashBackedDeferred(state, date, fund)
        try result.insert(at: 2, "less 2200 \(name("2200")), as far as cash was received", "2200", try deferred.negative())
        let reserve = try Self.reserve(state, date, fund)
        try result.add("less operating reserve (reserve_rate × planned_expenditure on \(date))", nil, try reserve.negative())
        try result.add("less open grant commitments (9200)", "9200", try total(state, "9200", date, fund).negative())
        var certified = Amount.zero(fund)
        for record in try state.records(RequestRecord.collection) where record.id != excludingRequest {
            let request = try RequestRecord(record)
            guard request.requestAction == .grantAward, request.status == .certified, request.date <= date,
                let amount = try request.amount(in: fund)
            else { continue }
            certified = try certified.plus(amount)
        }
        try result.add("less grant awards certified, not yet approved", nil, try certified.negative())
        let secretariat = try SecretariatRules.certified(state, asOf: date, excludingRequest: excludingRequest)
        if !secretariat.isZero {
            try result.add("less secretariat costs and their PSC certified, not yet approved", nil, try secretariat.negative())
        }
        return result
    }

    /// What a certification (and again an approval) counts: the funds available as of `date`
    /// (the request's) and as of the latest date anything recorded or certified is dated,
    /// whichever is lower. Counted as of its own date alone, an award dated 1 February ignored
    /// one of USD 1,300,000 approved and dated 1 June, and two officers committed more than the
    /// fund had (an outside trial): a commitment dated later obligates the same money.
    public static func forCommitment(
        _ state: any LedgerStateReading, asOf date: LedgerDate, excludingRequest: String? = nil
    ) throws -> FundsAvailable {
        let onItsDate = try compute(state, asOf: date, excludingRequest: excludingRequest)
        var latest = max(date, try state.lastPostingDate() ?? date)
        for record in try state.records(RequestRecord.collection) where record.id != excludingRequest {
            let request = try RequestRecord(record)
            if request.status == .certified { latest = max(latest, request.date) }
        }
        guard latest > date else { return onItsDate }
        let later = try compute(state, asOf: latest, excludingRequest: excludingRequest)
        return later.available.minorUnits < onItsDate.available.minorUnits ? later : onItsDate
    }

    /// Adds a line (e.g. the commitment a payment liquidates) to the computation.
    mutating func add(_ label: String, _ account: String?, _ amount: Amount) throws(RuleViolation) {
        lines.append(Line(label: label, account: account, amount: amount))
        available = try available.plus(amount)
    }

    private mutating func insert(at index: Int, _ label: String, _ account: String?, _ amount: Amount) throws(RuleViolation) {
        lines.insert(Line(label: label, account: account, amount: amount), at: index)
        available = try available.plus(amount)
    }

    private static func total(_ state: any LedgerStateReading, _ code: String, _ date: LedgerDate, _ fund: Currency) throws -> Amount {
        var sum = Amount.zero(fund)
        for line in try state.balanceLines(under: FundChart.code(code), asOf: date) { sum = try sum.plus(line.value) }
        return sum
    }

    static func reserve(_ state: any LedgerStateReading, _ date: LedgerDate, _ fund: Currency) throws -> Amount {
        guard let rate = try FundSettings.value("reserve_rate", on: date, state: state),
            let planned = try FundSettings.value("planned_expenditure", on: date, state: state)
        else { return .zero(fund) }
        return try FundSettings.applying(try Decimal64(parsing: rate), to: try Amount.stored(planned, fund))
    }

    /// Per donor and currency, the deferred revenue (2200.DONOR) less what its conditional
    /// agreements signed by `date` still expect (amount − receipts by `date` − written off): the
    /// part of the liability the cash holds. In the fund currency at 2200.DONOR's carrying value.
    static func cashBackedDeferred(_ state: any LedgerStateReading, _ date: LedgerDate, _ fund: Currency) throws -> Amount {
        var expected: [BalanceKey: Int64] = [:]
        for record in try state.records("agreement") {
            let agreement = try AgreementRecord(record)
            guard agreement.conditional, agreement.date <= date else { continue }
            let donor = agreement.donor
            let currency = agreement.currency
            var owed = try agreement.amount.minus(agreement.writtenOff)
            for receipt in agreement.receipts where receipt.date <= date {
                owed = try owed.minus(receipt.amount)
            }
            let key = BalanceKey(account: try FundChart.deferredRevenue.sub(donor), currency: currency)
            expected[key, default: 0] += owed.minorUnits
        }
        var total = Amount.zero(fund)
        for line in try state.balanceLines(under: FundChart.deferredRevenue, asOf: date) {
            let deferred = -line.amount.minorUnits
            let backed = min(deferred, deferred - max(0, expected[BalanceKey(account: line.account, currency: line.amount.currency)] ?? 0))
            guard deferred > 0, backed > 0 else { continue }
            let value: Amount
            do { value = try line.value.negated().multiplied(by: backed, dividedBy: deferred, into: fund) } catch {
                throw RuleViolation(.overflow, "\(error)")
            }
            total = try total.plus(value)
        }
        return total
    }

    /// The computation as text, one line each, with `asked` (what a request asks) below it.
    public func render(asked: Amount? = nil, what: String = "asked") -> String {
        var rows = lines.map { ($0.label, $0.amount.decimalString) }
        rows.append(("= available", available.decimalString))
        if let asked { rows.append((what, asked.decimalString)) }
        let labelWidth = rows.map(\.0.count).max() ?? 0
        let amountWidth = rows.map(\.1.count).max() ?? 0
        return rows.map { label, amount in
            "  " + label + String(repeating: " ", count: labelWidth - label.count + 2)
                + String(repeating: " ", count: amountWidth - amount.count) + amount
        }.joined(separator: "\n")
    }
}
