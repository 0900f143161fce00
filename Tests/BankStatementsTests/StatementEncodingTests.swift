import BankStatements
import LedgerCore
import Testing

/// Issue 12 item 7: MT940 text in code pages other than Latin-1, named with `--encoding`.
@Suite("MT940 code pages")
struct StatementEncodingTests {
    static func read(_ name: String, _ encoding: String?) throws -> StatementFile {
        let named = try encoding.map { name throws(StatementError) in try StatementEncoding(named: name) } ?? .automatic
        return try StatementReader.read(bytes: try Fixtures.bytes(name), format: .mt940, fileName: name, encoding: named)
    }

    /// The refusal `body` throws, nil when it reads.
    static func refusal(_ body: () throws -> StatementFile) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? StatementError)?.message ?? "\(error)"
        }
    }

    /// PKO BP in windows-1250: Polish letters come out right only when the page is named.
    @Test func polishWindows1250() throws {
        let named = try Self.read("mt940_own_pkobp_cp1250.sta", "windows-1250").statements[0]
        #expect(named.lines[0].text.contains("Łódź, ul. Żółkiewskiego"), "\(named.lines[0].text)")
        #expect(named.lines[0].text.contains("SPÓŁKA Z O.O."))
        #expect(named.lines[1].text.contains("OPŁATA"))
        #expect(Continuity.check([named]).isEmpty)
        // Unnamed, the bytes are read as ISO 8859-1: wrong letters, as before.
        let guessed = try Self.read("mt940_own_pkobp_cp1250.sta", nil).statements[0]
        #expect(!guessed.lines[0].text.contains("Łódź"))
        #expect(try Self.read("mt940_own_pkobp_cp1250.sta", "cp1250").statements[0].lines[0].text == named.lines[0].text)
    }

    /// A Swiss DOS export in CP850.
    @Test func swissCP850() throws {
        let line = try Self.read("mt940_own_postfinance_cp850.sta", "ibm850").statements[0].lines[0]
        #expect(line.text == "Spende Zürich, Genève Gebühr frei")
        #expect(line.bankID == "PF-0001")
    }

    /// A byte the named page cannot read, or bytes that are not UTF-8 under `UTF-8`, are refused
    /// with the line; an unknown name lists the known ones; only MT940 takes an encoding.
    @Test func refusals() throws {
        let utf8 = Self.refusal { try Self.read("mt940_own_pkobp_cp1250.sta", "UTF-8") }
        #expect(utf8 == "mt940_own_pkobp_cp1250.sta line 6: byte 28 is not UTF-8; name the file's code page with --encoding (e.g. windows-1250, CP850)")
        let undefined = Self.refusal {
            try StatementReader.read(bytes: Array(":20:A\n:86:x".utf8) + [0x81], format: .mt940, fileName: "w.sta",
                                     encoding: try StatementEncoding(named: "windows-1252"))
        }
        #expect(undefined == "w.sta line 2: byte 6 (0x81) has no character in windows-1252; check --encoding")
        let unknown = Self.refusal { try Self.read("mt940_own_pkobp_cp1250.sta", "EBCDIC") }
        #expect(unknown?.hasPrefix("--encoding \"EBCDIC\" is not an encoding vtf knows; use one of UTF-8, ISO-8859-1, ISO-8859-2") == true)
        let camt = Self.refusal {
            try StatementReader.read(bytes: try Fixtures.bytes("camt053_genkgo_v8.xml"), format: .camt053, fileName: "c.xml",
                                     encoding: try StatementEncoding(named: "CP850"))
        }
        #expect(camt == "c.xml: --encoding names an MT940 file's code page; camt is XML in UTF-8: drop --encoding")
    }
}
