import CanonicalJSON
import Foundation
import Testing

/// `vtf reconcile bank` on an ING-layout file (Tests/Fixtures/bank/mt940_own_ing_nonref_reexport.sta):
/// two charges with `//NONREF` and `//notprovided` are listed as unmatched (they used to be one
/// line and a silent duplicate); the second statement exported twice gives two duplicates, shown
/// with why in text and JSON.
@Suite("vtf reconcile bank: duplicates")
struct BankDuplicateCommandTests {
    static let sample = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/bank/mt940_own_ing_nonref_reexport.sta").path

    @Test func placeholdersAreListedAndARepeatIsShownWithWhy() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let result = try fund.run(["reconcile", "bank", "--statement", Self.sample, "--account", "1100"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("Unmatched bank lines: 3"), "\(result.stdout)")
        #expect(result.stdout.contains("Duplicate bank lines (not matched): 2"), "\(result.stdout)")
        #expect(result.stdout.contains("bank line 26: 2026-01-25 -30000.00"), "\(result.stdout)")
        #expect(result.stdout.contains(
            "repeats bank line 17 of an earlier statement: same bank id ING-7781, amount -30000.00, booking date 2026-01-25 and direction (debit)"),
            "\(result.stdout)")
        let json = try fund.run(["reconcile", "bank", "--statement", Self.sample, "--account", "1100", "--format", "json"]).stdout
        let value = try JSONParser.parse(Array(json.utf8))
        let problems = SchemaChecker.check(value, against: try SchemaChecker.load("reconcile-bank.schema.json"))
        #expect(problems.isEmpty, "\(problems)")
        #expect(json.contains(#""bank_line":26"#) && json.contains(#""first_line":17"#) && json.contains(#""booking_date":"2026-01-25""#), "\(json)")
        #expect(json.contains(#""unmatched_bank_count":3"#), "\(json)")
    }
}
