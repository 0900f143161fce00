import BankStatements
import Foundation
import LedgerCore
import Testing

/// Counts and sums what a reader visits, holding no line.
private struct Counter: StatementVisitor {
    var lines = 0
    var sum: Int64 = 0
    var statements = 0

    mutating func visit(line: BankLine) throws(StatementError) {
        lines += 1
        sum += line.amount.minorUnits
    }

    mutating func end(statement: BankStatement) throws(StatementError) { statements += 1 }
    mutating func setAside(_ statement: SetAsideStatement) throws(StatementError) {}
    mutating func skipped(_ entry: SkippedEntry) throws(StatementError) {}
}

/// Issue 10, items 10, 11 and 15: statements are read as a stream, in bounded pieces, and read
/// the same whatever the pieces.
@Suite("Streaming readers")
struct StreamingTests {
    /// A well-formed camt.053 document of `entries` entries (about 400 bytes each), and the
    /// sum of its lines in minor units.
    static func bigCamt(entries: Int) throws -> (bytes: [UInt8], sum: Int64) {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
            <GrpHdr><MsgId>BIG</MsgId><CreDtTm>2026-12-31T00:00:00</CreDtTm></GrpHdr>
            <Stmt><Id>BIG-1</Id><Acct><Id><IBAN>BE71096123456769</IBAN></Id><Ccy>EUR</Ccy></Acct>
            <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-01-01</Dt></Dt></Bal>

            """
        var sum: Int64 = 0
        for n in 1...entries {
            let minor = Int64(n * 7919 % 1_000_000 + 1)
            let credit = n % 3 != 0
            sum += credit ? minor : -minor
            let day = String(n % 28 + 1).leftPadded(2)
            text += "<Ntry><Amt Ccy=\"EUR\">\(minor / 100).\(String(minor % 100).leftPadded(2))</Amt><CdtDbtInd>\(credit ? "CRDT" : "DBIT")</CdtDbtInd>"
            text += "<Sts>BOOK</Sts><BookgDt><Dt>2026-03-\(day)</Dt></BookgDt><ValDt><Dt>2026-03-\(day)</Dt></ValDt><AcctSvcrRef>BK\(n)</AcctSvcrRef>"
            text += "<NtryDtls><TxDtls><Refs><EndToEndId>E-\(n)</EndToEndId></Refs><RmtInf><Ustrd>payment \(n) of a busy year</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n"
        }
        let closing = Amount(minorUnits: abs(sum), currency: try Currency(code: "EUR")).decimalString
        text += """
            <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">\(closing)</Amt><CdtDbtInd>\(sum < 0 ? "DBIT" : "CRDT")</CdtDbtInd><Dt><Dt>2026-12-31</Dt></Dt></Bal>
            </Stmt></BkToCstmrStmt></Document>

            """
        return (Array(text.utf8), sum)
    }

    /// Item 10: a well-formed 12 MB camt.053 (one chunk of it used to exceed libxml2's 10 MB
    /// limit: "not well-formed") is read, and its count and sum are those written.
    @Test func aTwelveMegabyteCamtIsRead() throws {
        let (bytes, sum) = try Self.bigCamt(entries: 38_000)
        #expect(bytes.count > 12_000_000)
        var counter = Counter()
        try StatementReader.read(from: InMemoryByteSource(bytes), format: .camt053, fileName: "year.xml", visitor: &counter)
        #expect(counter.lines == 38_000 && counter.sum == sum && counter.statements == 1)
        let file = try StatementReader.read(bytes: bytes, format: .camt053, fileName: "year.xml")
        #expect(file.statements.first?.lines.count == counter.lines)
        #expect(Continuity.check(file).isEmpty)
    }

    /// Every sample, and seeded mutants of each, read the same (or are refused with the same
    /// message) whether the bytes come in pieces of 1, 7, 4096 bytes or all at once.
    @Test func aStatementReadsTheSameInAnyChunks() throws {
        var inputs: [(name: String, bytes: [UInt8], format: StatementFormat, mapping: CSVMapping?)] = []
        for name in Fixtures.samples {
            let bytes = try Fixtures.bytes(name)
            inputs.append((name, bytes, try #require(StatementFormat.detect(bytes)), nil))
        }
        let mapping = try CSVMapping.parse(json: Array(CSVTests.germanMapping.utf8), fileName: "map.json")
        inputs.append(("bank.csv", Array(CSVTests.germanCSV.utf8), .csv, mapping))
        var mutator = Mutator(random: SplitMix64(seed: 0x4348_554E_4B53))
        var cases = inputs
        for input in inputs {
            for _ in 0..<30 { cases.append((input.name, mutator.mutate(input.bytes), input.format, input.mapping)) }
        }
        for input in cases {
            let whole = Self.outcome(input.bytes, input.format, input.mapping, pieceSize: 1 << 20)
            for pieceSize in [1, 7, 4096] {
                let pieces = Self.outcome(input.bytes, input.format, input.mapping, pieceSize: pieceSize)
                #expect(pieces == whole, "\(input.name) in pieces of \(pieceSize)")
            }
        }
    }

    static func outcome(_ bytes: [UInt8], _ format: StatementFormat, _ mapping: CSVMapping?, pieceSize: Int) -> Result<StatementFile, StatementError> {
        var collector = StatementCollector(fileName: "in", format: format)
        do {
            try StatementReader.read(from: InMemoryByteSource(bytes, pieceSize: pieceSize), format: format, mapping: mapping, fileName: "in", visitor: &collector)
            return .success(collector.file)
        } catch {
            return .failure(error)
        }
    }

    /// Item 15: a second root element after the document is refused, not read.
    @Test func aSecondRootElementIsRefused() throws {
        let (bytes, _) = try Self.bigCamt(entries: 2)
        let doubled = bytes + Array("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"></Document>\n".utf8)
        let message = Fixtures.message { () throws(StatementError) in
            try StatementReader.read(bytes: doubled, format: .camt053, fileName: "two.xml")
        }
        #expect(message?.contains("two.xml") == true && message?.contains("root") == true, "\(message ?? "accepted")")
    }

    /// Item 15: CSV bytes that are not UTF-8 are refused with the byte's offset, unless the
    /// mapping says ISO-8859-1, which then reads them.
    @Test func nonUTF8CSVIsRefusedUnlessTheMappingSaysLatin1() throws {
        let csv = Array("date,amount,text\n2026-01-20,10.00,Caf".utf8) + [0xE9] + Array(" du coin\n".utf8)
        let columns = #""columns": {"date": "date", "amount": "amount", "text": "text"}"#
        let utf8 = try CSVMapping.parse(json: Array(#"{"currency": "EUR", \#(columns)}"#.utf8), fileName: "m.json")
        let message = Fixtures.message { () throws(StatementError) in
            try StatementReader.read(bytes: csv, format: .csv, mapping: utf8, fileName: "export.csv")
        }
        #expect(message?.contains("export.csv line 2") == true && message?.contains("byte offset 37") == true, "\(message ?? "accepted")")
        let latin1 = try CSVMapping.parse(json: Array(#"{"currency": "EUR", "encoding": "ISO-8859-1", \#(columns)}"#.utf8), fileName: "m.json")
        let file = try StatementReader.read(bytes: csv, format: .csv, mapping: latin1, fileName: "export.csv")
        #expect(file.statements.first?.lines.first?.text == "Café du coin")
        #expect(throws: StatementError.self) {
            try CSVMapping.parse(json: Array(#"{"currency": "EUR", "encoding": "EBCDIC", \#(columns)}"#.utf8), fileName: "m.json")
        }
    }

    /// Item 15: a mapping file that is wrong says which key, in words, not Foundation's text.
    @Test func aBrokenMappingNamesTheKey() {
        func message(_ json: String) -> String {
            do {
                _ = try CSVMapping.parse(json: Array(json.utf8), fileName: "bank.json")
                return "accepted"
            } catch {
                return error.message
            }
        }
        #expect(message(#"{"columns": {}}"#) == #"bank.json: not a CSV mapping: "currency" is missing"#)
        #expect(message(#"{"currency": 12, "columns": {}}"#).contains(#""currency" has the wrong type"#))
        #expect(message("date;amount") == "bank.json: not a CSV mapping: it is not JSON")
    }

    /// Item 14: bank text quoted in a message has its control characters escaped, C1 included.
    @Test func bankTextInMessagesIsEscaped() {
        let text = ":20:X\n:25:A\n:60F:C260101EUR0,\n:61:2601200120C1,00\u{9B}2J\u{1B}//B\n:62F:C260131EUR1,00\n-\n"
        let message = Fixtures.message { () throws(StatementError) in try Fixtures.mt940(text) } ?? "accepted"
        #expect(message.contains("line 4") && !message.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B }, "\(message.debugDescription)")
        #expect(message.contains(#"\u{9B}"#), "\(message)")
    }

    /// Item 11: a line longer than 64 KiB is refused, not held: no reader's memory grows with it.
    @Test func anEndlessLineIsRefused() throws {
        let bytes = Array(":20:X\n:86:".utf8) + Array(repeating: UInt8(ascii: "A"), count: 200_000)
        let message = Fixtures.message { () throws(StatementError) in
            try StatementReader.read(bytes: bytes, format: .mt940, fileName: "zero.sta")
        }
        #expect(message?.contains("longer than 65536 bytes") == true, "\(message ?? "accepted")")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
