public import CanonicalJSON
public import LedgerCore

/// The IPSAS reports of a fund ledger, by the name `vtf report NAME` takes.
public enum FundReportName: String, CaseIterable, Sendable {
    case trialBalance = "trial-balance"
    case financialPosition = "financial-position"
    case financialPerformance = "financial-performance"
    case netAssets = "net-assets"
    case grants
    case receivables
    case psc
    case budget
    case cashFlow = "cash-flow"

    /// One line on what the report shows, for `--help` and error messages.
    public var summary: String {
        switch self {
        case .trialBalance: "every account's balance as of the date: amount in its own currency, debit or credit in the fund currency; debits equal credits"
        case .financialPosition: "statement of financial position (IPSAS 1): assets, liabilities and net assets as of the date, with the memo accounts (pledges, open grant commitments)"
        case .financialPerformance: "statement of financial performance: revenue and expenses by account from --from through --as-of, and the surplus or deficit (the year-end close left out)"
        case .netAssets: "statement of changes in net assets: opening balance, surplus or deficit, transfers to and from the operating reserve, closing balance, per component"
        case .grants: "each grant: grantee, award (requested, certified, approved), paid, spent, PSC, refunded, open commitment, advance outstanding, status; and totals"
        case .receivables: "contributions receivable by donor and agreement: outstanding amount, carrying value, ageing by instalment due dates"
        case .psc: "programme support costs charged on each grant report, the rate in force, and a recomputation of rate × expenditure"
        case .budget: "statement of comparison of budget and actual amounts (IPSAS 24) for --year: original and final budget, actual, difference and utilisation, by category (grants, secretariat costs, PSC)"
        case .cashFlow: "statement of cash flows (IPSAS 2, direct method): opening cash, operating and investing cash flows, the effect of exchange-rate changes, closing cash (1100's balance)"
        }
    }

    /// Whether the report covers a period (`--from` … `--as-of`) rather than a single date.
    public var coversPeriod: Bool { [.financialPerformance, .netAssets, .psc, .budget, .cashFlow].contains(self) }
}

/// A column of a report table. Amount cells hold exact decimal strings (or nothing); text
/// output groups their thousands, CSV keeps them as they are.
public struct ReportColumn: Sendable, Equatable {
    /// The column's heading.
    public let title: String
    /// Whether the cells are amounts (exact decimal strings, right-aligned and grouped in text output).
    public let isAmount: Bool

    /// A column headed `title`; `amount` says whether its cells are amounts.
    public init(_ title: String, amount: Bool = false) {
        self.title = title
        self.isAmount = amount
    }
}

/// A table of a report: a title (or none), columns and rows of cells.
public struct ReportTable: Sendable, Equatable {
    /// The table's title, printed above it; nil for none.
    public let title: String?
    /// The table's columns, in order.
    public let columns: [ReportColumn]
    /// The rows, each one cell per column, in the order added.
    public private(set) var rows: [[String]] = []

    /// An empty table with `columns`.
    public init(title: String? = nil, _ columns: [ReportColumn]) {
        self.title = title
        self.columns = columns
    }

    /// Adds a row: one cell per column.
    public mutating func add(_ cells: [String]) {
        precondition(cells.count == columns.count, "a row has one cell per column")
        rows.append(cells)
    }
}

/// What a report prints, in each of the three formats: tables and notes for people, one flat
/// table for CSV, and a JSON value (its schema is `Schemas/json/report-NAME.schema.json`).
public struct ReportDocument: Sendable {
    /// E.g. "Statement of financial position".
    public let title: String
    /// The fund and date(s) the report is for.
    public let heading: ReportHeading
    /// The tables printed for people, in order.
    public let tables: [ReportTable]
    /// Checks and remarks printed under the tables ("Assets equal liabilities plus net assets.").
    public let notes: [String]
    /// The report as one flat table, for `--format csv`.
    public let csv: ReportTable
    /// The report as JSON, for `--format json`: the heading's members, then the report's own.
    public let json: JSONValue
}

/// The fund and the date(s) a report is for.
public struct ReportHeading: Sendable, Equatable {
    /// Which report this is.
    public let report: FundReportName
    /// The fund's name, from the genesis entry.
    public let fundName: String
    /// The fund's functional currency: every value is in it.
    public let currency: Currency
    /// The report's date (inclusive): the balance date, or the period's last day.
    public let asOf: LedgerDate
    /// The first day of the period, for reports that cover one.
    public let from: LedgerDate?

    /// "as of 2026-12-31" or "2026-01-01 through 2026-12-31".
    public var dates: String { from.map { "\($0) through \(asOf)" } ?? "as of \(asOf)" }

    /// The members every report's JSON starts with: report, fund, currency, as_of (and from).
    func jsonMembers() -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("report", .string(report.rawValue)), ("fund", .string(fundName)), ("currency", .string(currency.code)),
            ("as_of", .string(asOf.description)),
        ]
        if let from { members.append(("from", .string(from.description))) }
        return members
    }

    func document(_ title: String, tables: [ReportTable], notes: [String], csv: ReportTable, json: [(String, JSONValue)]) -> ReportDocument {
        ReportDocument(
            title: title, heading: self, tables: tables, notes: notes, csv: csv,
            json: .object(JSONObject(jsonMembers() + json)))
    }
}

/// A report could not be made from what was asked (e.g. `--from` after `--as-of`).
public struct ReportError: Error, CustomStringConvertible, Sendable {
    /// What is wrong with the request, naming the option to fix.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The ``message``.
    public var description: String { message }
}
