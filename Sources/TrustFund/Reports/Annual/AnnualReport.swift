import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
public import LedgerStore

/// One statement of the annual report, the year beside the prior year.
public struct AnnualStatement: Sendable {
    /// Stable name: `financial_position`, `financial_performance`, `net_assets`, `cash_flow`, `budget`.
    public let key: String
    /// The statement's title, e.g. "Statement of financial position" (translated when rendered).
    public let title: String
    /// Its lines, each with the year's and the prior year's figure.
    public let rows: [AnnualRow]
    /// Its checks (e.g. assets = liabilities + net assets), for the year.
    public let checks: [AnnualPhrase]
}

/// A note to the statements: sentences, lines with comparatives, and detail tables.
public struct AnnualNote: Sendable {
    /// Stable name: `policies`, `commitments`, `receivables`, `fx`, `events`.
    public let key: String
    /// The note's title (translated when rendered).
    public let title: String
    /// Its sentences.
    public let paragraphs: [AnnualPhrase]
    /// Its lines with comparatives.
    public let rows: [AnnualRow]
    /// Detail for the year only (e.g. receivables by agreement and ageing).
    public let tables: [ReportTable]
}

/// The fund's annual financial report for a calendar year: the statements of financial
/// position, financial performance, changes in net assets and cash flows (and the budget
/// comparison when there is one), each with the prior year beside it, then the notes. Made
/// from the existing reports, each run for the year and for the year before.
public struct AnnualReport: Sendable {
    /// The fund's name, from the genesis entry.
    public let fundName: String
    /// The fund currency: every figure is in it.
    public let currency: Currency
    /// The calendar year reported on.
    public let year: Int
    /// 1 January of ``year``.
    public let from: LedgerDate
    /// 31 December of ``year``: the reporting date.
    public let to: LedgerDate
    /// 1 January of the year before.
    public let priorFrom: LedgerDate
    /// 31 December of the year before.
    public let priorTo: LedgerDate
    /// Whether the ledger existed at the end of the prior year (else the prior column is blank).
    public let hasPrior: Bool
    /// The day the ledger starts (its genesis entry's date).
    public let start: LedgerDate
    /// The day the report is made: events after the reporting date are counted up to it.
    public let made: LedgerDate
    /// The statements, in the order they are printed.
    public let statements: [AnnualStatement]
    /// The notes to the statements, in the order they are printed.
    public private(set) var notes: [AnnualNote]

    /// The report for `year`, made on `made`.
    public init(_ snapshot: any StoreSnapshot, year: Int, made: LedgerDate) throws {
        // Each statement and note runs for the year and the year before, asking for the same
        // balances and totals many times: read each once.
        let ledger = ReportMemo.wrapping(snapshot)
        guard let settings = try ledger.settings(), let genesis = try ledger.entry(at: 0) else {
            throw ReportError("the ledger has no genesis entry")
        }
        guard (1901...9998).contains(year) else { throw ReportError("--year \(year) is out of range: give a year from 1901 to 9998") }
        fundName = settings.fundName
        currency = settings.currency
        self.year = year
        from = try LedgerDate(year: year, month: 1, day: 1)
        to = try LedgerDate(year: year, month: 12, day: 31)
        priorFrom = try LedgerDate(year: year - 1, month: 1, day: 1)
        priorTo = try LedgerDate(year: year - 1, month: 12, day: 31)
        start = genesis.body.date
        guard start <= to else { throw ReportError("the ledger starts on \(start), after \(year): give --year \(start.year) or later") }
        hasPrior = start <= priorTo
        self.made = made
        var statements: [AnnualStatement] = []
        for (key, name) in Self.statementReports {
            let current = try FundReports.document(name, ledger: ledger, asOf: to, from: name.coversPeriod ? from : nil)
            let prior = hasPrior ? try FundReports.document(name, ledger: ledger, asOf: priorTo, from: name.coversPeriod ? priorFrom : nil) : nil
            statements.append(AnnualStatement(
                key: key, title: current.title, rows: AnnualComparative.rows(current, prior: prior), checks: Self.checks(key, current)))
        }
        if let budget = try Self.budgetComparison(ledger, year: year, hasPrior: hasPrior) { statements.append(budget) }
        self.statements = statements
        notes = []
        notes = try AnnualNotes(ledger, report: self).all
    }

    /// The statements, in order, by their key and the report that makes them.
    static let statementReports: [(String, FundReportName)] = [
        ("financial_position", .financialPosition), ("financial_performance", .financialPerformance),
        ("net_assets", .netAssets), ("cash_flow", .cashFlow),
    ]

    /// The checks a statement's JSON carries (`balanced`, `reconciles`).
    static func checks(_ key: String, _ document: ReportDocument) -> [AnnualPhrase] {
        let object = document.json.objectValue
        for member in ["balanced", "reconciles"] {
            if case .bool(let holds)? = object?[member] { return [.check(statement: key, holds: holds)] }
        }
        return []
    }

    /// Whether every statement's check holds.
    public var checksHold: Bool {
        statements.allSatisfy { $0.checks.allSatisfy { if case .check(_, let holds) = $0 { holds } else { true } } }
    }
}
