import ArgumentParser
import CanonicalJSON
import LedgerCore
import LedgerStore
import SQLiteStore
import TrustFundRules
import TransparencyLog
import SafeIO
import TrustFund

struct FundReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The fund's IPSAS reports: trial balance, statements, grants, receivables, PSC, budget and actual.",
        discussion: """
            Reports (NAME):
            \(FundReportName.allCases.map { "  \($0.rawValue): \($0.summary)." }.joined(separator: "\n"))
              annual: \(Self.annualSummary)

            Every value is in the fund's functional currency (USD for the UNVTF) unless a column says \
            otherwise. --as-of (default: today) counts entries dated on or before that day. \
            financial-performance, net-assets, psc and cash-flow cover --from (default: 1 January of the \
            --as-of year) through --as-of. budget compares the Board-approved budget of --year (default: the \
            --as-of year) with the actual amounts from 1 January through --as-of (default: 31 December).
            Formats: text (tables for people, thousands grouped), csv (one flat table, exact decimals), \
            json (RFC 8785 canonical; amounts are decimal strings; schema: \
            Schemas/json/report-NAME.schema.json), xlsx (a workbook for spreadsheets, to --out: a sheet \
            per table, amounts as numbers holding the books' exact digits, text never run as a formula).
            Example: vtf report financial-position --as-of 2026-12-31
            --proofs (financial-position, financial-performance, net-assets, cash-flow; JSON) adds the proof of each \
            figure by sealed balances (vtf seal): a balance by the seal as of --as-of, a movement by \
            that one less the seal of the day before --from; figures no seal gives are listed with why.
            Example: vtf report grants --format xlsx --out grants-2026.xlsx
            Example: vtf report financial-position --as-of 2025-12-31 --format json --proofs --out position.json
            """)

    @OptionGroup var global: LedgerOptions

    @Argument(help: ArgumentHelp("The report: \(FundReportName.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
    var name: String

    @Option(help: "Only entries dated on or before this day (YYYY-MM-DD; default: today).")
    var asOf: String?

    @Option(help: "First day of the period, for financial-performance, net-assets, psc and cash-flow (default: 1 January of the --as-of year).")
    var from: String?

    @Option(help: "Output format: text, csv, json or xlsx (annual: html, csv or json).")
    var format: ReportFormat = .text

    @Option(help: "The year of the annual report or of the budget (YYYY; budget's default: the year of --as-of).")
    var year: Int?

    @Option(help: "Language of the annual report: en or fr.")
    var lang: String = "en"

    @Flag(help: "Add the prior year beside each figure (financial-position, financial-performance, net-assets, cash-flow).")
    var comparative = false

    @Flag(help: "Add to the JSON of an IPSAS statement (financial-position, financial-performance, net-assets, cash-flow) the proof of each figure by sealed balances, and the signed checkpoint they lead to (vtf proof check --proof FILE checks it).")
    var proofs = false

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(help: "Replace the --out file if it exists (never a ledger).")
    var force = false

    func run() async throws {
        if name == Self.annualName { return try await runAnnual() }
        guard let report = FundReportName(rawValue: name) else {
            throw InputError("unknown report \"\(name)\"; reports are: \((FundReportName.allCases.map(\.rawValue) + [Self.annualName]).joined(separator: ", "))")
        }
        try checkNotAnnualOptions(report)
        try checkProofsOption(report)
        let asOfDate = try parseDate(asOf, option: "--as-of")
        let fromDate = try from.map { try parseDate($0, option: "--from") }
        if fromDate != nil, !report.coversPeriod {
            throw InputError("--from is for financial-performance, net-assets, psc and cash-flow; \(report.rawValue) is as of one date")
        }
        if report == .budget, fromDate != nil {
            throw InputError("budget covers --year from 1 January; give --year YYYY (and --as-of to stop before 31 December), not --from")
        }
        let store = try await global.openReading()
        let document: ReportDocument
        let json: JSONValue
        let (budgetYear, budgetAsOf, comparative, proofs) = (year ?? asOfDate.year, asOf == nil ? nil : asOfDate, comparative, proofs)
        do {
            // Every figure from one snapshot of the ledger, through the store seam, and the proofs too.
            (document, json) = try await store.read { ledger in
                let document: ReportDocument
                if report == .budget {
                    document = try FundReports.budget(ledger: ledger, year: budgetYear, asOf: budgetAsOf)
                } else {
                    document = comparative
                        ? try FundReports.comparative(report, ledger: ledger, asOf: asOfDate, from: fromDate)
                        : try FundReports.document(report, ledger: ledger, asOf: asOfDate, from: fromDate)
                }
                return (document, proofs ? try Self.proven(document, ledger: ledger) : document.json)
            }
        } catch let error as ReportError {
            throw InputError(error.message)
        }
        if format == .xlsx {
            guard let out else { throw InputError("--format xlsx writes a workbook: give --out FILE.xlsx") }
            return try OutputFile.write(try ReportWorkbook.xlsx(document), to: out, guard: global.outputGuard(), force: force)
        }
        let text: String
        switch format {
        case .xlsx: preconditionFailure("written above")
        case .text: text = FundReportText.render(document)
        case .csv: text = ([document.csv.columns.map(\.title)] + document.csv.rows).map(CSV.line).joined()
        case .json: text = try JSONCanonicalizer.canonicalString(json) + "\n"
        case .html: throw InputError("--format html is for the annual report; \(report.rawValue) is text, csv or json")
        }
        if let out {
            try OutputFile.write(Array(text.utf8), to: out, guard: global.outputGuard(), force: force)
        } else {
            print(text, terminator: "")
        }
        // A PSC report that finds the charges disagree with rate × expenditure is a check that
        // failed: exit 1, as vtf verify does, so that a script notices.
        if report == .psc, json.objectValue?["agrees"] == .bool(false) {
            let totals = json.objectValue?["totals"]?.objectValue
            if totals?["charged"] != totals?["recomputed"] {
                throw CheckFailure("the PSC charged does not agree with rate × expenditure (see the report's notes)")
            }
            throw CheckFailure("account 5200 does not hold what the entries charged as PSC: it was also posted by other entries (see the report's notes)")
        }
    }
}

/// A report for people: its title, the fund, the date(s) and the currency, then each table
/// (amounts grouped in thousands) and the notes.
enum FundReportText {
    static func render(_ document: ReportDocument) -> String {
        let heading = document.heading
        var parts = [
            "\(document.title)\n\(heading.fundName), \(heading.dates), amounts in \(heading.currency.code) unless a column says otherwise\n",
        ]
        for table in document.tables {
            var text = TextTable(table.columns.map { ($0.title, $0.isAmount ? .right : .left) })
            for row in table.rows {
                text.add(zip(table.columns, row).map { column, cell in column.isAmount ? PeopleNumber.grouped(cell) : cell })
            }
            parts.append((table.title.map { $0 + "\n" } ?? "") + text.render())
        }
        if !document.notes.isEmpty { parts.append(document.notes.joined(separator: "\n") + "\n") }
        return parts.joined(separator: "\n")
    }
}
