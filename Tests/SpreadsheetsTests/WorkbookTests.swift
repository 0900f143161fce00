import Foundation
import Spreadsheets
import Testing

/// The workbook read back by openpyxl (Debian's python3-openpyxl, the library pandas reads
/// .xlsx with): every cell as written, text never a formula, numbers with every digit.
@Suite struct WorkbookTests {
    static let tricky = [
        "=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2", "@SUM(A1)", "Côte d'Ivoire & <Co> \"quoted\"",
        "tab\there", "line\nbreak", "bell\u{7}", "_x0041_ literal", "日本 ✓",
    ]

    @Test func cellsReadBackAsWritten() throws {
        var sheet = Worksheet(name: "Grants: 2025/26 [draft]?")
        sheet.add([.heading("Text"), .heading("Amount")])
        for (index, text) in Self.tricky.enumerated() {
            sheet.add([.text(text), Cell.number(["1234.56", "-0.01", "0", "1000000", "20000.00", "0.853242", "12345678901234.5",
                                                 "123456789012345.67", "", "-9.99"][index])])
        }
        var second = Worksheet(name: "Grants: 2025/26 [draft]?")
        second.add([.text("second")])
        let bytes = try Workbook([sheet, second]).xlsx()
        let read = try Self.readBack(bytes)
        #expect(read["sheets"] as? [String] == ["Grants- 2025-26 -draft--", "Grants- 2025-26 -draft-- (2)"])
        let rows = try #require(read["rows"] as? [[Any]])
        #expect(rows.count == 1 + Self.tricky.count)
        for (index, text) in Self.tricky.enumerated() {
            #expect(rows[index + 1][0] as? String == text, "row \(index + 2)")
        }
        // Numbers come back as numbers, with the number format of their decimal places.
        #expect(rows[1][1] as? String == "number 1234.56 #,##0.00")
        #expect(rows[2][1] as? String == "number -0.01 #,##0.00")
        #expect(rows[4][1] as? String == "number 1000000 #,##0")
        #expect(rows[6][1] as? String == "number 0.853242 #,##0.000000")
        #expect(rows[7][1] as? String == "number 12345678901234.5 #,##0.0")
        // 17 significant digits would not survive a double: kept as text, every digit.
        #expect(rows[8][1] as? String == "text 123456789012345.67")
        #expect(rows[9][1] as? String == "none")
        #expect(read["formulas"] as? Int == 0)
    }

    @Test func theSameWorkbookGivesTheSameBytes() throws {
        var sheet = Worksheet(name: "A")
        sheet.add([.text("x"), .decimal("1.00")])
        #expect(try Workbook([sheet]).xlsx() == Workbook([sheet]).xlsx())
    }

    @Test func numberCellsAreOnlyExactDecimals() {
        #expect(Cell.number("12.50") == .decimal("12.50"))
        #expect(Cell.number("-3") == .decimal("-3"))
        for text in ["1e5", "1,000.00", " 1", "1.", ".5", "--1", "0x10", "NaN", "inf", "1.2.3", "-"] {
            #expect(Cell.number(text) == .text(text), "\(text)")
        }
        #expect(Cell.number("") == .empty)
    }

    /// Writes `bytes` to a temporary file and reads it with openpyxl: the sheet names, the first
    /// sheet's rows (column A's text, column B as "number VALUE FORMAT", "text VALUE" or "none"),
    /// and how many cells anywhere hold a formula.
    static func readBack(_ bytes: [UInt8]) throws -> [String: Any] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wb-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let script = """
            import json, sys, zipfile
            from decimal import Decimal
            import openpyxl
            from openpyxl.utils.escape import unescape
            assert zipfile.ZipFile(sys.argv[1]).testzip() is None
            book = openpyxl.load_workbook(sys.argv[1])
            def b(cell):
                if cell.value is None: return "none"
                if cell.data_type == "n": return "number %s %s" % (format(Decimal(repr(cell.value)).normalize(), "f") if isinstance(cell.value, float) else cell.value, cell.number_format)
                return "text %s" % cell.value
            # openpyxl leaves ECMA-376's _xHHHH_ escapes in cell text; Excel and LibreOffice decode them.
            rows = [[unescape(r[0].value) if isinstance(r[0].value, str) else r[0].value, b(r[1]) if len(r) > 1 else "none"] for r in book.worksheets[0].iter_rows()]
            formulas = sum(1 for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f")
            print(json.dumps({"sheets": book.sheetnames, "rows": rows, "formulas": formulas}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 with openpyxl could not read the workbook (apt-get install python3-openpyxl)")
        return try #require(JSONSerialization.jsonObject(with: output) as? [String: Any])
    }
}
