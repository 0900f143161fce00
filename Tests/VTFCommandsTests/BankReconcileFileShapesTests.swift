import CanonicalJSON
import Foundation
import Testing

/// `vtf reconcile bank` on files as real banks send them (Tests/Fixtures/bank, issue 12): several
/// accounts in one file, interim reports, pending and information entries. The fund fixture's
/// EUR account 1100 holds B-1 (50,000.00 in) and TRY-1 (30,000.00 out); the files' EUR account
/// BE71096123456769 has both and 12.50 of charges.
@Suite("vtf reconcile bank: real banks' file shapes")
struct BankReconcileFileShapesTests {
    static func fixture(_ name: String) -> String {
        CLI.packageRoot.appendingPathComponent("Tests/Fixtures/bank/\(name)").path
    }

    /// A UBS-style camt.053 with a CHF, an EUR and a GBP account: without --bank-account the EUR
    /// one (the ledger account's currency) is read; the others are set aside and listed, as are
    /// its pending and information entries, in text and JSON.
    @Test func severalAccountsReadTheOneInTheAccountsCurrencyAndListTheRest() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = Self.fixture("camt053_v08_ubs_multi_account.xml")
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("against 1100 in EUR") && result.stdout.contains("1 statement(s), 3 bank lines"), "\(result.stdout)")
        #expect(result.stdout.contains(#"set aside: statement "UBS-CHF-2026-01" (line 8): account CH5600235235123456789 in CHF: not the account in the ledger account's currency (choose it with --bank-account)"#), "\(result.stdout)")
        #expect(result.stdout.contains(#"set aside: statement "UBS-GBP-2026-01""#), "\(result.stdout)")
        #expect(result.stdout.contains("skipped: 2 entries not booked (INFO 1, PDNG 1), not matched: lines "), "\(result.stdout)")
        #expect(result.stdout.contains("statement 19987.50, books 20000.00 EUR"), "\(result.stdout)")
        let json = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100", "--format", "json"]).stdout
        let value = try JSONParser.parse(Array(json.utf8))
        #expect(SchemaChecker.check(value, against: try SchemaChecker.load("reconcile-bank.schema.json")).isEmpty)
        #expect(value.objectValue?["set_aside"]?.arrayValue?.count == 2)
        #expect(value.objectValue?["skipped_count"]?.integerValue == 2)
        #expect(json.contains(#""status":"PDNG""#) && json.contains(#""status":"INFO""#), "\(json)")
    }

    /// --bank-account chooses another account of the file; an account the file does not hold is
    /// refused with the list.
    @Test func bankAccountChooses() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = Self.fixture("camt053_v08_ubs_multi_account.xml")
        let chosen = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100", "--bank-account", "be71 0961 2345 6769"])
        #expect(chosen.stdout.contains("1 statement(s), 3 bank lines"), "\(chosen.stdout)\(chosen.stderr)")
        let before = try fund.base.fileBytes()
        let wrong = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100", "--bank-account", "DE00"])
        let after = try fund.base.fileBytes()
        #expect(wrong.status == 2 && after == before)
        #expect(wrong.stderr.contains("--bank-account DE00: camt053_v08_ubs_multi_account.xml holds no statement of that account; it holds CH5600235235123456789 (CHF, 1 statement), BE71096123456769 (EUR, 1 statement), CH4400235235123456790 (GBP, 1 statement)"), "\(wrong.stderr)")
    }

    /// A Deutsche Bank-style MT940 with two EUR accounts (two :25:): refused with both accounts
    /// and the option; with --bank-account each is read.
    @Test func twoAccountsInTheSameCurrencyAreRefusedWithTheChoice() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = Self.fixture("mt940_deutschebank_multi_account.sta")
        let refused = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100"])
        #expect(refused.status == 2, "\(refused.stdout)")
        #expect(refused.stderr.contains("mt940_deutschebank_multi_account.sta holds statements of several bank accounts: BE71096123456769 (EUR, 1 statement), DE89370400440532013000 (EUR, 1 statement), 2 of them in currencies the account has postings in; choose one with --bank-account IBAN|ID, e.g. --bank-account BE71096123456769"), "\(refused.stderr)")
        let chosen = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100", "--bank-account", "BE71096123456769"])
        #expect(chosen.stdout.contains("1 statement(s), 3 bank lines") && chosen.stdout.contains(#"set aside: statement "DB-2026-01-B 1/1""#), "\(chosen.stdout)\(chosen.stderr)")
        #expect(chosen.stdout.contains("Matched: 2 bank lines"), "\(chosen.stdout)")
    }

    /// Interim reports are refused by name (exit 2, nothing written), never for a missing :60F:.
    @Test(arguments: [
        ("mt942_ing_intraday.sta", "this is an MT942 interim transaction report"),
        ("camt052_v08_deutschebank_intraday.xml", "this is a camt.052 account report"),
        ("camt054_v08_ubs_notification.xml", "this is a camt.054 debit/credit notification"),
    ])
    func interimReportsAreRefusedByName(name: String, words: String) throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let result = try fund.run(["reconcile", "bank", "--statement", Self.fixture(name), "--account", "1100"])
        #expect(result.status == 2 && result.stderr.contains(name) && result.stderr.contains(words), "\(result.stderr)")
        #expect(!result.stderr.contains(":60F:"))
    }

    /// --format csv is refused (the result is several tables), nothing printed on stdout.
    @Test func csvFormatIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = Self.fixture("camt053_v10_deutschebank_style.xml")
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100", "--format", "csv"])
        #expect(result.status == 2 && result.stdout.isEmpty, "\(result.stdout)")
        #expect(result.stderr.contains("--format csv: reconcile bank writes text or json"), "\(result.stderr)")
    }
}

/// A statement split over pages is reconciled as one (issue 12 item 6).
@Suite("vtf reconcile bank: paginated statements")
struct BankReconcilePagesTests {
    @Test(arguments: ["camt053_v08_deutschebank_paginated.xml", "camt053_v12_creditsuisse_paginated.xml"])
    func pagesAreOneStatement(name: String) throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = BankReconcileFileShapesTests.fixture(name)
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100"])
        #expect(result.stdout.contains("1 statement(s), 3 bank lines"), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Matched: 2 bank lines"), "\(result.stdout)")
        #expect(result.stdout.contains("statement 19987.50, books 20000.00 EUR"), "\(result.stdout)")
        #expect(!result.stdout.contains("continuity:"), "\(result.stdout)")
    }
}

/// A statement whose pages come as separate files (BNP Paribas style), given with --statement
/// twice: one statement; the first page alone is read up to its interim (ITBD) closing.
@Suite("vtf reconcile bank: pages in several files")
struct BankReconcileSeveralFilesTests {
    @Test func pagesInTwoFilesAreOneStatement() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let first = BankReconcileFileShapesTests.fixture("camt053_v11_bnpparibas_page1.xml")
        let second = BankReconcileFileShapesTests.fixture("camt053_v11_bnpparibas_page2.xml")
        let both = try fund.run(["reconcile", "bank", "--statement", first, "--statement", second, "--account", "1100"])
        #expect(both.stdout.contains("Bank reconciliation of camt053_v11_bnpparibas_page1.xml, camt053_v11_bnpparibas_page2.xml"), "\(both.stdout)\(both.stderr)")
        #expect(both.stdout.contains("1 statement(s), 3 bank lines") && both.stdout.contains("statement 19987.50, books 20000.00 EUR"), "\(both.stdout)")
        #expect(!both.stdout.contains("continuity:"), "\(both.stdout)")
        let alone = try fund.run(["reconcile", "bank", "--statement", first, "--account", "1100"])
        #expect(alone.stdout.contains("1 statement(s), 2 bank lines"), "\(alone.stdout)\(alone.stderr)")
        #expect(alone.stdout.contains("Closing balance 2026-01-25: statement 20000.00"), "\(alone.stdout)")
    }
}

/// One account in two currencies (a multi-currency account, Deutsche Bank style): the statement
/// in the ledger account's currency is read, the other set aside and listed (issue 12 item 8).
@Suite("vtf reconcile bank: a multi-currency account")
struct BankReconcileCurrencyTests {
    @Test func theOtherCurrencyIsSetAsideAndListed() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = BankReconcileFileShapesTests.fixture("camt053_v10_deutschebank_multi_currency.xml")
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100"])
        #expect(result.stdout.contains("against 1100 in EUR") && result.stdout.contains("1 statement(s), 3 bank lines"), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(#"set aside: statement "DB-SEK-2026-01" (line "#) && result.stdout.contains("account BE71096123456769 in SEK: another currency than the ledger account's EUR"), "\(result.stdout)")
    }
}
