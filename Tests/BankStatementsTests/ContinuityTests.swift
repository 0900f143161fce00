import BankStatements
import LedgerCore
import Testing

@Suite("Balance continuity")
struct ContinuityTests {
    @Test(arguments: ["camt053_genkgo_v2_multi_statement.xml", "mt940_cmxl_mt940.sta", "mt940_betterplace_sepa_mt9401.sta"])
    func balancingSamplesBalance(name: String) throws {
        #expect(Continuity.check(try Fixtures.read(name)).isEmpty)
    }

    @Test func camtVersion8ClosesInAnotherCurrency() throws {
        let problems = Continuity.check(try Fixtures.read("camt053_genkgo_v8.xml"))
        #expect(problems.count == 1)
        #expect(problems.first?.kind == .currencyMismatch)
        #expect(problems.first?.statementID == "253EURNL26VAYB8060476890")
        #expect(problems.first?.expected == (try Fixtures.amount("27.00")))
        #expect(problems.first?.stated == (try Fixtures.amount("-27.00", "SEK")))
    }

    @Test func ingDoesNotBalance() throws {
        let problems = Continuity.check(try Fixtures.read("mt940_jejik_ing.sta"))
        #expect(problems.map(\.kind) == [.unbalanced])
        #expect(problems.first?.statementID == "MPBZ 000")
        // 0.00 − 25.03 − 3.03 − 1.11 − 20.00 − 1.10 + 3.68 + 1.00 = −45.59; closing 3.47.
        #expect(problems.first?.expected == (try Fixtures.amount("-45.59")))
        #expect(problems.first?.difference == (try Fixtures.amount("49.06")))
    }

    @Test func abnAmroDoesNotBalanceNorChain() throws {
        let problems = Continuity.check(try Fixtures.read("mt940_jejik_abnamro.sta"))
        #expect(problems.map(\.kind) == [.unbalanced, .unbalanced, .brokenChain])
        #expect(problems.map(\.statementID) == ["ABN AMRO BANK NV 19321/1", "ABN AMRO BANK NV 19322/1", "ABN AMRO BANK NV 19322/1"])
        // 3236.28 − 321.44 = 2914.84 against 876.84; 2876.84 − 24.49 = 2852.35 against 1849.75.
        #expect(problems.map(\.difference) == [
            try Fixtures.amount("-2038.00"), try Fixtures.amount("-1002.60"), try Fixtures.amount("2000.00"),
        ])
        #expect(problems[0].message.contains("-2038.00"))
    }

    @Test func sequenceGapsAreFound() throws {
        let text = """
            :20:A
            :25:ACC
            :28C:7/1
            :60F:C260101EUR10,
            :62F:C260101EUR10,
            -
            :20:B
            :25:ACC
            :28C:9/1
            :60F:C260102EUR10,
            :62F:C260102EUR10,
            -
            """
        let problems = Continuity.check(try Fixtures.mt940(text))
        #expect(problems.map(\.kind) == [.sequenceGap])
        #expect(problems.first?.statementID == "B 9/1")
    }
}
