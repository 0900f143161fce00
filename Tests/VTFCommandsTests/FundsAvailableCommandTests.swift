import CanonicalJSON
import Foundation
import Testing

/// `vtf funds available` and the refusal of a certification show the same computation, line
/// by line, with the figures worked out by hand (issue 11, item 1).
@Suite("vtf funds available")
struct FundsAvailableCommandTests {
    /// The fund ledger of FundCommandTests (cash USD 37,500.00 + EUR 20,000.00 at 0.8000 =
    /// 62,500.00; EUR 50,000.00 still receivable; reserve 15 % of 100,000.00 = 15,000.00), plus
    /// USD 5,000.00 received unidentified on 26 Jan and grant G-1 of 20,000.00 certified on
    /// 1 Feb. As of 1 Feb: 67,500.00 − 2400 5,000.00 − 15,000.00 − 20,000.00 = 27,500.00.
    private func fund() throws -> FundLedger {
        let fund = try FundLedger()
        try fund.ok(["receive", "--unidentified", "--amount", "5000.00", "--currency", "USD", "--date", "2026-01-26", "--bank-ref", "SUSP-1"])
        try fund.certifiedAward()
        return fund
    }

    @Test func aCertificationBeyondTheFundsIsRefusedWithTheComputation() throws {
        let fund = try fund()
        defer { fund.base.remove() }
        // Today's code counted the receivable: 67,500.00 + 62,500.00 − 15,000.00 − 20,000.00 = 95,000.00.
        try fund.ok(["grant", "award", "--grantee", "BIG", "--grantee-name", "Big", "--amount", "27500.01", "--date", "2026-02-01", "--ref", "G-BIG"])
        for words in [
            "certification refused: grant G-BIG of 27500.01 exceeds the available funds of 27500.00 USD as of 2026-02-01",
            "cash (1100, every currency at its carrying value)", "67500.00", "less 2400 Unidentified receipts (suspense)", "-5000.00",
            "less operating reserve", "-15000.00", "less grant awards certified, not yet approved", "-20000.00", "= available",
            "Receive the cash first",
        ] {
            try fund.refused(["certify", "G-BIG"], as: "chen", containing: words)
        }
    }

    @Test func textAndJSONEqualTheHandComputation() throws {
        let fund = try fund()
        defer { fund.base.remove() }
        let text = try fund.ok(["funds", "available", "--as-of", "2026-02-01"]).stdout
        #expect(text.contains("Funds available in UNVTF test as of 2026-02-01 (USD)"), "\(text)")
        for (label, amount) in [
            ("cash (1100, every currency at its carrying value)", "67500.00"), ("less 2100 Payables / grant instalments due", "0.00"),
            ("less 2400 Unidentified receipts (suspense)", "-5000.00"), ("less open grant commitments (9200)", "0.00"),
            ("less grant awards certified, not yet approved", "-20000.00"), ("= available", "27500.00"),
        ] {
            let line = text.split(separator: "\n").first { $0.contains(label) }.map(String.init) ?? ""
            #expect(line.hasSuffix(" " + amount), "\(label): \(line)")
        }
        let json = try JSONParser.parse(try fund.ok(["funds", "available", "--as-of", "2026-02-01", "--format", "json"]).stdout)
        #expect(json.objectValue?["available"]?.stringValue == "27500.00")
        #expect(json.objectValue?["lines"]?.arrayValue?.compactMap { $0.objectValue?["amount"]?.stringValue }
            == ["67500.00", "0.00", "0.00", "0.00", "-5000.00", "-15000.00", "0.00", "-20000.00"])
        // As of 25 Jan: no suspense yet, and G-1 (requested 1 Feb) not yet certified: 62,500.00 − 15,000.00.
        let before = try JSONParser.parse(try fund.ok(["funds", "available", "--as-of", "2026-01-25", "--format", "json"]).stdout)
        #expect(before.objectValue?["available"]?.stringValue == "47500.00")
        // Once G-1 is approved, its 20,000.00 moves from "certified" to 9200.
        try fund.ok(["approve", "G-1"], as: "amara")
        let after = try JSONParser.parse(try fund.ok(["funds", "available", "--as-of", "2026-02-01", "--format", "json"]).stdout)
        #expect(after.objectValue?["lines"]?.arrayValue?.compactMap { $0.objectValue?["amount"]?.stringValue }
            == ["67500.00", "0.00", "0.00", "0.00", "-5000.00", "-15000.00", "-20000.00", "0.00"])
        #expect(after.objectValue?["available"]?.stringValue == "27500.00")
    }

    @Test func theJSONConformsToItsSchema() throws {
        let fund = try fund()
        defer { fund.base.remove() }
        let json = try JSONParser.parse(try fund.ok(["funds", "available", "--as-of", "2026-02-01", "--format", "json"]).stdout)
        let schema = try SchemaChecker.load("funds-available.schema.json")
        let problems = SchemaChecker.check(json, against: schema)
        #expect(problems.isEmpty, "\(problems)")
        guard var object = json.objectValue else { Issue.record("not an object"); return }
        object["available"] = .number(27500)
        #expect(!SchemaChecker.check(.object(object), against: schema).isEmpty)
    }
}
