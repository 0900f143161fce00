import BankStatements
import LedgerCore
import Testing

/// Hand-made MT940 inputs for each pitfall in LEDGERS.md §4.
@Suite("MT940")
struct MT940Tests {
    static func message(lines: String, opening: String = ":60F:C251231EUR100,00", closing: String = ":62F:C260102EUR100,00") -> String {
        ":20:REF1\n:25:DE00123\n:28C:1/1\n\(opening)\n\(lines)\(closing)\n-\n"
    }

    @Test func reversalMarks() throws {
        let text = Self.message(lines: ":61:2512311231RC10,NTRFNONREF\n:61:2512311231RD4,NTRFNONREF\n:61:2512311231C1,NTRFNONREF\n:61:2512311231D1,NTRFNONREF\n")
        let lines = try Fixtures.mt940(text).statements[0].lines
        #expect(lines.map(\.amount.minorUnits) == [-1000, 400, 100, -100])
        #expect(lines.map(\.isReversal) == [true, true, false, false])
    }

    @Test func entryDateRollsOverTheYear() throws {
        let text = Self.message(lines: ":61:2512310102C5,NTRFNONREF\n:61:2601021231D5,NTRFNONREF\n")
        let lines = try Fixtures.mt940(text).statements[0].lines
        #expect(lines[0].valueDate == (try Fixtures.date("2025-12-31")))
        #expect(lines[0].bookingDate == (try Fixtures.date("2026-01-02")))
        #expect(lines[1].bookingDate == (try Fixtures.date("2025-12-31")))
    }

    @Test func twoDigitYears() throws {
        let text = Self.message(lines: "", opening: ":60F:C791231EUR1,", closing: ":62F:C800101EUR1,")
        let statement = try Fixtures.mt940(text).statements[0]
        #expect(statement.opening.date.year == 2079)
        #expect(statement.closing.date.year == 1980)
    }

    @Test func intermediateBalances() throws {
        let text = Self.message(lines: ":61:251231C1,50NTRFNONREF\n", opening: ":60M:D251231EUR2,", closing: ":62M:D251231EUR0,5")
        let statement = try Fixtures.mt940(text).statements[0]
        #expect(statement.intermediate)
        #expect(statement.opening.amount == (try Fixtures.amount("-2.00")))
        #expect(statement.closing.amount == (try Fixtures.amount("-0.50")))
        #expect(Continuity.check(try Fixtures.mt940(text)).isEmpty)
    }

    @Test func swiftBlocksAndSeveralMessages() throws {
        let text = """
            {1:F01BANKDEFFAXXX0000000000}{2:O9401200260101BANKDEFFAXXX00000000002601011200N}{4:
            :20:FIRST
            :25:DE00123
            :28C:1
            :60F:C260101EUR0,
            :61:260101C12,34NTRFOWNREF1//BANKREF1
            supplementary details
            :62F:C260101EUR12,34
            -}
            {1:F01BANKDEFFAXXX0000000000}{2:O9401200260101BANKDEFFAXXX00000000002601011200N}{4:
            :20:SECOND
            :25:DE00123
            :28C:2
            :60F:C260101EUR12,34
            :62F:C260101EUR12,34
            :20:THIRD
            :25:DE00123
            :28C:3
            :60F:C260101EUR12,34
            :62F:C260101EUR12,34
            -}
            """
        let file = try Fixtures.mt940(text)
        #expect(file.statements.map(\.id) == ["FIRST 1", "SECOND 2", "THIRD 3"])
        let line = file.statements[0].lines[0]
        #expect(line.bankID == "BANKREF1")
        #expect(line.references == ["OWNREF1"])
        #expect(line.text == "supplementary details")
        #expect(Continuity.check(file).isEmpty)
    }

    @Test func wrappedAndStructuredInformation() throws {
        let text = Self.message(lines: """
            :61:251231C1,NTRFNONREF
            :86:166?00GUTSCHRIFT?20EREF+E2E-42?21SVWZ+Donation for the fu?22nd 2026?30DEUTDEFF?31DE0212
            3456789?32Jane Donor
            :61:251231D1,NTRFNONREF
            :86:Free text that is
            wrapped over two lines
            """ + "\n")
        let lines = try Fixtures.mt940(text).statements[0].lines
        #expect(lines[0].endToEndID == "E2E-42")
        #expect(lines[0].text == "GUTSCHRIFT Donation for the fund 2026")
        #expect(lines[0].counterparty == "Jane Donor")
        #expect(lines[0].counterpartyAccount == "DE02123456789")
        #expect(lines[1].text == "Free text that is wrapped over two lines")
    }

    @Test func kindOfReferences() throws {
        let text = Self.message(lines: ":61:251231D1,NTRFNONREF\n:86:191?20KREF+BATCH-1?21MREF+MANDATE-7?22EREF+NOTPROVIDED\n")
        let line = try Fixtures.mt940(text).statements[0].lines[0]
        #expect(line.references == ["BATCH-1", "MANDATE-7"])
        #expect(line.endToEndID == nil)
    }

    @Test func badAmountNamesTheLine() {
        let text = Self.message(lines: ":61:251231C12,3,4NTRFNONREF\n")
        let message = Fixtures.message { () throws(StatementError) in try Fixtures.mt940(text, name: "mt940_x.sta") }
        #expect(message == #"mt940_x.sta line 5 (statement "REF1 1/1"): :61: amount "12,3,4" is not a number"#)
    }

    @Test func badDateNamesTheLine() {
        let text = Self.message(lines: ":61:251332C1,NTRFNONREF\n")
        let message = Fixtures.message { () throws(StatementError) in try Fixtures.mt940(text, name: "x.sta") }
        #expect(message == #"x.sta line 5 (statement "REF1 1/1"): :61: date "251332" is no calendar date"#)
    }

    @Test func missingClosingBalanceNamesTheStatement() {
        let text = ":20:REF1\n:25:DE00123\n:60F:C251231EUR1,\n:61:251231C1,NTRFNONREF\n-\n"
        let message = Fixtures.message { () throws(StatementError) in try Fixtures.mt940(text, name: "x.sta") }
        #expect(message == #"x.sta line 1 (statement "REF1"): no closing balance (:62F: or :62M:)"#)
    }

    @Test func tooManyDecimalsAndNoMessage() {
        let text = Self.message(lines: ":61:251231C1,234NTRFNONREF\n")
        let decimals = Fixtures.message { () throws(StatementError) in try Fixtures.mt940(text, name: "x.sta") }
        #expect(decimals?.contains(#"amount "1,234" has 3 decimals, EUR has 2"#) == true)
        let empty = Fixtures.message { () throws(StatementError) in try Fixtures.mt940("hello\n", name: "x.sta") }
        #expect(empty?.hasPrefix("x.sta: no MT940 message") == true)
    }
}
