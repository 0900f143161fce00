import CanonicalJSON
import Foundation
import Testing

/// `vtf reconcile bank` on the fund fixture ledger. Its EUR cash account 1100 holds the receipt
/// B-1 (EUR 50,000.00 on 2026-01-20) and the conversion TRY-1 (EUR 30,000.00 out on 2026-01-25).
/// The bank's statement has both, and EUR 12.50 of charges the books do not have yet:
/// closing 50,000.00 − 30,000.00 − 12.50 = 19,987.50 against the books' 20,000.00.
@Suite("vtf reconcile bank")
struct BankReconcileCommandTests {
    static let statement = """
        :20:STMT-2026-01
        :25:BE71096123456769
        :28C:1/1
        :60F:C260101EUR0,
        :61:2601200120C50000,00NTRFNONREF//BNK-0001
        :86:?00SEPA CREDIT?20EREF+B-1?32KINGDOM OF BELGIUM
        :61:2601250125D30000,00NTRFTRY-1//BNK-0002
        :86:TREASURY CONVERSION EUR/USD
        :61:2601260126D12,50NCHGNONREF//BNK-0003
        :86:Bank charges January
        :62F:C260131EUR19987,50
        -

        """

    private func write(_ fund: FundLedger, _ text: String = Self.statement) throws -> String {
        let path = fund.base.dir + "/january.sta"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func matchesByReferenceAndNamesWhatDiffers() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = try write(fund)
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("Matched: 2 bank lines to 2 book lines (rule 1: 0, rule 2: 2, rule 3: 0, rule 4: 0)"), "\(result.stdout)")
        #expect(result.stdout.contains("Unmatched bank lines: 1") && result.stdout.contains("bank charges: booked on approval"), "\(result.stdout)")
        #expect(result.stdout.contains("statement 19987.50, books 20000.00 EUR — DIFFERENCE -12.50"), "\(result.stdout)")
        let json = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100", "--format", "json"]).stdout
        #expect(json.contains(#""matched_count":2"#) && json.contains(#""agrees":false"#))
        let problems = SchemaChecker.check(try JSONParser.parse(Array(json.utf8)), against: try SchemaChecker.load("reconcile-bank.schema.json"))
        #expect(problems.isEmpty, "\(problems)")
    }

    /// A bank line of no amount is information: shown, neither matched nor unmatched (an
    /// outside trial's zero line kept a statement from ever reconciling).
    @Test func aLineOfNoAmountIsInformationOnly() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = try write(fund, Self.statement.replacingOccurrences(of: ":62F:", with: ":61:2601270127C0,NMSCNONREF//BNK-0004\n:86:Notice of interest rate change\n:62F:"))
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100"])
        #expect(result.stdout.contains("Bank lines of no amount (information only): 1"), "\(result.stdout)")
        #expect(result.stdout.contains("Unmatched bank lines: 1") && result.stdout.contains("Notice of interest rate change"), "\(result.stdout)")
    }

    /// Statements newest first, as some banks export them, are put in time order: the chain
    /// holds and the closing compared is February's (an outside trial's newest-first file was
    /// read as closing on its first month, with false breaks in the chain).
    @Test func statementsNewestFirstAreReadInTimeOrder() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let february = """
            :20:STMT-2026-02
            :25:BE71096123456769
            :28C:2/1
            :60F:C260131EUR19987,50
            :62F:C260228EUR19987,50
            -

            """
        let path = try write(fund, february + Self.statement)
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100"])
        #expect(result.stdout.contains("Closing balance 2026-02-28: statement 19987.50"), "\(result.stdout)")
        #expect(!result.stdout.contains("continuity:"), "\(result.stdout)")
    }

    @Test func committingBooksTheChargesOnApprovalAndIsIdempotent() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = try write(fund)
        // Committed in February: the charges are still dated when the bank took them (26 January),
        // so January's closing balance agrees once they are booked.
        let committed = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100", "--commit", "--date", "2026-02-10"])
        #expect(committed.status == 1 && committed.stderr.contains("committed: entry"), "\(committed.stdout)\(committed.stderr)")
        let ref = String(try #require(committed.stderr.firstMatch(of: #/requested bank charges: (CHG-[0-9a-f]+-1)/#)).1)
        // The same statement again: nothing changes.
        let before = try fund.base.fileBytes()
        let again = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100", "--commit"])
        let after = try fund.base.fileBytes()
        #expect(again.stderr.contains("nothing changed") && after == before, "\(again.stderr)")
        // Two officers book the charges; then everything agrees: the earlier pairs by bank id
        // (rule 1), the charges by the bank id their request names (rule 2).
        try fund.ok(["certify", ref], as: "chen")
        let booked = try fund.ok(["approve", ref], as: "amara").stdout
        #expect(booked.contains("5400") && booked.contains("-12.50"), "\(booked)")
        let final = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100"])
        #expect(final.status == 0, "\(final.stdout)")
        #expect(final.stdout.contains("(rule 1: 2, rule 2: 1, rule 3: 0, rule 4: 0)") && final.stdout.contains("ok: the bank and the books agree"), "\(final.stdout)")
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
    }

    /// An outside trial committed the same statement exported again (CRLF line ends: other
    /// bytes, the same lines) and had its charges requested, and booked, twice; and booked
    /// charges against a revenue account. Now the second commit requests nothing for the line
    /// already requested, a request for it made by hand is refused, and charges go only on cash.
    @Test func aBankLineIsChargedOnceAndOnlyOnCash() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = try write(fund)
        let first = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100", "--commit", "--date", "2026-01-31"])
        #expect(first.stderr.contains("requested bank charges: CHG-"), "\(first.stderr)")
        let crlf = try write(fund, Self.statement.replacingOccurrences(of: "\n", with: "\r\n"))
        let second = try fund.run(["reconcile", "bank", "--statement", crlf, "--account", "1100", "--commit", "--date", "2026-01-31"])
        #expect(second.stderr.contains("committed: entry") && !second.stderr.contains("requested bank charges"), "\(second.stderr)")
        let pending = try fund.ok(["pending"]).stdout
        #expect(pending.components(separatedBy: "bank.charges").count - 1 == 1, "\(pending)")
        let before = try fund.base.fileBytes()
        let revenue = try fund.run(["reconcile", "bank", "--statement", path, "--account", "4100", "--commit", "--date", "2026-02-01"])
        #expect(revenue.status == 2 && revenue.stderr.contains("is not cash"), "\(revenue.stdout)\(revenue.stderr)")
        #expect(try fund.base.fileBytes() == before)
    }

    /// The same month as a bank's CSV export, read through a mapping file: German-style dates
    /// and decimals, a quoted text with the delimiter in it, the bank's id in its own column.
    @Test func aCSVExportIsReadThroughItsMapping() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let csv = """
            Buchungstag;Betrag;Verwendungszweck;Referenz;Bank-ID
            20.01.2026;50.000,00;"SEPA credit; Kingdom of Belgium";B-1;BNK-0001
            25.01.2026;-30.000,00;Treasury conversion;TRY-1;BNK-0002

            """
        let mapping = """
            {"delimiter": ";", "header": true, "date_format": "DD.MM.YYYY", "decimal": ",", "thousands": ".",
             "currency": "EUR", "account": "BE71096123456769",
             "columns": {"date": "Buchungstag", "amount": "Betrag", "text": "Verwendungszweck", "reference": "Referenz", "bank_id": "Bank-ID"},
             "opening_balance": "0,00", "closing_balance": "20.000,00"}
            """
        try csv.write(toFile: fund.base.dir + "/export.csv", atomically: true, encoding: .utf8)
        try mapping.write(toFile: fund.base.dir + "/bank.json", atomically: true, encoding: .utf8)
        let result = try fund.run(["reconcile", "bank", "--statement", fund.base.dir + "/export.csv", "--statement-format", "csv",
                                   "--mapping", fund.base.dir + "/bank.json", "--account", "1100"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("(rule 1: 0, rule 2: 2, rule 3: 0, rule 4: 0)") && result.stdout.contains("ok: the bank and the books agree"), "\(result.stdout)")
    }

    /// A real camt.053 sample (Tests/Fixtures/bank, MIT): it is read and every line reported,
    /// though this ledger holds none of its lines.
    @Test func aCamtSampleIsReadAndItsLinesListed() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let sample = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/bank/camt053_genkgo_v2_multi_statement.xml").path
        let result = try fund.run(["reconcile", "bank", "--statement", sample, "--account", "1100"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("2 statement(s), 2 bank lines") && result.stdout.contains("Unmatched bank lines: 2"), "\(result.stdout)")
    }

    @Test func badStatementsAreRefusedWithWhereAndWhy() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = try write(fund, Self.statement.replacingOccurrences(of: "C50000,00NTRF", with: "C50000,0,0NTRF"))
        let before = try fund.base.fileBytes()
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100"])
        #expect(result.status == 2 && result.stderr.contains("january.sta") && result.stderr.contains("line 5"), "\(result.stderr)")
        #expect(try fund.base.fileBytes() == before)
        #expect(try fund.run(["reconcile", "bank", "--statement", path, "--account", "9999"]).status == 2)
    }
}
