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
    public let title: String
    public let isAmount: Bool

    public init(_ title: String, amount: Bool = false) {
        self.title = title
        self.isAmount = amount
    }
}

/// A table of a report: a title (or none), columns and rows of cells.
public struct ReportTable: Sendable, Equatable {
    public let title: String?
    public let columns: [ReportColumn]
    public private(set) var rows: [[String]] = []

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
    public let heading: ReportHeading
    public let tables: [ReportTable]
    /// Checks and remarks printed under the tables ("Assets equal liabilities plus net assets.").
    public let notes: [String]
    public let csv: ReportTable
    public let json: JSONValue
}

/// The fund and the date(s) a report is for.
public struct ReportHeading: Sendable, Equatable {
    public let report: FundReportName
    public let fundName: String
    /// The fund's functional currency: every value is in it.
    public let currency: Currency
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
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
