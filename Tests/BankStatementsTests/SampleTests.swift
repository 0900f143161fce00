import BankStatements
import LedgerCore
import Testing

/// The public samples, with figures read from the files by eye.
@Suite("Bank statement samples")
struct SampleTests {
    @Test func everySampleIsDetected() throws {
        for name in Fixtures.samples {
            let expected: StatementFormat = name.hasSuffix(".xml") ? .camt053 : .mt940
            #expect(StatementFormat.detect(try Fixtures.bytes(name)) == expected, "\(name)")
        }
        #expect(StatementFormat.detect(Array("date;amount\n2026-01-01;1,00\n".utf8)) == nil)
    }

    @Test func camtVersion2WithTwoStatements() throws {
        let file = try Fixtures.read("camt053_genkgo_v2_multi_statement.xml")
        #expect(file.statements.count == 2)
        #expect(file.statements.map(\.lines.count) == [1, 1])
        let first = file.statements[0]
        #expect(first.id == "253EURNL26VAYB8060476890")
        #expect(first.account == "NL26VAYB8060476890")
        #expect(first.sequence == "12312")
        #expect(first.opening.amount == (try Fixtures.amount("18.15")))
        #expect(first.opening.date == (try Fixtures.date("2014-12-30")))
        #expect(first.closing.amount == (try Fixtures.amount("27.00")))
        let line = first.lines[0]
        #expect(line.amount == (try Fixtures.amount("8.85")))
        #expect(line.bookingDate == (try Fixtures.date("2014-12-31")))
        #expect(line.valueDate == (try Fixtures.date("2015-01-02")))
        #expect(line.endToEndID == "000000001")
        #expect(line.transactionCode == "544")
        #expect(line.text == "Transaction Description 1")
        let debit = file.statements[1].lines[0]
        #expect(debit.amount == (try Fixtures.amount("-7.00")))
        #expect(debit.counterparty == "Company Name 2")
        #expect(debit.counterpartyAccount == "NL56AGDH9619008421")
        #expect(file.statements[1].sequence == nil)
    }

    @Test func camtVersion8() throws {
        let file = try Fixtures.read("camt053_genkgo_v8.xml")
        #expect(file.statements.count == 1)
        let statement = file.statements[0]
        #expect(statement.account == "NL26VAYB8060476890")
        #expect(statement.currency.code == "EUR")
        #expect(statement.lines.count == 1)
        #expect(file.skipped.isEmpty)
        let line = statement.lines[0]
        #expect(line.bankID == "AAAASESS-FP-CN_98765/01")
        #expect(line.endToEndID == "MUELL/FINP/RA12345")
        #expect(line.references == ["4654654654654654"])
        #expect(line.counterparty == "NAME NAME")
        #expect(line.counterpartyAccount == "NL56AGDH9619008421")
        #expect(line.transactionCode == "PMNT/RCDT/BOOK")
        #expect(line.bookingDate == (try Fixtures.date("2014-12-31")))
        #expect(statement.closing.amount == (try Fixtures.amount("-27.00", "SEK")))
    }

    @Test func ingWithPreamble() throws {
        let file = try Fixtures.read("mt940_jejik_ing.sta")
        #expect(file.statements.count == 1)
        let statement = file.statements[0]
        #expect(statement.account == "0001234567")
        #expect(statement.lines.count == 7)
        #expect(statement.lines[0].amount == (try Fixtures.amount("-25.03")))
        #expect(statement.lines[0].valueDate == (try Fixtures.date("2010-07-22")))
        #expect(statement.lines[2].references == ["TMG TANGO"])
        #expect(statement.lines[5].amount == (try Fixtures.amount("3.68")))
        #expect(statement.lines[6].text.hasPrefix("0111111111 Hr S Marechal ROSMALEN"))
        #expect(statement.closing.amount == (try Fixtures.amount("3.47")))
    }

    @Test func abnAmroTwoMessagesAndIntermediateBalances() throws {
        let file = try Fixtures.read("mt940_jejik_abnamro.sta")
        #expect(file.statements.map(\.lines.count) == [8, 2])
        #expect(file.statements.map(\.sequence) == ["19321/1", "19322/1"])
        #expect(file.statements.map(\.intermediate) == [false, true])
        let lines = file.statements[0].lines
        #expect(lines[0].transactionCode == "N192")
        #expect(lines[1].valueDate == (try Fixtures.date("2011-05-21")))
        #expect(lines[1].bookingDate == (try Fixtures.date("2011-05-23")))
        #expect(lines[3].amount == (try Fixtures.amount("-11.80")))
        #expect(lines[6].amount == (try Fixtures.amount("-107.00")))
        #expect(file.statements[1].opening.amount == (try Fixtures.amount("2876.84")))
    }

    @Test func cmxlSetsTheDeutschmarkStatementAside() throws {
        let file = try Fixtures.read("mt940_cmxl_mt940.sta")
        #expect(file.statements.count == 2)
        #expect(file.statements.map(\.lines.count) == [2, 3])
        #expect(file.setAside.count == 1)
        #expect(file.setAside.first?.statementID == "131110 27/01")
        #expect(file.setAside.first?.reason.contains("DEM") == true)
        let standingOrder = file.statements[0].lines[0]
        #expect(standingOrder.amount == (try Fixtures.amount("-800.00")))  // "DR": D and funds code R
        #expect(!standingOrder.isReversal)
        #expect(standingOrder.bankID == "55555")
        #expect(standingOrder.counterparty == "MUELLER")
        #expect(standingOrder.text.contains("Miete November"))
        #expect(file.statements[0].lines[1].text.contains("Gehalt Oktober"))
        let polish = file.statements[1]
        #expect(polish.currency.code == "PLN")
        #expect(polish.lines[0].transactionCode == "FMSC")
        #expect(polish.lines[0].bankID == "8327000090031789")
        #expect(polish.lines[0].counterparty == "HUTA SZKLA TOPIC UL PRZEMYSLOWA 67 32-669 WROCLAW")
        #expect(polish.lines[1].references == ["REF 25611247"])
    }

    @Test func betterplaceSepa() throws {
        let file = try Fixtures.read("mt940_betterplace_sepa_mt9401.sta")
        #expect(file.statements.count == 26)
        #expect(file.statements.reduce(0) { $0 + $1.lines.count } == 97)
        #expect(file.statements.filter(\.intermediate).count == 11)
        let first = file.statements[0]
        #expect(first.id == "T089413946000001 00004/00001")
        #expect(first.account == "50880050/0194774600888")
        #expect(first.opening.amount == (try Fixtures.amount("-1234718.36")))
        #expect(first.lines[0].amount == (try Fixtures.amount("300.00")))
        #expect(first.lines[0].bankID == "0724710345313905")
        #expect(first.lines[0].endToEndID == "TFNR 40005 00005")
        #expect(first.lines[0].references == ["TFNr 40005 MSGID"])
        let reversal = first.lines[5]
        #expect(reversal.isReversal)
        #expect(reversal.amount == (try Fixtures.amount("-204.88")))
        #expect(reversal.transactionCode == "NRTI")
        let incoming = file.statements[1].lines[0]
        #expect(incoming.endToEndID == "EndToEndIdTFNR2000400001")
        #expect(incoming.counterparty == "Richter Renate 70 Zeichen Beginn Fuellzeichen xxxxxxxx")
        #expect(incoming.counterpartyAccount == "DE42100100100043921105")
        #expect(file.statements[1].lines[1].references == ["TFNr 01005 PayId CTSc-01 EBB"])
    }
}
