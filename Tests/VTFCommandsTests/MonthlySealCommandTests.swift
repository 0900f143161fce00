import Foundation
import Testing

/// `vtf init --template unvtf --seal monthly` (issue 17 point 1): every month end is sealed, in
/// the same write, before the first entry dated after it; only by a key that may seal; and a
/// statement of a month then proves its flows with no seal written by hand.
@Suite struct MonthlySealCommandTests {
    static func fund() throws -> TestLedger {
        let ledger = TestLedger(dir: TestLedger.newFolder())
        for name in ["admin", "log", "maria", "chen", "amara"] {
            try ledger.expectOK(["key", "generate", "--out", ledger.key(name), "--name", name])
        }
        try ledger.expectOK(["init", "--ledger", ledger.ledger, "--origin", "test.example/monthly", "--fund-name", "Monthly",
                             "--template", "unvtf", "--seal", "monthly", "--admin-key", ledger.key("admin"), "--log-key", ledger.key("log"),
                             "--date", "2026-01-01"])
        for (person, role) in [("maria", "fund-manager"), ("chen", "certifying-officer")] {
            try ledger.expectOK(["key", "register", "--ledger", ledger.ledger, "--key", ledger.key("admin"), "--public-key", ledger.key(person) + ".pub",
                                 "--holder", person, "--role", role, "--date", "2026-01-01"])
        }
        return ledger
    }

    /// The `as_of` of every seal, in journal order, with the seq of the seal.
    static func seals(_ ledger: TestLedger) throws -> [(String, Int)] {
        try ledger.vtf(["journal", "export"], as: nil).stdout.split(separator: "\n").compactMap { line in
            guard line.contains("\"kind\":\"balances.seal\""), let asOf = line.firstMatch(of: #/"as_of":"([0-9-]+)"/#)?.1,
                let seq = line.firstMatch(of: #/"seq":(\d+)/#)?.1 else { return nil }
            return (String(asOf), Int(seq) ?? -1)
        }
    }

    @Test("each month end is sealed before the first entry after it, by a key that may seal")
    func monthEnds() throws {
        let ledger = try Self.fund()
        defer { try? FileManager.default.removeItem(atPath: ledger.dir) }
        let maria = { (arguments: [String]) throws in
            let result = try ledger.vtf(arguments, as: "maria")
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result
        }
        _ = try maria(["donor", "add", "USA", "--name", "United States", "--type", "member-state", "--country", "US", "--date", "2026-01-05"])
        _ = try maria(["agreement", "sign", "--donor", "USA", "--amount", "50000.00", "--currency", "USD", "--date", "2026-01-10", "--ref", "AGR-USA-1"])
        #expect(try Self.seals(ledger).isEmpty, "nothing is sealed within the first month")
        let received = try maria(["receive", "--agreement", "AGR-USA-1", "--amount", "20000.00", "--currency", "USD", "--date", "2026-02-03", "--bank-ref", "B-1"])
        #expect(received.stderr.contains("sealed the balances as of 2026-01-31"), "\(received.stderr)")
        let first = try Self.seals(ledger)
        #expect(first.map(\.0) == ["2026-01-31"])
        // The seal came first, in the same write: the receipt (dated in February) is not in it.
        let journal = try ledger.vtf(["journal", "export"], as: nil).stdout
        #expect(journal.contains("\"seq\":\((first.first?.1 ?? 0) + 1),") && journal.contains("\"kind\":\"contribution.receive\""))
        // The admin may not seal: its entry in April seals nothing; the fund manager's next one seals February and March.
        try ledger.expectOK(["key", "register", "--ledger", ledger.ledger, "--key", ledger.key("admin"), "--public-key", ledger.key("amara") + ".pub",
                             "--holder", "amara", "--role", "approving-officer", "--date", "2026-04-02"])
        #expect(try Self.seals(ledger).map(\.0) == ["2026-01-31"])
        _ = try maria(["receive", "--agreement", "AGR-USA-1", "--amount", "5000.00", "--currency", "USD", "--date", "2026-04-03", "--bank-ref", "B-2"])
        #expect(try Self.seals(ledger).map(\.0) == ["2026-01-31", "2026-02-28", "2026-03-31"])
        // An entry dated back in January seals nothing more.
        _ = try maria(["receive", "--agreement", "AGR-USA-1", "--amount", "1000.00", "--currency", "USD", "--date", "2026-01-15", "--bank-ref", "B-3"])
        #expect(try Self.seals(ledger).count == 3)
        #expect(try ledger.vtf(["verify"], as: nil).status == 0)
        // A statement of February proves its flows from the month-end seals alone; what the USA
        // owed at the end of February moved with the January receipt recorded after February's
        // seal, so it is not proven until February is sealed again.
        func proofs() throws -> [String: Any] {
            let statement = try ledger.vtf(["statement", "--donor", "USA", "--from", "2026-02-01", "--to", "2026-02-28", "--out", ledger.dir + "/usa.json", "--force"], as: nil)
            #expect(statement.status == 0, "\(statement.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ledger.dir + "/usa.json"))) as? [String: Any]
            return object?["proofs"] as? [String: Any] ?? [:]
        }
        let proven = { (proofs: [String: Any]) in (proofs["figures"] as? [[String: Any]] ?? []).compactMap { $0["figure"] as? String } }
        let before = try proofs()
        #expect(proven(before).contains("fund_use.psc") && proven(before).contains("fund_use.fund_balance"), "\(before)")
        let why = (before["not_proven"] as? [[String: Any]] ?? []).first { $0["figure"] as? String == "totals.outstanding.USD" }?["why"] as? String
        #expect(why?.contains("seal again") == true, "\(why ?? "proven")")
        _ = try maria(["seal", "--as-of", "2026-02-28", "--date", "2026-04-03"])
        #expect(proven(try proofs()).contains("totals.outstanding.USD"))
    }

    @Test("--seal takes a known policy, with --template only", arguments: [
        (["--template", "unvtf", "--seal", "weekly"], "--seal weekly: the policies are monthly"),
        (["--seal", "monthly"], "--seal is a fund policy: give it with --template unvtf"),
    ])
    func wrongPolicy(_ arguments: [String], _ message: String) throws {
        let ledger = TestLedger(dir: TestLedger.newFolder())
        defer { try? FileManager.default.removeItem(atPath: ledger.dir) }
        for name in ["admin", "log"] { try ledger.expectOK(["key", "generate", "--out", ledger.key(name), "--name", name]) }
        let result = try CLI.vtf(["init", "--ledger", ledger.ledger, "--origin", "test.example/x", "--fund-name", "X", "--admin-key", ledger.key("admin"),
                                  "--log-key", ledger.key("log")] + arguments, in: ledger.dir)
        #expect(result.status == 2 && result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: ledger.ledger), "a refused init leaves no ledger")
    }
}
