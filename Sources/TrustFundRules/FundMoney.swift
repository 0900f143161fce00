public import LedgerJournal
import CanonicalJSON
public import LedgerCore

/// Exchange rates, carrying values and the fund's settings, as the rules read them.
public enum FundMoney {
    /// The collection of UNORE rates of `currency`: one record per effective date.
    public static func rateCollection(_ currency: Currency) -> String { "rate.\(currency.code)" }

    /// The UN operational rate (units of `currency` per 1 USD) in force on `date`: the record
    /// with the latest effective date on or before it. Nil when none is recorded.
    public static func rate(_ currency: Currency, on date: LedgerDate, state: any LedgerStateReading) throws -> (rate: Decimal64, from: String)? {
        let day = date.description
        guard let record = try state.records(rateCollection(currency)).last(where: { $0.id <= day }),
            let text = try RateRecord(record)?.rate
        else { return nil }
        return (try Decimal64(parsing: text), record.id)
    }

    /// `amount` in the fund currency at the rate in force on `date`, rounded half to even.
    static func value(_ amount: Amount, on date: LedgerDate, _ context: FundContext) throws -> Amount {
        let fund = context.fundCurrency
        if amount.currency == fund { return amount }
        guard let (rate, from) = try rate(amount.currency, on: date, state: context.state) else {
            throw context.refuse(.missingRate, "no UN operational rate for \(amount.currency.code) on \(date); record one first (vtf rates set --month \(date.description.prefix(7)) \(amount.currency.code)=RATE, from the 1st; or vtf rates set --from \(date) \(amount.currency.code)=RATE, from that day, on a ledger opened later in the month)")
        }
        context.ratesUsed.note(amount.currency, rate: rate, from: from)
        return try convert(amount, rate: rate, into: fund)
    }

    /// 10^`exponent`, refusing one that does not fit in 64 bits (a decimal with too many places).
    static func powerOfTen(_ exponent: some BinaryInteger, what: String) throws(RuleViolation) -> Int64 {
        var result: Int64 = 1
        var remaining = exponent
        while remaining > 0 {
            let (next, overflow) = result.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw RuleViolation(.badField, "\(what) has too many decimals") }
            result = next
            remaining -= 1
        }
        return result
    }

    /// `amount ÷ rate` in `target`, half to even; the rate is currency units per 1 `target`.
    public static func convert(_ amount: Amount, rate: Decimal64, into target: Currency) throws(RuleViolation) -> Amount {
        let scale = try powerOfTen(rate.scale, what: "rate \(rate)")
        do { return try amount.multiplied(by: scale, dividedBy: rate.significand, into: target) } catch {
            throw RuleViolation(.overflow, "\(error)")
        }
    }

    /// The carrying value of `part` of `account`'s balance in `part`'s currency: the balance's
    /// value × part ÷ balance amount, half to even (exactly the whole value when `part` is the
    /// whole balance). It has `part`'s sign: a value per unit, whichever side the balance is on.
    static func carry(_ account: AccountCode, _ part: Amount, _ context: FundContext) throws -> Amount {
        if part.currency == context.fundCurrency { return part }
        let line = try balance(account, part.currency, context)
        guard !line.amount.isZero else { throw context.refuse(.fundsUnavailable, "account \(account) holds no \(part.currency.code)") }
        guard part.minorUnits.magnitude <= line.amount.minorUnits.magnitude else {
            throw context.refuse(.fundsUnavailable, "\(part) is more than the \(line.amount.currency.code) \(String(line.amount.decimalString.drop { $0 == "-" })) on account \(account)")
        }
        do {
            return try line.value.multiplied(by: part.minorUnits, dividedBy: line.amount.minorUnits, into: context.fundCurrency)
        } catch { throw context.refuse(.overflow, "\(error)") }
    }

    /// The balance of `account` in `currency` (zero when there is none).
    static func balance(_ account: AccountCode, _ currency: Currency, _ context: FundContext) throws -> BalanceLine {
        try context.state.balanceLines(under: account).first { $0.account == account && $0.amount.currency == currency }
            ?? BalanceLine(account: account, amount: .zero(currency), value: .zero(context.fundCurrency))
    }

    /// Σ value of `prefix` and its sub-accounts, in the fund currency.
    static func totalValue(under prefix: AccountCode, _ context: FundContext) throws -> Amount {
        var total = Amount.zero(context.fundCurrency)
        for line in try context.state.balanceLines(under: prefix) { total = try total.plus(line.value) }
        return total
    }

    /// A line of amount 0 that carries an FX difference `delta` (value) in `currency`: a gain
    /// (credit, 4900) when negative, a loss (debit, 5900) when positive.
    static func postFX(_ delta: Amount, currency: Currency, into outcome: inout FundOutcome) {
        guard !delta.isZero else { return }
        outcome.post(delta.isNegative ? FundChart.fxGains : FundChart.fxLosses, .zero(currency), value: delta)
    }

    /// The value that balances `outcome`'s postings so far.
    static func imbalance(_ outcome: FundOutcome, _ context: FundContext) throws -> Amount {
        var total = Amount.zero(context.fundCurrency)
        for posting in outcome.postings { total = try total.plus(posting.value) }
        return try total.negative()
    }
}

/// The effective-dated settings of a fund ledger, and its two-person policy.
public enum FundSettings {
    /// Every setting, with what its value is.
    public static let known: [String: String] = [
        "psc_rate": "programme support costs, percent of expenditure (e.g. 13)",
        "reserve_rate": "operating reserve, percent of planned annual expenditure (e.g. 15)",
        "planned_expenditure": "planned annual expenditure, in the fund currency (e.g. 300000.00)",
        "write_off_limit": "the largest write-off a certifying officer may certify, in the fund currency",
    ]

    /// The seal policies a fund may set up with (`vtf init --seal`): `monthly` seals every
    /// month end as the books move past it.
    public static let sealPolicies = ["monthly"]

    /// Actions a template puts under two-person approval.
    public static let controlledActions = [
        "grant.award", "grant.disburse", "receivable.write-off", "donor.refund", "setting.change", "voucher", "reversal",
        "bank.charges", "year.close",
    ]

    /// Actions under two-person approval on every fund ledger, whatever its policy lists (a
    /// `rates.set` request is how rates that move more than a quarter are recorded).
    public static let alwaysControlled: Set<String> = ["year.close", "receivable.impair", "budget.set", SecretariatRules.action, "rates.set"]

    /// Every action a request may ask for: the template's, and those controlled everywhere.
    public static let requestActions = controlledActions + alwaysControlled.subtracting(controlledActions).sorted()

    /// The collection the setting `name` is kept in, e.g. `setting.psc_rate`.
    public static func collection(_ name: String) -> String { "setting.\(name)" }

    /// Checks a setting's value text; returns it unchanged.
    public static func validate(_ name: String, _ value: String, fundCurrency: Currency) throws(RuleViolation) {
        guard known[name] != nil else {
            throw RuleViolation(.unknownField, "unknown setting \"\(name)\"; settings are: \(known.keys.sorted().joined(separator: ", "))")
        }
        if name.hasSuffix("_rate") {
            let decimal: Decimal64
            do { decimal = try Decimal64(parsing: value) } catch { throw RuleViolation(.badField, "\(name): \(error)") }
            guard decimal.significand >= 0, try percentAtMostHundred(decimal) else {
                throw RuleViolation(.badField, "\(name) must be a percentage from 0 to 100, not \(value)")
            }
        } else {
            let amount: Amount
            do { amount = try Amount(parsing: value, currency: fundCurrency, mode: .exact) } catch {
                throw RuleViolation(.badField, "\(name): \(error)")
            }
            guard !amount.isNegative else { throw RuleViolation(.badField, "\(name) may not be negative") }
        }
    }

    private static func percentAtMostHundred(_ decimal: Decimal64) throws(RuleViolation) -> Bool {
        var hundred: Int64 = 100
        for _ in 0..<decimal.scale {
            let (next, overflow) = hundred.multipliedReportingOverflow(by: 10)
            if overflow { return true }
            hundred = next
        }
        return decimal.significand <= hundred
    }

    /// The value of setting `name` in force on `date`, or nil when none is.
    public static func value(_ name: String, on date: LedgerDate, state: any LedgerStateReading) throws -> String? {
        let day = date.description
        guard let record = try state.records(collection(name)).last(where: { $0.id <= day }) else { return nil }
        return try SettingRecord(record).value
    }

    static func percent(_ name: String, _ context: FundContext) throws -> Decimal64 {
        guard let text = try value(name, on: context.date, state: context.state) else {
            throw context.refuse(.missingRate, "the setting \(name) has no value on \(context.date)")
        }
        return try Decimal64(parsing: text)
    }

    static func money(_ name: String, _ context: FundContext) throws -> Amount {
        guard let text = try value(name, on: context.date, state: context.state) else {
            throw context.refuse(.missingRate, "the setting \(name) has no value on \(context.date)")
        }
        return try Amount.stored(text, context.fundCurrency)
    }

    /// `amount × percent / 100`, half to even.
    static func applying(_ percent: Decimal64, to amount: Amount) throws(RuleViolation) -> Amount {
        let (scale, overflow) = try FundMoney.powerOfTen(percent.scale, what: "percentage \(percent)").multipliedReportingOverflow(by: 100)
        guard !overflow else { throw RuleViolation(.badField, "percentage \(percent) has too many decimals") }
        do { return try amount.multiplied(by: percent.significand, dividedBy: scale, into: amount.currency) } catch {
            throw RuleViolation(.overflow, "\(error)")
        }
    }

    /// The fund's set-up record, or nil on a bare ledger.
    public static func setup(_ state: any LedgerStateReading) throws -> StateRecord? { try state.record("fund", "setup") }

    /// Whether the fund keeps the memo contra of grant awards and payments apart (9900.AWARDED,
    /// 9900.PAID): set up so by the template since grant flows are proven (`grant_flows`).
    public static func keepsGrantFlows(_ state: any LedgerStateReading) throws -> Bool {
        try setup(state)?.fields["grant_flows"] == .bool(true)
    }

    /// Whether `action` needs a certifying and an approving officer on this ledger.
    public static func isControlled(_ action: String, state: any LedgerStateReading) throws -> Bool {
        guard let setup = try setup(state) else { return false }
        if alwaysControlled.contains(action) { return true }
        return try RecordFields(setup, "fund").array("two_person").contains(.string(action))
    }

    /// The last day of the last closed year, or nil.
    public static func closedThrough(_ state: any LedgerStateReading) throws -> (date: String, year: String)? {
        guard let record = try state.record("fund", "closed") else { return nil }
        let through = try RecordFields(record, "fund").string("through")
        return (through, String(through.prefix(4)))
    }
}
