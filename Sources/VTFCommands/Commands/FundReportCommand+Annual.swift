import ArgumentParser
import CanonicalJSON
import LedgerCore
import LedgerStore
import SQLiteStore
import TrustFundRules
import TransparencyLog
import SafeIO
import Statements
import TrustFund

/// The output formats of `vtf report`: text, csv, json and xlsx for every report; html (and csv,
/// json) for the annual report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, csv, json, xlsx, html }

extension FundReportCommand {
    static let annualName = "annual"
    static let annualSummary = """
        the annual financial report for --year: the statements of financial position, financial performance, \
        changes in net assets and cash flows, each with the prior year, and the notes (accounting policies, \
        commitments, receivables ageing and impairment, foreign exchange, events after the reporting date up to \
        --as-of, default today); --format html (one self-contained A4 page), json or csv; --lang en or fr.
        """
    /// The reports `--comparative` applies to.
    static let comparativeReports: [FundReportName] = [.financialPosition, .financialPerformance, .netAssets, .cashFlow]

    /// Refuses the annual report's options on another report.
    func checkNotAnnualOptions(_ report: FundReportName) throws {
        if year != nil, report != .budget {
            throw InputError("--year is for the budget report and the annual report (vtf report annual --year YYYY); \(report.rawValue) takes --as-of")
        }
        if lang != "en" { throw InputError("--lang is for the annual report; \(report.rawValue) is in English") }
        if comparative, !Self.comparativeReports.contains(report) {
            throw InputError("--comparative is for \(Self.comparativeReports.map(\.rawValue).joined(separator: ", ")); not \(report.rawValue)")
        }
    }

    /// `vtf report annual --year YYYY`.
    func runAnnual() async throws {
        guard let year else { throw InputError("vtf report annual needs --year YYYY (e.g. --year 2025)") }
        guard let language = StatementLanguage(rawValue: lang) else { throw InputError("--lang \(lang): use en or fr") }
        if from != nil { throw InputError("--from is not for the annual report: it covers 1 January to 31 December of --year") }
        if comparative { throw InputError("the annual report always shows the prior year: leave out --comparative") }
        let made = try parseDate(asOf, option: "--as-of")
        let store = try await global.openReading()
        let report: AnnualReport
        do {
            report = try await store.read { ledger in try AnnualReport(ledger, year: year, made: made) }
        } catch let error as ReportError {
            throw InputError(error.message)
        }
        let text: String
        switch format {
        case .html: text = AnnualHTML.render(report, language: language)
        case .csv: text = AnnualCSV.render(report, language: language)
        case .json: text = try JSONCanonicalizer.canonicalString(report.json) + "\n"
        case .text, .xlsx: throw InputError("the annual report is --format html, csv or json (\(format.rawValue) is for the other reports)")
        }
        guard let out else { return print(text, terminator: "") }
        try OutputFile.write(Array(text.utf8), to: out, guard: global.outputGuard(), force: force)
    }
}
