import BankStatements
import LedgerCore
import Testing

/// Issue 12 items 2 and 7: MT940 as real banks write it, from files made in their layouts
/// (Tests/Fixtures/bank/mt940_own_*.sta, see its README).
@Suite("MT940 of real banks")
struct RealBankMT940Tests {
    /// Rabobank writes `:28C:0` on every statement: no sequence break.
    @Test func rabobankSequenceZeroIsNoBreak() throws {
        let file = try Fixtures.read("mt940_own_rabobank_28c0.sta")
        #expect(file.statements.count == 2)
        #expect(file.statements.map(\.sequence) == ["0", "0"])
        #expect(Continuity.check(file).isEmpty)
        // NONREF is no reference and no bank id.
        #expect(file.statements[0].lines.allSatisfy { $0.bankID == nil && $0.references.isEmpty })
    }

    /// A zero next to a real number is no break either; a real gap still is.
    @Test func sequenceZeroAgainstNumbers() throws {
        func chain(_ first: String, _ second: String) throws -> [ContinuityProblem.Kind] {
            let text = ":20:A\n:25:ACC\n:28C:\(first)\n:60F:C260101EUR1,\n:62F:C260101EUR1,\n-\n"
                + ":20:B\n:25:ACC\n:28C:\(second)\n:60F:C260102EUR1,\n:62F:C260102EUR1,\n-\n"
            return Continuity.check(try Fixtures.mt940(text)).map(\.kind)
        }
        #expect(try chain("00000", "00000").isEmpty)
        #expect(try chain("0", "5/1").isEmpty)
        #expect(try chain("4/1", "6/1") == [.sequenceGap])
    }

    /// `NOV `, `NIT `, `S   `: codes padded with spaces are read, kept without the spaces.
    @Test func spacePaddedTransactionTypes() throws {
        let file = try Fixtures.read("mt940_own_triodos_padded_types.sta")
        let lines = file.statements[0].lines
        #expect(lines.map(\.transactionCode) == ["NOV", "NIT", "S"])
        #expect(lines.map(\.amount.minorUnits) == [25000, -1500, -3500])
        #expect(lines[2].references == ["EREF-77"])
        #expect(Continuity.check(file).isEmpty)
        let bad = Fixtures.message { () throws(StatementError) in
            try Fixtures.mt940(MT940Tests.message(lines: ":61:251231C1,N T NONREF\n", closing: ":62F:C251231EUR101,00"))
        }
        #expect(bad?.contains("transaction type \"N T \" is not a letter and 3 characters") == true)
    }

    /// The banks' "30 February" (interest on a 30-day month) is the month's last day.
    @Test func thirtiethOfFebruary() throws {
        let file = try Fixtures.read("mt940_own_sparkasse_30feb.sta")
        let interest = file.statements[0].lines[0]
        #expect(interest.valueDate == (try Fixtures.date("2024-02-29")))
        #expect(interest.bookingDate == (try Fixtures.date("2024-02-29")))
        #expect(interest.amount == (try Fixtures.amount("1.25")))
        #expect(Continuity.check(file).isEmpty)
        let nonLeap = try Fixtures.mt940(MT940Tests.message(lines: ":61:2502300230C1,NZINNONREF\n", closing: ":62F:C251231EUR101,00"))
        #expect(nonLeap.statements[0].lines[0].valueDate == (try Fixtures.date("2025-02-28")))
        let nonsense = Fixtures.message { () throws(StatementError) in
            try Fixtures.mt940(MT940Tests.message(lines: ":61:2502320232C1,NZINNONREF\n"))
        }
        #expect(nonsense?.contains("date \"250232\" is no calendar date") == true)
    }

    /// Legacy exports write a decimal point; a comma stays the SWIFT decimal.
    @Test func legacyDecimalPoint() throws {
        let file = try Fixtures.read("mt940_own_legacy_decimal_point.sta")
        let statement = file.statements[0]
        #expect(statement.opening.amount == (try Fixtures.amount("1000.00")))
        #expect(statement.lines.map(\.amount) == [try Fixtures.amount("250.50"), try Fixtures.amount("-0.75")])
        #expect(statement.lines.map(\.bankID) == ["BK-1001", "BK-1002"])
        #expect(Continuity.check(file).isEmpty)
        let twoPoints = Fixtures.message { () throws(StatementError) in
            try Fixtures.mt940(MT940Tests.message(lines: ":61:251231C1.000.00NTRFNONREF\n"))
        }
        #expect(twoPoints?.contains("amount \"1.000.00\" is not a number") == true)
    }

    /// A lone `-` inside `:86:` is text, not the end of the message (which used to give "no
    /// closing balance").
    @Test func dashInsideInformation() throws {
        let file = try Fixtures.read("mt940_own_abnamro_dash_in_86.sta")
        #expect(file.statements.count == 2)
        let first = file.statements[0].lines[0]
        #expect(first.text.contains("IBAN: NL86ABNA0123456789 - BIC: ABNANL2A NAAM: PARTNER NGO OMSCHRIJVING: GRANT 2025-07"))
        #expect(file.statements[1].lines[0].text == "SEPA IDEAL - DONATIE")
        #expect(file.statements.map(\.closing.amount) == [try Fixtures.amount("2678.56"), try Fixtures.amount("2778.56")])
        #expect(Continuity.check(file).isEmpty)
    }

    /// After the closing balance a `-` still ends the message, even inside a trailing `:86:`.
    @Test func dashAfterClosingEndsTheMessage() throws {
        let text = ":20:A\n:25:ACC\n:60F:C260101EUR1,\n:62F:C260101EUR1,\n:86:message text\n-\n:20:B\n:25:ACC\n:60F:C260101EUR1,\n:62F:C260101EUR1,\n-\n"
        #expect(try Fixtures.mt940(text).statements.count == 2)
    }

    /// `//NONREF`, `NOTPROVIDED` in any case are no bank id.
    @Test func placeholderBankIDs() throws {
        let text = MT940Tests.message(
            lines: ":61:251231C1,NTRFNONREF//NONREF\n:61:251231C1,NTRFNONREF//notprovided\n:61:251231C1,NTRFNONREF////NONREF\n:61:251231C1,NTRFnonref//B-1\n",
            closing: ":62F:C251231EUR104,00")
        let lines = try Fixtures.mt940(text).statements[0].lines
        #expect(lines.map(\.bankID) == [nil, nil, nil, "B-1"])
        #expect(lines[3].references.isEmpty)
        #expect(BankID.isPlaceholder(" //NonRef ") && BankID.isPlaceholder("NOTPROVIDED") && !BankID.isPlaceholder("NONREF1"))
    }
}
