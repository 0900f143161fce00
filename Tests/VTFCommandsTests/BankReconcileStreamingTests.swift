import CanonicalJSON
import Foundation
import Testing

/// Issue 10 for `vtf reconcile bank`: only regular files are read (item 13), a second camt root
/// and non-UTF-8 CSV are refused (item 15), bank text reaches the terminal escaped (item 14), and
/// the JSON lists at most 1,000 unmatched bank lines with their count (item 11).
@Suite("vtf reconcile bank, hostile and big statements")
struct BankReconcileStreamingTests {
    /// An MT940 statement of account BE71096123456769 in EUR with `lines` debits the books do
    /// not have; `text` is the `:86:` of the first.
    static func statement(lines: Int, text: String = "payment") -> String {
        var out = ":20:STMT-BIG\n:25:BE71096123456769\n:28C:1/1\n:60F:C260101EUR1000000,00\n"
        for n in 1...lines {
            out += ":61:2601200120D1,00NTRFNONREF//BX-\(n)\n:86:\(n == 1 ? text : "payment \(n)")\n"
        }
        return out + ":62F:C260131EUR\(1_000_000 - lines),00\n-\n"
    }

    private func write(_ fund: FundLedger, _ name: String, _ bytes: [UInt8]) throws -> String {
        let path = fund.base.dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A FIFO with no writer used to hang the command for ever; /dev/zero to fill memory.
    @Test func onlyRegularFilesAreRead() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let fifo = fund.base.dir + "/statement.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let before = try fund.base.fileBytes()
        for path in [fifo, "/dev/zero", fund.base.dir] {
            let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100", "--statement-format", "mt940"])
            #expect(result.status == 2 && result.stderr.contains("--statement \(path) is ") && result.stderr.contains("not a regular file"), "\(path): \(result.stderr)")
        }
        let csv = try write(fund, "export.csv", Array("date,amount\n2026-01-20,1.00\n".utf8))
        let mapping = try fund.run(["reconcile", "bank", "--statement", csv, "--mapping", fifo, "--account", "1100"])
        #expect(mapping.status == 2 && mapping.stderr.contains("--mapping \(fifo) is a FIFO (named pipe), not a regular file"), "\(mapping.stderr)")
        #expect(try fund.base.fileBytes() == before)
    }

    @Test func aSecondCamtRootElementIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let sample = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/bank/camt053_genkgo_v8.xml")
        let bytes = [UInt8](try Data(contentsOf: sample))
        let path = try write(fund, "two.xml", bytes + bytes.drop { $0 != UInt8(ascii: "\n") })
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100"])
        #expect(result.status == 2 && result.stderr.contains("two.xml") && result.stderr.contains("root element"), "\(result.stderr)")
    }

    @Test func nonUTF8CSVIsRefusedWithItsOffset() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let csv = try write(fund, "export.csv", Array("date,amount,text\n2026-01-20,-1.00,Caf".utf8) + [0xE9, 0x0A])
        let mapping = try write(fund, "bank.json", Array(#"{"currency": "EUR", "account": "BE71096123456769", "columns": {"date": "date", "amount": "amount", "text": "text"}}"#.utf8))
        let result = try fund.run(["reconcile", "bank", "--statement", csv, "--mapping", mapping, "--account", "1100"])
        #expect(result.status == 2 && result.stderr.contains("export.csv line 2") && result.stderr.contains("byte offset 37"), "\(result.stderr)")
        let latin1 = try write(fund, "latin1.json", Array(#"{"currency": "EUR", "encoding": "ISO-8859-1", "account": "BE71096123456769", "columns": {"date": "date", "amount": "amount", "text": "text"}}"#.utf8))
        let read = try fund.run(["reconcile", "bank", "--statement", csv, "--mapping", latin1, "--account", "1100"])
        #expect(read.status == 1 && read.stdout.contains("Café"), "\(read.stdout)\(read.stderr)")
    }

    /// An escape sequence in a remittance text (here: clear the screen, red) is shown as text.
    @Test func bankTextIsPrintedEscaped() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = try write(fund, "esc.sta", Array(Self.statement(lines: 1, text: "pay\u{1B}[2J\u{1B}[31mme\u{9B}1m").utf8))
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!result.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" }, "\(result.stdout.debugDescription)")
        #expect(result.stdout.contains(#"pay\u001b[2J\u001b[31mme\u009b1m"#), "\(result.stdout)")
    }

    /// 1,500 unmatched lines: the JSON lists the first 1,000 in file order and counts all.
    @Test func theJSONListsAtMostAThousandUnmatchedBankLines() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = try write(fund, "big.sta", Array(Self.statement(lines: 1_500).utf8))
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100", "--format", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let json = try JSONParser.parse(Array(result.stdout.utf8))
        let unmatched = json.objectValue?["unmatched_bank"]?.arrayValue ?? []
        #expect(unmatched.count == 1_000 && json.objectValue?["unmatched_bank_count"]?.integerValue == 1_500)
        #expect(unmatched.first?.objectValue?["bank_id"]?.stringValue == "BX-1" && unmatched.last?.objectValue?["bank_id"]?.stringValue == "BX-1000")
        let problems = SchemaChecker.check(json, against: try SchemaChecker.load("reconcile-bank.schema.json"))
        #expect(problems.isEmpty, "\(problems)")
    }
}
