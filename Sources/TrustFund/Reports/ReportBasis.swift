import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
public import LedgerStore

/// Builds any of the reports of a fund ledger.
public enum FundReports {
    /// The report `name` as of `asOf`; period reports start on `from` (default: 1 January of
    /// the year of `asOf`). Throws ``ReportError`` when `from` is after `asOf`.
    public static func document(
        _ name: FundReportName, ledger: any StoreSnapshot, asOf: LedgerDate, from: LedgerDate? = nil
    ) throws -> ReportDocument {
        let basis = try ReportBasis(ledger, report: name, asOf: asOf, from: from)
        switch name {
        case .trialBalance: return try TrialBalanceReport(basis).document
        case .financialPosition: return try FinancialPositionReport(basis).document
        case .financialPerformance: return try FinancialPerformanceReport(basis).document
        case .netAssets: return try NetAssetsReport(basis).document
        case .grants: return try GrantsReport(basis).document
        case .receivables: return try ReceivablesReport(basis).document
        case .psc: return try PSCReport(basis).document
        case .budget: return try BudgetReport(basis).document
        case .cashFlow: return try CashFlowReport(basis).document
        }
    }
}

/// What every report starts from: the ledger, its fund, the dates and the accounts.
public struct ReportBasis {
    let ledger: any StoreSnapshot
    /// The fund, the report and its date(s).
    public let heading: ReportHeading
    let accounts: [AccountCode: AccountState]

    /// The ledger's fund and accounts, with `from` checked against `asOf` (`from` is kept for
    /// period reports only, defaulting to 1 January of the year of `asOf`).
    public init(_ ledger: any StoreSnapshot, report: FundReportName, asOf: LedgerDate, from: LedgerDate? = nil) throws {
        guard let settings = try ledger.settings() else { throw ReportError("the ledger has no genesis entry") }
        var start: LedgerDate? = nil
        if report.coversPeriod {
            let first = try from ?? LedgerDate(year: asOf.year, month: 1, day: 1)
            guard first <= asOf else { throw ReportError("--from \(first) is after --as-of \(asOf)") }
            start = first
        }
        self.ledger = ledger
        heading = ReportHeading(report: report, fundName: settings.fundName, currency: settings.currency, asOf: asOf, from: start)
        accounts = Dictionary(try ledger.accounts().map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var currency: Currency { heading.currency }
    var asOf: LedgerDate { heading.asOf }
    /// The first day of the period (the as-of date for single-date reports).
    var from: LedgerDate { heading.from ?? heading.asOf }

    var zero: Amount { .zero(currency) }

    /// The type of `account`, or of its parent when it is not open (nil when neither is).
    func type(of account: AccountCode) -> AccountType? {
        accounts[account]?.type ?? accounts[Self.top(account)]?.type
    }

    /// The name of a chart account, e.g. "Cash – share of the main cash pool".
    func name(of account: AccountCode) -> String { accounts[account]?.name ?? "" }

    /// The chart account a sub-account belongs to: `1200.BEL` → `1200`.
    static func top(_ account: AccountCode) -> AccountCode {
        guard let dot = account.rawValue.firstIndex(of: ".") else { return account }
        return (try? AccountCode(String(account.rawValue[..<dot]))) ?? account
    }

    /// The fund record collection `name`, as a dictionary by id.
    func records(_ name: String) throws -> [StateRecord] { try ledger.fundRecords(name) }
}

/// Balance lines summed by account, with the sign convention of the statements.
struct BalanceSet {
    let rows: [TrialBalanceRow]
    let currency: Currency

    /// Σ value (debits positive) of `prefix` and its sub-accounts.
    func debit(under prefix: AccountCode) throws -> Amount {
        try Money.sum(rows.filter { $0.account.isWithin(prefix) }.map(\.value), currency)
    }

    /// Σ value of `prefix` and its sub-accounts, credits positive.
    func credit(under prefix: AccountCode) throws -> Amount { try debit(under: prefix).negated() }

    /// Σ value of the lines whose account satisfies `include`, debits positive.
    func debit(where include: (AccountCode) -> Bool) throws -> Amount {
        try Money.sum(rows.filter { include($0.account) }.map(\.value), currency)
    }

    /// The balance (amount, value) of one account in one currency.
    func line(_ account: AccountCode, _ currency: Currency) -> (amount: Amount, value: Amount) {
        let row = rows.first { $0.account == account && $0.amount.currency == currency }
        return (row?.amount ?? .zero(currency), row?.value ?? .zero(self.currency))
    }
}

/// Exact sums and parsing of the decimal strings fund records hold.
enum Money {
    static func sum(_ amounts: [Amount], _ currency: Currency) throws -> Amount {
        var total = Amount.zero(currency)
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    /// A record's decimal string (a missing one is zero).
    static func parse(_ value: JSONValue?, _ currency: Currency) throws -> Amount {
        guard let text = value?.stringValue else { return .zero(currency) }
        return try Amount(parsing: text, currency: currency, mode: .exact)
    }

    /// `amount × numerator ÷ denominator` in the same currency, half to even (zero when the
    /// denominator is).
    static func share(_ amount: Amount, _ numerator: Int64, of denominator: Int64) throws -> Amount {
        guard denominator != 0 else { return .zero(amount.currency) }
        return try amount.multiplied(by: numerator, dividedBy: denominator, into: amount.currency)
    }

    /// `amount × percent ÷ 100`, half to even (how the fund rules compute PSC).
    static func percent(_ percent: Decimal64, of amount: Amount) throws -> Amount {
        var scale: Int64 = 100
        for _ in 0..<percent.scale { scale *= 10 }
        return try amount.multiplied(by: percent.significand, dividedBy: scale, into: amount.currency)
    }
}

extension StateRecord {
    /// A string field, or "" when missing.
    func text(_ name: String) -> String { fields[name]?.stringValue ?? "" }
}

extension JSONValue {
    /// An amount as the JSON of every report: its exact decimal string.
    static func amount(_ amount: Amount) -> JSONValue { .string(amount.decimalString) }
}
