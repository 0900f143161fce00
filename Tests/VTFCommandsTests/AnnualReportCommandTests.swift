import CanonicalJSON
import Foundation
import LedgerCore
import Testing
import TrustFund
import TrustFundRules
import TransparencyLog

/// `vtf report annual` and `--comparative`, and `vtf report cash-flow`, on the ledger of
/// FundReportCommandTests (the fund starts on 1 January 2026).
@Suite("vtf report annual: the annual financial report with the prior year")
struct AnnualReportCommandTests {
    static let ledger = Result { try FundReportLedger() }

    func json(_ arguments: [String]) throws -> JSONValue {
        let output = try Self.ledger.get().vtf(arguments)
        #expect(output.status == 0, "\(output.stderr)")
        return try JSONParser.parse(output.stdout)
    }

    /// The rows of statement `key` as "section|line" → (current, prior).
    func rows(_ report: JSONValue, _ key: String) -> [String: (JSONValue?, JSONValue?)] {
        let statement = report.objectValue?["statements"]?.arrayValue?.first { $0.objectValue?["key"] == .string(key) }
        var result: [String: (JSONValue?, JSONValue?)] = [:]
        for row in statement?.objectValue?["rows"]?.arrayValue ?? [] {
            let object = row.objectValue
            result["\(object?["section"]?.stringValue ?? "")|\(object?["line"]?.stringValue ?? "")"] = (object?["current"], object?["prior"])
        }
        return result
    }

    @Test(arguments: ["2026", "2027"])
    func jsonConformsToItsSchema(year: String) throws {
        let report = try json(["report", "annual", "--year", year, "--as-of", "2028-01-31", "--format", "json"])
        let problems = SchemaChecker.check(report, against: try SchemaChecker.load("report-annual.schema.json"))
        #expect(problems.isEmpty, "\(problems)")
        #expect(report.objectValue?["checks_hold"] == .bool(true))
        #expect(report.objectValue?["has_prior"] == .bool(year == "2027"))
    }

    /// 2027 has no entries: its position is 2026's, its performance zero, and 2026 stands beside it.
    @Test func thePriorYearStandsBeside() throws {
        let report = try json(["report", "annual", "--year", "2027", "--as-of", "2028-01-31", "--format", "json"])
        let position = rows(report, "financial_position")
        // Cash 76,700.00 + receivables 65,000.00 + advance 2,000.00 (FundReportCommandTests).
        #expect(position["Assets|Total assets"]?.0 == .string("143700.00"))
        #expect(position["Assets|Total assets"]?.1 == .string("143700.00"))
        let performance = rows(report, "financial_performance")
        #expect(performance["Revenue|Total revenue"]?.0 == .string("0.00"))
        // Both agreements recognised when signed: EUR 100,000.00 at 0.8000 + USD 30,000.00.
        #expect(performance["Revenue|Total revenue"]?.1 == .string("155000.00"))
        let cash = rows(report, "cash_flow")
        #expect(cash["Cash|Cash at the end of the period (2027-12-31)"]?.0 == .string("76700.00"))
        #expect(cash["Cash|Cash at the end of the period (2027-12-31)"]?.1 == .string("76700.00"))
        // 2026: the first year; its prior column is empty.
        let first = try json(["report", "annual", "--year", "2026", "--as-of", "2027-01-31", "--format", "json"])
        #expect(rows(first, "financial_position")["Assets|Total assets"]?.1 == JSONValue.null)
    }

    @Test func htmlInEnglishAndFrenchIsSelfContained() throws {
        let ledger = try Self.ledger.get()
        let english = try ledger.vtf(["report", "annual", "--year", "2027", "--as-of", "2028-01-31", "--format", "html"])
        #expect(english.status == 0, "\(english.stderr)")
        let french = try ledger.vtf(["report", "annual", "--year", "2027", "--as-of", "2028-01-31", "--format", "html", "--lang", "fr"])
        #expect(french.status == 0, "\(french.stderr)")
        for page in [english.stdout, french.stdout] {
            for outside in ["http:", "https:", "<script", "src=", "<link", "@import", "url("] { #expect(!page.contains(outside), "\(outside)") }
        }
        #expect(english.stdout.contains("Statement of cash flows"))
        #expect(english.stdout.contains("143,700.00"))
        #expect(french.stdout.contains("Tableau des flux de trésorerie"))
        #expect(french.stdout.contains("143\u{202F}700,00"))
        for label in ["Total assets", "Statement of cash flows", "Opening net assets", "Accounting policies", "Total revenue"] {
            #expect(!french.stdout.contains(label), "untranslated: \(label)")
        }
        // Every label is in French: none is kept in English (lang="en"), in the statements or the notes.
        #expect(!french.stdout.contains("lang=\"en\""), "untranslated labels")
        #expect(french.stdout.contains("Engagement – G-01 Shelter Org"))
    }

    @Test func csvIsOneFlatTable() throws {
        let output = try Self.ledger.get().vtf(["report", "annual", "--year", "2027", "--as-of", "2028-01-31", "--format", "csv"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "statement,section,line,current 2027,prior 2026")
        #expect(lines.contains("Statement of financial position,Assets,Total assets,143700.00,143700.00"))
    }

    @Test func outGoesThroughTheOutputGuard() throws {
        let ledger = try Self.ledger.get()
        let path = ledger.dir + "/annual.html"
        try? FileManager.default.removeItem(atPath: path)
        let arguments = ["report", "annual", "--year", "2026", "--as-of", "2027-01-31", "--format", "html", "--out", path]
        #expect(try ledger.vtf(arguments).status == 0)
        let refused = try ledger.vtf(arguments)
        #expect(refused.status == 2)
        #expect(try ledger.vtf(arguments + ["--force"]).status == 0)
        #expect(try ledger.vtf(["report", "annual", "--year", "2026", "--format", "html", "--out", ledger.path, "--force"]).status == 2)
    }

    @Test func badAnnualOptionsExitTwo() throws {
        let ledger = try Self.ledger.get()
        #expect(try ledger.vtf(["report", "annual", "--format", "html"]).status == 2)  // no --year
        #expect(try ledger.vtf(["report", "annual", "--year", "2025", "--format", "html"]).status == 2)  // before the ledger
        #expect(try ledger.vtf(["report", "annual", "--year", "2026", "--format", "text"]).status == 2)
        #expect(try ledger.vtf(["report", "annual", "--year", "2026", "--lang", "de", "--format", "html"]).status == 2)
        #expect(try ledger.vtf(["report", "grants", "--year", "2026"]).status == 2)
        #expect(try ledger.vtf(["report", "grants", "--comparative"]).status == 2)
        #expect(try ledger.vtf(["report", "financial-position", "--format", "html"]).status == 2)
    }

    @Test(arguments: ["financial-position", "financial-performance", "net-assets", "cash-flow"])
    func comparativeJSONHoldsBothYears(report: String) throws {
        let output = try json(["report", report, "--as-of", "2027-12-31", "--comparative", "--format", "json"])
        #expect(SchemaChecker.check(output, against: try SchemaChecker.load("report-comparative.schema.json")).isEmpty)
        for member in ["current", "prior"] {
            let inner = try #require(output.objectValue?[member])
            let problems = SchemaChecker.check(inner, against: try SchemaChecker.load("report-\(report).schema.json"))
            #expect(problems.isEmpty, "\(member): \(problems)")
        }
        let text = try Self.ledger.get().vtf(["report", report, "--as-of", "2027-12-31", "--comparative"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("2026-12-31"))
    }

    /// The statement of cash flows of FundReportCommandTests' year: receipts 15,000.00 + EUR
    /// 60,000.00 at 0.8000 (75,000.00); tranche −12,000.00; PSC −1,300.00: 76,700.00 = 1100.
    @Test func cashFlowFigures() throws {
        let report = try json(["report", "cash-flow", "--from", "2026-01-01", "--as-of", "2026-12-31", "--format", "json"])
        #expect(report.objectValue?["opening"] == .string("0.00"))
        #expect(report.objectValue?["closing"] == .string("76700.00"))
        #expect(report.objectValue?["net_change"] == .string("76700.00"))
        #expect(report.objectValue?["reconciles"] == .bool(true))
        let text = try Self.ledger.get().vtf(["report", "cash-flow", "--as-of", "2026-12-31"]).stdout
        #expect(text.contains("90,000.00"), "\(text)")
        #expect(text.contains("equals the closing cash (76700.00), 1100's balance as of 2026-12-31."), "\(text)")
    }
}

extension AnnualReportCommandTests {
    /// Net assets has an amount column per component: each component's lines stay together.
    @Test func eachNetAssetComponentIsOneSection() throws {
        let report = try json(["report", "annual", "--year", "2027", "--as-of", "2028-01-31", "--format", "json"])
        let statement = report.objectValue?["statements"]?.arrayValue?.first { $0.objectValue?["key"] == .string("net_assets") }
        let sections = (statement?.objectValue?["rows"]?.arrayValue ?? []).compactMap { $0.objectValue?["section"]?.stringValue }
        var runs: [String] = []
        for section in sections where runs.last != section { runs.append(section) }
        #expect(runs == [
            "3100 Accumulated surplus – unearmarked", "3200 Accumulated surplus – earmarked", "3300 Operating cash reserve", "TOTAL USD",
        ], "\(runs)")
    }
}

extension AnnualReportCommandTests {
    /// The budget comparison (IPSAS 24) closes the statements: no budget approved, so the budget
    /// lines are empty; the actual amounts of 2026 stand beside 2027's (grant 10,000.00 + PSC 1,300.00).
    @Test func theBudgetComparisonClosesTheStatements() throws {
        let report = try json(["report", "annual", "--year", "2027", "--as-of", "2028-01-31", "--format", "json"])
        let keys = report.objectValue?["statements"]?.arrayValue?.compactMap { $0.objectValue?["key"]?.stringValue }
        #expect(keys == ["financial_position", "financial_performance", "net_assets", "cash_flow", "budget"])
        let budget = rows(report, "budget")
        let total = "Total (5100, 5300, 5400, 5500, 5200)"
        #expect(budget["\(total)|Actual amounts (comparable basis)"]?.0 == .string("0.00"))
        #expect(budget["\(total)|Actual amounts (comparable basis)"]?.1 == .string("11300.00"))
        #expect(budget["\(total)|Final budget"]?.0 == JSONValue.null)
    }
}
