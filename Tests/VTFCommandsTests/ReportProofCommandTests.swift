import Foundation
import Testing

/// `vtf report financial-position|financial-performance|net-assets|cash-flow --format json --proofs` and `vtf proof
/// check` of such a report (issue 17 point 3), on the demo's books: every line and total proven
/// by the year-end seals, checked by vtf and by independent Python; a report whose figure, line
/// or proof was changed is refused by name; the figures no seal gives say why.
@Suite struct ReportProofCommandTests {
    static func report(_ dir: String, _ arguments: [String], name: String) throws -> [String: Any] {
        let made = try CLI.vtf(["report"] + arguments + ["--ledger", "unvtf.ledger", "--format", "json", "--proofs", "--out", name, "--force"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))) as? [String: Any])
    }

    static func check(_ dir: String, _ name: String) throws -> CLI.Result {
        try CLI.vtf(["proof", "check", "--proof", name, "--vkey", try BalanceProofCommandTests.vkey(dir)], in: dir)
    }

    @Test("every line and total of the year-end statements is proven, checked by vtf and by independent Python",
          arguments: [
            (["financial-position", "--as-of", "2025-12-31"], 17),
            (["financial-performance", "--from", "2025-01-01", "--as-of", "2025-12-31"], 16),
            (["net-assets", "--from", "2025-01-01", "--as-of", "2025-12-31"], 9),
            (["cash-flow", "--from", "2025-01-01", "--as-of", "2025-12-31"], 3),
          ])
    func yearEnd(_ arguments: [String], _ proven: Int) throws {
        let dir = try StatementProofCommandTests.statementFolder.get()
        let name = "\(arguments[0]).json"
        let report = try Self.report(dir, arguments, name: name)
        let proofs = try #require(report["proofs"] as? [String: Any])
        #expect((proofs["figures"] as? [Any])?.count == proven)
        let checked = try Self.check(dir, name)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.hasPrefix("ok: \(proven) figures of the \(arguments[0]) report"), "\(checked.stdout)")
        let python = try CLI.run("/usr/bin/python3", ["-c", StatementProofCommandTests.python, name, try BalanceProofCommandTests.vkey(dir)], in: dir)
        #expect(python.status == 0, "\(python.stderr)")
        #expect(python.stdout.split(separator: "\n").count == proven, "\(python.stdout)")
    }

    @Test("a report with a changed figure, line or proof is refused by name")
    func tampering() throws {
        let dir = try StatementProofCommandTests.statementFolder.get()
        _ = try Self.report(dir, ["financial-position", "--as-of", "2025-12-31"], name: "position-genuine.json")
        let text = try String(contentsOfFile: dir + "/position-genuine.json", encoding: .utf8)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let cash = try #require(((report["assets"] as? [String: Any])?["lines"] as? [[String: Any]])?.first { $0["key"] as? String == "cash" })
        let value = try #require(cash["value"] as? String)
        let cases: [(String, String, String)] = [
            ("a changed line", text.replacingOccurrences(of: "\"value\":\"\(value)\"", with: "\"value\":\"\(value)1\""), "assets.cash: the document says"),
            ("a line naming fewer accounts", text.replacingOccurrences(of: "\"accounts\":\"1100, 1110\"", with: "\"accounts\":\"1100\""), "assets.cash has 1 terms, not 2"),
            ("another report's name", text.replacingOccurrences(of: "\"report\":\"financial-position\"", with: "\"report\":\"financial-performance\""), "from is missing"),
        ]
        for (what, tampered, reason) in cases {
            #expect(tampered != text, "\(what): the tampering changed nothing")
            try tampered.write(toFile: dir + "/tampered-report.json", atomically: true, encoding: .utf8)
            let result = try Self.check(dir, "tampered-report.json")
            #expect(result.status != 0, "\(what): \(result.stdout)")
            #expect(result.stderr.contains(reason), "\(what): \(result.stderr)")
        }
    }

    /// An attacker raised a cash-flow line by a million and set the current assets to anything:
    /// those figures are not balances, but they must add up to the figures that are proven.
    @Test("a report whose unproven figures do not add up to its proven ones is refused, naming the sum",
          arguments: [
            ("cash-flow", ["cash-flow", "--from", "2025-01-01", "--as-of", "2025-12-31"], "contributions_received", "sections[0].total is"),
            ("financial-position", ["financial-position", "--as-of", "2025-12-31"], "current_total", "assets.current_total is"),
            ("financial-performance", ["financial-performance", "--from", "2025-01-01", "--as-of", "2025-12-31"], "realised", "foreign_exchange.net is"),
            ("net-assets", ["net-assets", "--from", "2025-01-01", "--as-of", "2025-12-31"], "reserve_transfers", "is"),
          ])
    func sums(_ name: String, _ arguments: [String], _ member: String, _ reason: String) throws {
        let dir = try StatementProofCommandTests.statementFolder.get()
        _ = try Self.report(dir, arguments, name: "sums-\(name).json")
        let bend = #"""
            import json, sys
            from decimal import Decimal
            report, member = json.load(open(sys.argv[1])), sys.argv[2]
            def bend(value):
                if isinstance(value, dict):
                    for key, item in value.items():
                        if key == member and isinstance(item, str): value[key] = str(Decimal(item) + 1000000); return True
                        if key == "key" and item == member and "value" in value: value["value"] = str(Decimal(value["value"]) + 1000000); return True
                        if key == "key" and item == member and "values" in value: value["values"][0]["value"] = str(Decimal(value["values"][0]["value"]) + 1000000); return True
                        if key not in ("proofs", "checkpoint") and bend(item): return True
                if isinstance(value, list):
                    return any(bend(item) for item in value)
                return False
            assert bend(report), "nothing bent"
            open(sys.argv[3], "w").write(json.dumps(report))
            """#
        let bent = try CLI.run("/usr/bin/python3", ["-c", bend, "sums-\(name).json", member, "bent-\(name).json"], in: dir)
        try #require(bent.status == 0, "\(bent.stderr)")
        let genuine = try Self.check(dir, "sums-\(name).json")
        #expect(genuine.status == 0 && genuine.stdout.contains("the report's sums hold"), "\(genuine.stdout)\(genuine.stderr)")
        let result = try Self.check(dir, "bent-\(name).json")
        #expect(result.status == 1, "\(name): \(result.stdout)")
        #expect(result.stderr.contains(reason) && result.stderr.contains("add up to"), "\(name): \(result.stderr)")
    }

    /// An accountant revalued the demo's euros and kroner at 30 June and found 57,525.76 of gains
    /// the interim statement did not show, and nothing saying why.
    @Test("an interim statement of financial position says its foreign balances are not revalued at its date; the year end, revalued, does not")
    func foreignBalancesNote() throws {
        let dir = try StatementProofCommandTests.statementFolder.get()
        let interim = try CLI.vtf(["report", "financial-position", "--as-of", "2025-06-30", "--ledger", "unvtf.ledger"], in: dir)
        #expect(interim.status == 0 && interim.stdout.contains("Balances held in EUR"), "\(interim.stdout)")
        #expect(interim.stdout.contains("not revalued at the rates of 2025-06-30"), "\(interim.stdout)")
        let yearEnd = try CLI.vtf(["report", "financial-position", "--as-of", "2025-12-31", "--ledger", "unvtf.ledger"], in: dir)
        #expect(yearEnd.status == 0 && !yearEnd.stdout.contains("not revalued"), "\(yearEnd.stdout)")
    }

    @Test("a period with no seal the day before it lists its movements as not proven, naming the seal to write")
    func aMissingSeal() throws {
        let dir = try StatementProofCommandTests.statementFolder.get()
        let report = try Self.report(dir, ["financial-performance", "--from", "2025-07-01", "--as-of", "2025-12-31"], name: "h2.json")
        let notProven = ((report["proofs"] as? [String: Any])?["not_proven"] as? [[String: Any]] ?? []).compactMap { $0["why"] as? String }
        #expect(notProven.contains { $0.contains("no balances seal as of 2025-06-30") && $0.contains("vtf seal --as-of 2025-06-30") }, "\(notProven)")
        let checked = try Self.check(dir, "h2.json")
        #expect(checked.status == 0 && checked.stdout.contains("not proven: surplus: no balances seal as of 2025-06-30"), "\(checked.stdout)\(checked.stderr)")
    }

    @Test("--proofs is for the JSON of the two statements: anything else is refused before reading", arguments: [
        ["financial-position", "--proofs"],
        ["trial-balance", "--format", "json", "--proofs"],
        ["financial-position", "--format", "json", "--comparative", "--proofs"],
    ])
    func wrongUse(_ arguments: [String]) throws {
        let dir = try StatementProofCommandTests.statementFolder.get()
        let result = try CLI.vtf(["report"] + arguments + ["--ledger", "unvtf.ledger"], in: dir)
        #expect(result.status == 2 && result.stderr.contains("--proofs adds proofs to the JSON of the IPSAS statements (financial-position, financial-performance, net-assets, cash-flow)"), "\(result.stderr)")
    }
}
