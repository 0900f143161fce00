import CanonicalJSON
import Foundation
import GRDB
import Testing

/// Issue 12 item 11: `--format json` on the list and status commands and on the commands that
/// write, each output checked against its schema in Schemas/json with ``SchemaChecker``.
@Suite("--format json of lists, status and writes conform to their schemas")
struct JSONListSchemaTests {
    /// The fund ledger with a grant awarded, certified and approved (G-1, first tranche paid), a
    /// second award waiting (G-2, a request until approved), and a setting change waiting.
    static func fundWithGrants() throws -> FundLedger {
        let fund = try FundLedger()
        try fund.certifiedAward()
        try fund.ok(["approve", "G-1"], as: "amara")
        try fund.ok(["grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-02-03", "--ref", "PAY-1"])
        try fund.ok(["certify", "PAY-1"], as: "chen")
        try fund.ok(["approve", "PAY-1"], as: "amara")
        try fund.ok(["grant", "award", "--grantee", "CARE", "--grantee-name", "Care", "--amount", "5000.00", "--date", "2026-02-04",
                     "--ref", "G-2", "--tranches", "5000.00"])
        try fund.ok(["setting", "change", "psc_rate", "7", "--from", "2027-01-01", "--date", "2026-02-05", "--ref", "SET-1"])
        return fund
    }

    private func conforms(_ stdout: String, to schemaName: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONObject {
        let value = try JSONParser.parse(stdout)
        let problems = SchemaChecker.check(value, against: try SchemaChecker.load(schemaName))
        #expect(problems.isEmpty, "\(schemaName): \(problems)", sourceLocation: sourceLocation)
        return try #require(value.objectValue, sourceLocation: sourceLocation)
    }

    @Test func listsAndStatus() throws {
        let fund = try Self.fundWithGrants()
        defer { fund.base.remove() }
        let cases: [([String], String, String, Int)] = [
            (["donor", "list"], "donor-list.schema.json", "donors", 1),
            (["agreement", "list"], "agreement-list.schema.json", "agreements", 1),
            (["grant", "list"], "grant-list.schema.json", "grants", 1),
            (["rates", "list"], "rate-list.schema.json", "rates", 1),
            (["setting", "list"], "setting-list.schema.json", "settings", 4),
            (["pending"], "pending.schema.json", "requests", 2),
            (["pending", "--all"], "pending.schema.json", "requests", 5),
        ]
        for (arguments, schema, member, count) in cases {
            let output = try fund.ok(arguments + ["--format", "json"])
            #expect(output.stdout.split(separator: "\n").count == 1, "one document: \(output.stdout)")
            let document = try conforms(output.stdout, to: schema)
            #expect(document[member]?.arrayValue?.count == count, "\(arguments): \(output.stdout)")
        }
        // The figures are the text's, exactly.
        let agreements = try conforms(try fund.ok(["agreement", "list", "--format", "json"]).stdout, to: "agreement-list.schema.json")
        let belgium = try #require(agreements["agreements"]?.arrayValue?.first?.objectValue)
        #expect(belgium["amount"] == .string("100000.00") && belgium["received"] == .string("50000.00")
                && belgium["outstanding"] == .string("50000.00"), "\(belgium)")
        let grants = try conforms(try fund.ok(["grant", "list", "--format", "json"]).stdout, to: "grant-list.schema.json")
        let first = try #require(grants["grants"]?.arrayValue?.first?.objectValue)
        #expect(first["grant"] == .string("G-1") && first["paid"] == .string("12000.00"), "\(first)")
        let pending = try conforms(try fund.ok(["pending", "--format", "json"]).stdout, to: "pending.schema.json")
        #expect(pending["waiting"] == .integer(2))
    }

    @Test func verifyOKAndFailed() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let ok = try conforms(try fund.ok(["verify", "--format", "json"]).stdout, to: "verify.schema.json")
        #expect(ok["ok"] == .bool(true) && ok["failure"] == .null, "\(ok)")
        let text = try fund.ok(["verify"]).stdout
        #expect(text.contains(ok["root"]?.stringValue ?? "?"), "the root is the text's: \(text)")
        // A derived table edited by hand: exit 1, and the JSON says where.
        let queue = try DatabaseQueue(path: fund.base.ledger)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "UPDATE ledger_settings SET fund_name = 'Other'") }
        try queue.close()
        let failed = try fund.run(["verify", "--format", "json"])
        #expect(failed.status == 1, "\(failed.stderr)")
        let document = try conforms(failed.stdout, to: "verify.schema.json")
        #expect(document["ok"] == .bool(false) && document["differences"]?.arrayValue?.isEmpty == false, "\(failed.stdout)")
    }

    @Test func aWritePrintsTheEntryItWrote() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let journal = try SchemaChecker.load("journal-entry.schema.json")
        let writes: [([String], String, String, String)] = [
            (["donor", "add", "NOR", "--name", "Norway", "--type", "member-state", "--country", "NO", "--date", "2026-02-01"], "maria", "donor.add", "added donor NOR"),
            (["grant", "award", "--grantee", "SHELTER", "--grantee-name", "Shelter", "--amount", "20000.00", "--date", "2026-02-01",
              "--ref", "G-1", "--tranches", "12000.00,8000.00"], "maria", "approval.request", "requested"),
            (["certify", "G-1"], "chen", "approval.certify", "certified G-1"),
            (["approve", "G-1"], "amara", "approval.approve", "approved G-1"),
        ]
        for (arguments, person, kind, talk) in writes {
            let output = try fund.ok(arguments + ["--format", "json"], as: person)
            let lines = output.stdout.split(separator: "\n")
            #expect(lines.count == 1, "\(arguments): \(output.stdout)")
            let entry = try JSONParser.parse(String(lines[0]))
            #expect(SchemaChecker.check(entry, against: journal).isEmpty, "\(SchemaChecker.check(entry, against: journal))")
            #expect(entry.objectValue?["kind"] == .string(kind), "\(entry)")
            #expect(output.stderr.contains(talk), "the sentences for people go to stderr: \(output.stderr)")
            // It is the entry as stored: the same line `vtf journal export` gives.
            let exported = try fund.ok(["journal", "export"]).stdout.split(separator: "\n").last.map(String.init)
            #expect(exported == String(lines[0]))
        }
    }

    /// `vtf import --format json` prints every entry it recorded, as `journal export` has them.
    @Test func anImportPrintsTheEntriesItWrote() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let file = ledger.dir + "/vouchers.jsonl"
        let lines = (1...3).map { #"{"date":"2026-02-0\#($0)","memo":"import \#($0)","ref":"I-\#($0)","postings":[{"account":"1100","amount":"\#($0).00","currency":"USD"},{"account":"4100","amount":"-\#($0).00","currency":"USD"}]}"# }
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let output = try ledger.vtf(["import", "--file", file, "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("imported 3 entries"))
        let exported = try ledger.vtf(["journal", "export"]).stdout.split(separator: "\n").suffix(3)
        #expect(output.stdout.split(separator: "\n") == Array(exported))
    }

    @Test func verifyNamesTheFirstBadEntry() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        // Entry 5's signature zeroed by someone with the file (the append-only trigger dropped first).
        let queue = try DatabaseQueue(path: fund.base.ledger)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER journal_no_update")
            try db.execute(sql: "UPDATE journal SET sig = zeroblob(64) WHERE seq = 5")
        }
        try queue.close()
        let failed = try fund.run(["verify", "--format", "json"])
        #expect(failed.status == 1, "\(failed.stderr)")
        let document = try conforms(failed.stdout, to: "verify.schema.json")
        let failure = try #require(document["failure"]?.objectValue, "\(failed.stdout)")
        #expect(failure["seq"] == .integer(5) && document["ok"] == .bool(false) && document["root"] == .null, "\(failed.stdout)")
        #expect(failure["code"] == .string("signature") && failure["rule_code"] == .null, "\(failed.stdout)")
    }

    @Test func budgetList() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.ok(BudgetCommandTests.set("2026-01-01", date: "2026-01-15", ref: "BUD-1"))
        try fund.ok(["certify", "BUD-1"], as: "chen")
        try fund.ok(["approve", "BUD-1"], as: "amara")
        try fund.ok(BudgetCommandTests.set("2026-07-01", grants: "350000.00", psc: "45500.00", date: "2026-06-20", ref: "BUD-2"))
        try fund.ok(["certify", "BUD-2"], as: "chen")
        try fund.ok(["approve", "BUD-2"], as: "amara")
        let document = try conforms(try fund.ok(["budget", "list", "--year", "2026", "--format", "json"]).stdout, to: "budget-list.schema.json")
        let list = try #require(document["budgets"]?.arrayValue)
        let budgets = list.compactMap(\.objectValue)
        #expect(budgets.count == 2)
        #expect(budgets.first?["total"] == .string("379000.00") && budgets.first?["original"] == .bool(true), "\(budgets)")
        #expect(budgets.last?["total"] == .string("435500.00") && budgets.last?["in_force_at_year_end"] == .bool(true), "\(budgets)")
    }

    /// Checks that `stdout` is `count` journal export lines of `kind`, and returns the last entry.
    @discardableResult
    private func entries(_ stdout: String, _ count: Int, kind: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONObject {
        let journal = try SchemaChecker.load("journal-entry.schema.json")
        let lines = stdout.split(separator: "\n")
        #expect(lines.count == count, "\(kind): \(stdout)", sourceLocation: sourceLocation)
        var last = JSONObject()
        for line in lines {
            let entry = try JSONParser.parse(String(line))
            let problems = SchemaChecker.check(entry, against: journal)
            #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
            last = try #require(entry.objectValue, sourceLocation: sourceLocation)
            #expect(last["kind"] == .string(kind), "\(line)", sourceLocation: sourceLocation)
        }
        return last
    }

    @Test func everyKindOfWriteAnswersInJSON() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let json = ["--format", "json"]
        try entries(try fund.ok(["rates", "set", "--month", "2026-02", "EUR=0.8100"] + json).stdout, 1, kind: "rates.set")
        let file = fund.base.dir + "/rates.csv"
        try "effective,currency,rate\n2026-03-01,EUR,0.9000\n2026-04-01,EUR,0.8800\n".write(toFile: file, atomically: true, encoding: .utf8)
        try entries(try fund.ok(["rates", "import", file] + json).stdout, 2, kind: "rates.set")
        try entries(try fund.ok(["agreement", "sign", "--donor", "BEL", "--amount", "1000.00", "--currency", "EUR", "--date", "2026-02-10",
                                 "--ref", "AGR-BEL-2"] + json).stdout, 1, kind: "agreement.sign")
        let receipt = try entries(try fund.ok(["receive", "--agreement", "AGR-BEL-2", "--amount", "1000.00", "--currency", "EUR",
                                               "--date", "2026-02-11", "--bank-ref", "B-9"] + json).stdout, 1, kind: "contribution.receive")
        #expect(receipt["postings"]?.arrayValue?.isEmpty == false, "the postings the rules computed: \(receipt)")
        try entries(try fund.ok(["pledge", "--donor", "BEL", "--amount", "10.00", "--currency", "EUR", "--date", "2026-02-12",
                                 "--ref", "PL-9"] + json).stdout, 1, kind: "pledge.record")
        try entries(try fund.ok(["cash", "convert", "--amount", "100.00", "--currency", "EUR", "--date", "2026-02-13",
                                 "--ref", "TRY-9"] + json).stdout, 1, kind: "cash.convert")
        try entries(try fund.ok(["setting", "change", "psc_rate", "7", "--from", "2027-01-01", "--date", "2026-02-14",
                                 "--ref", "SET-9"] + json).stdout, 1, kind: "approval.request")
        try entries(try fund.ok(["reject", "SET-9", "--reason", "Not this year"] + json, as: "chen").stdout, 1, kind: "approval.reject")
        #expect(try fund.ok(["verify"]).stdout.contains("ok: "), "what was written in JSON mode verifies")

        let ledger = try TestLedger()
        defer { ledger.remove() }
        try ledger.expectOK(["key", "generate", "--out", ledger.key("carol"), "--name", "Carol"])
        try entries(try ledger.vtf(["key", "register", "--public-key", ledger.key("carol") + ".pub", "--holder", "carol",
                                    "--role", "fund-manager", "--date", "2026-02-01"] + json, as: "admin").stdout, 1, kind: "key.register")
        try entries(try ledger.vtf(["account", "open", "1300", "--name", "Petty cash", "--type", "asset", "--date", "2026-02-01"] + json).stdout,
                    1, kind: "account.open")
        let voucher = try entries(try ledger.vtf(["post", "--date", "2026-02-01", "--memo", "m", "--posting", "5100:3.00",
                                                  "--posting", "1100:-3.00"] + json).stdout, 1, kind: "voucher.post")
        let seq = try #require(voucher["seq"]?.integerValue)
        try entries(try ledger.vtf(["reverse", "\(seq)"] + json).stdout, 1, kind: "reversal")
    }

    @Test func initPrintsTheGenesisAndTemplateEntries() throws {
        let ledger = TestLedger(dir: TestLedger.newFolder())
        defer { ledger.remove() }
        for name in ["admin", "log"] { try ledger.expectOK(["key", "generate", "--out", ledger.key(name), "--name", name]) }
        let made = try ledger.expectOK(["init", "--ledger", ledger.ledger, "--origin", "test.example/unvtf", "--fund-name", "UNVTF",
                                        "--template", "unvtf", "--admin-key", ledger.key("admin"), "--log-key", ledger.key("log"),
                                        "--date", "2026-01-01", "--format", "json"])
        let lines = made.stdout.split(separator: "\n").map(String.init)
        let exported = try CLI.vtf(["journal", "export", "--ledger", ledger.ledger], in: ledger.dir).stdout.split(separator: "\n").map(String.init)
        #expect(lines == exported && lines.count > 2, "\(made.stdout)")
        #expect(try JSONParser.parse(lines[0]).objectValue?["kind"] == .string("ledger.genesis"))
        #expect(made.stderr.contains("created "), "\(made.stderr)")
    }

    @Test func aRefusedWriteInJSONPrintsNothingAndChangesNothing() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let before = try fund.base.fileBytes()
        let refused = try fund.run(["donor", "add", "BEL", "--name", "Belgium", "--type", "member-state", "--country", "BE",
                                    "--date", "2026-02-01", "--format", "json"])
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stdout.isEmpty, "\(refused.stdout)")
        #expect(try fund.base.fileBytes() == before)
    }
}
