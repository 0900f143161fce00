import Foundation
import Testing

/// `vtf report NAME --format xlsx` (issue 16 point 4): every report of the demo's books as a
/// workbook that openpyxl (Debian's python3-openpyxl) reads, whose numbers are the figures
/// `vtf report` prints, with no formula anywhere; written only to --out, never over a file
/// without --force.
@Suite struct ReportWorkbookTests {
    static let reports = ["trial-balance", "financial-position", "financial-performance", "net-assets", "grants", "receivables", "psc", "budget", "cash-flow"]

    /// Every sheet's rows, as openpyxl reads them: "n:VALUE" for a number (its shortest exact
    /// decimal), "t:TEXT" for text, "" for nothing; and how many cells hold a formula.
    static func read(_ path: String, in dir: String) throws -> (sheets: [String: [[String]]], formulas: Int) {
        let script = """
            import json, sys
            from decimal import Decimal
            import openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            def cell(c):
                if c.value is None: return ""
                if c.data_type == "n": return "n:" + format(Decimal(repr(c.value)), "f")
                return "t:" + str(c.value)
            sheets = {s.title: [[cell(c) for c in r] for r in s.iter_rows()] for s in book.worksheets}
            formulas = sum(1 for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f")
            print(json.dumps({"sheets": sheets, "formulas": formulas}))
            """
        let result = try CLI.run("/usr/bin/python3", ["-c", script, path], in: dir)
        try #require(result.status == 0, "openpyxl could not read \(path): \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (try #require(object["sheets"] as? [String: [[String]]]), object["formulas"] as? Int ?? -1)
    }

    static func decimal(_ text: String) -> Decimal? {
        Decimal(string: text.replacingOccurrences(of: ",", with: ""), locale: Locale(identifier: "en_US_POSIX"))
    }

    @Test("every report as a workbook: its numbers are the figures vtf prints, and nothing is a formula", arguments: Self.reports)
    func everyReport(_ name: String) throws {
        let (folder, _) = try DemoThroughServiceTests.onFile.get()
        let dir = TestLedger.newFolder()
        let ledger = folder + "/unvtf.ledger"
        let dates = ["--as-of", "2025-12-31"]
        let file = dir + "/\(name).xlsx"
        let written = try CLI.vtf(["report", name, "--ledger", ledger, "--format", "xlsx", "--out", file] + dates, in: dir)
        #expect(written.status == 0, "\(written.stderr)")
        let (sheets, formulas) = try Self.read(file, in: dir)
        #expect(formulas == 0)
        #expect(!sheets.isEmpty)
        let text = try CLI.vtf(["report", name, "--ledger", ledger] + dates, in: dir).stdout
        let printed = Set(text.split(whereSeparator: { $0 == " " || $0.isNewline }).compactMap { token -> Decimal? in
            token.contains(where: { $0 == "." || $0 == "," }) ? Self.decimal(String(token)) : nil
        })
        var numbers = 0
        for (title, rows) in sheets {
            #expect(rows.first?.first == "t:" + (text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""), "\(title) starts with the report's title")
            for cell in rows.joined() where cell.hasPrefix("n:") {
                numbers += 1
                let digits = String(cell.dropFirst(2))
                let value = try #require(Self.decimal(digits))
                // A whole number below 1,000 (0, 20, 250) prints with neither "." nor ",": not looked for.
                if value.isZero || (abs(value) < 1000 && !digits.contains(".")) { continue }
                #expect(printed.contains(value), "\(name), sheet \(title): \(value) is not a figure of vtf report \(name)")
            }
        }
        #expect(numbers > 0, "\(name) has no number cells")
    }

    @Test("the grants workbook has each grant's figures of the CSV, to the cent")
    func grantsEqualTheCSV() throws {
        let (folder, _) = try DemoThroughServiceTests.onFile.get()
        let dir = TestLedger.newFolder()
        let ledger = folder + "/unvtf.ledger"
        let file = dir + "/grants.xlsx"
        #expect(try CLI.vtf(["report", "grants", "--ledger", ledger, "--format", "xlsx", "--out", file], in: dir).status == 0)
        let sheet = try #require(try Self.read(file, in: dir).sheets.values.first)
        let header = try #require(sheet.first { $0.first == "t:GRANT" })
        let csv = try CLI.vtf(["report", "grants", "--ledger", ledger, "--format", "csv"], in: dir).stdout
        let lines = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let csvHeader = lines[0]
        var compared = 0
        for line in lines.dropFirst() where line[0].hasPrefix("G-") {
            let row = try #require(sheet.first { $0.first == "t:" + line[0] }, "grant \(line[0]) is not in the workbook")
            for column in ["amount", "paid", "spent", "psc", "refunded", "commitment", "advance"] {
                let csvIndex = try #require(csvHeader.firstIndex(of: column))
                let csvValue = try #require(Self.decimal(line[csvIndex]))
                let index = try #require(header.firstIndex(of: "t:" + column.uppercased()))
                #expect(row[index] == "n:\(csvValue)" || Self.decimal(String(row[index].dropFirst(2))) == csvValue, "\(line[0]) \(column)")
                compared += 1
            }
        }
        #expect(compared >= 12 * 7)
    }

    @Test("a workbook goes to --out only, and never over a file without --force")
    func refusals() throws {
        let (folder, _) = try DemoThroughServiceTests.onFile.get()
        let dir = TestLedger.newFolder()
        let ledger = folder + "/unvtf.ledger"
        let toTerminal = try CLI.vtf(["report", "psc", "--ledger", ledger, "--format", "xlsx"], in: dir)
        #expect(toTerminal.status == 2)
        #expect(toTerminal.stderr.contains("give --out"))
        let file = dir + "/psc.xlsx"
        try Data("mine".utf8).write(to: URL(fileURLWithPath: file))
        let over = try CLI.vtf(["report", "psc", "--ledger", ledger, "--format", "xlsx", "--out", file], in: dir)
        #expect(over.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data("mine".utf8))
        #expect(try CLI.vtf(["report", "psc", "--ledger", ledger, "--format", "xlsx", "--out", file, "--force"], in: dir).status == 0)
        let annual = try CLI.vtf(["report", "annual", "--year", "2025", "--ledger", ledger, "--format", "xlsx", "--out", dir + "/a.xlsx"], in: dir)
        #expect(annual.status == 2)
        #expect(annual.stderr.contains("html, csv or json"))
    }
}
