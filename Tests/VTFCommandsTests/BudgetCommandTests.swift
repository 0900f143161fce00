import CanonicalJSON
import Foundation
import Testing

/// `vtf budget set`, `vtf budget list` and `vtf report budget` (issue 11 item 7, IPSAS 24):
/// two-person approval, effective dating, refusals exit 2 with the ledger byte-identical, and the
/// JSON outputs against their schemas.
@Suite struct BudgetCommandTests {
    static func set(_ from: String, grants: String = "300000.00", secretariat: String = "40000.00", psc: String = "39000.00",
                    date: String, ref: String, year: String = "2026") -> [String] {
        ["budget", "set", "--year", year, "--grants", grants, "--secretariat", secretariat, "--psc", psc, "--from", from,
         "--date", date, "--ref", ref, "--memo", "Board session 15, decision 2"]
    }

    @Test func aBudgetNeedsThreePeopleAndARevisionTakesEffectFromItsDay() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.ok(Self.set("2026-01-01", date: "2026-01-15", ref: "BUD-1"))
        try fund.refused(["approve", "BUD-1"], as: "amara", containing: "it must be certified first (vtf certify BUD-1)")
        try fund.refused(["certify", "BUD-1"], as: "maria", containing: "may not sign approval.certify")
        try fund.ok(["certify", "BUD-1"], as: "chen")
        try fund.refused(["approve", "BUD-1"], as: "maria-approving", containing: "may not approve it (self-approval)")
        try fund.refused(["approve", "BUD-1"], as: "chen-approving", containing: "chen certified request BUD-1; the approving officer must be another person")
        let approved = try fund.ok(["approve", "BUD-1"], as: "amara")
        #expect(approved.stdout.contains("the budget is recorded (nothing is posted)"), "\(approved.stdout)")
        try fund.ok(Self.set("2026-07-01", grants: "350000.00", psc: "45500.00", date: "2026-06-20", ref: "BUD-2"))
        try fund.ok(["certify", "BUD-2"], as: "chen")
        try fund.ok(["approve", "BUD-2"], as: "amara")
        let list = try fund.ok(["budget", "list", "--year", "2026"]).stdout
        #expect(list.contains("2026  2026-01-01  300,000.00"), "\(list)")
        #expect(list.contains("original"), "\(list)")
        #expect(list.contains("revision, in force at year end"), "\(list)")
        #expect(list.contains("Board session 15, decision 2"), "\(list)")
        // On 31 March only the original was approved; at year end the revision is the final budget.
        let march = try JSONParser.parse(try fund.ok(["report", "budget", "--year", "2026", "--as-of", "2026-03-31", "--format", "json"]).stdout)
        let december = try JSONParser.parse(try fund.ok(["report", "budget", "--year", "2026", "--format", "json"]).stdout)
        let total = { (json: JSONValue) in json.objectValue?["lines"]?.arrayValue?.last?.objectValue }
        #expect(total(march)?["original"] == .string("379000.00"))
        #expect(total(march)?["final"] == .string("379000.00"))
        #expect(total(december)?["original"] == .string("379000.00"))
        #expect(total(december)?["final"] == .string("435500.00"))
        #expect(december.objectValue?["as_of"] == .string("2026-12-31"))
        let schema = try SchemaChecker.load("report-budget.schema.json")
        for json in [march, december] { #expect(SchemaChecker.check(json, against: schema).isEmpty, "\(SchemaChecker.check(json, against: schema))") }
        let text = try fund.ok(["report", "budget", "--year", "2026"]).stdout
        #expect(text.contains("Statement of comparison of budget and actual amounts"), "\(text)")
        #expect(text.contains("accrual basis"), "\(text)")
        let csv = try fund.ok(["report", "budget", "--year", "2026", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("category,accounts,original_budget,final_budget,actual,difference,utilisation_percent\r\n"), "\(csv)")
        #expect(try fund.run(["verify"]).status == 0)
    }

    @Test func badBudgetsAreRefusedAndNothingIsWritten() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.refused(Self.set("2026-01-01", grants: "-1.00", date: "2026-01-15", ref: "BUD-1"), containing: "grants may not be negative (-1.00)")
        try fund.refused(Self.set("2026-01-01", psc: "10.005", date: "2026-01-15", ref: "BUD-1"), containing: "psc: amount \"10.005\" has 3 decimals, USD has 2")
        try fund.refused(Self.set("2027-01-01", date: "2026-01-15", ref: "BUD-1"),
                         containing: "a budget for 2026 takes effect from a day in 2026 (or in 2025, when the Board approves it before the year begins): from 2025-01-01 through 2026-12-31, not 2027-01-01")
        try fund.ok(Self.set("2026-01-01", date: "2026-01-15", ref: "BUD-1"))
        try fund.refused(Self.set("2026-01-01", date: "2026-01-16", ref: "BUD-2"),
                         containing: "a budget for 2026 from 2026-01-01 is already requested (BUD-1, requested); approve or reject it first")
        try fund.ok(["certify", "BUD-1"], as: "chen")
        try fund.ok(["approve", "BUD-1"], as: "amara")
        try fund.refused(Self.set("2026-01-01", date: "2026-01-16", ref: "BUD-2"),
                         containing: "a budget for 2026 from 2026-01-01 is already approved (request BUD-1")
        try fund.refused(["report", "budget", "--year", "2026", "--from", "2026-02-01"], containing: "give --year YYYY")
        try fund.refused(["report", "grants", "--year", "2026"], containing: "--year is for the budget report")
    }

    /// The request `vtf budget set` writes passes its data schema; one with a number for an amount does not.
    @Test func theRequestsDataPassesItsSchema() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.ok(Self.set("2026-01-01", grants: "300000", date: "2026-01-15", ref: "BUD-1"))
        let schema = try SchemaChecker.load("entry-data/approval.request.budget.set.schema.json")
        let entries = try fund.run(["journal", "export"]).stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        let requests = entries.filter { $0.objectValue?["data"]?.objectValue?["action"] == .string("budget.set") }
        #expect(requests.count == 1)
        for entry in requests {
            let data = try #require(entry.objectValue?["data"])
            #expect(data.objectValue?["grants"] == .string("300000.00"))
            #expect(SchemaChecker.check(data, against: schema).isEmpty, "\(SchemaChecker.check(data, against: schema))")
        }
        let forged = try JSONParser.parse(#"{"action":"budget.set","year":2026,"grants":300000,"secretariat":"0.00","psc":"0.00","from":"2026-01-01"}"#)
        #expect(SchemaChecker.check(forged, against: schema).count == 1)
    }
}
