import CanonicalJSON
import Foundation
import GRDB
import Testing

/// `vtf reconcile ledger` and `vtf reconcile receivables` on the fund fixture ledger
/// (Belgium's EUR 100,000.00 agreement of 2026-01-10, EUR 50,000.00 received on 2026-01-20).
@Suite("vtf reconcile ledger and receivables")
struct ReconcileCommandTests {
    @Test func anUntouchedLedgerReconciles() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        #expect(try fund.ok(["reconcile", "ledger"]).stdout.hasPrefix("ok: every derived table equals the journal's replay"))
        let receivables = try fund.ok(["reconcile", "receivables", "--as-of", "2026-12-31"]).stdout
        // 100,000.00 − 50,000.00 = 50,000.00 expected, and on 1200.BEL; the single instalment was
        // due on 2026-01-10, so on 2026-12-31 it is 355 days overdue.
        #expect(receivables.contains("BEL    EUR           50000.00      50000.00  50000.00          50000.00  ok"), "\(receivables)")
        let json = try fund.ok(["reconcile", "receivables", "--as-of", "2026-12-31", "--format", "json"]).stdout
        let problems = SchemaChecker.check(try JSONParser.parse(Array(json.utf8)), against: try SchemaChecker.load("reconcile-receivables.schema.json"))
        #expect(problems.isEmpty && json.contains(#""agrees":true"#), "\(problems) \(json)")
    }

    @Test func everyTamperedRowIsListed() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let queue = try DatabaseQueue(path: fund.base.ledger)
        try queue.write { db in
            try db.execute(sql: "UPDATE postings SET amount = amount + 1 WHERE account = '1200.BEL' AND amount > 0")
            try db.execute(sql: "UPDATE postings SET amount = amount - 1 WHERE account = '1100' AND currency = 'EUR' AND amount > 0 AND seq = (SELECT MIN(seq) FROM postings WHERE account = '1100' AND currency = 'EUR')")
        }
        let result = try fund.run(["reconcile", "ledger"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("2 differences between the stored tables and the journal"), "\(result.stdout)")
        #expect(result.stdout.contains("it says 1200.BEL 100000.00 EUR") && result.stdout.contains("it says 1100 50000.00 EUR"), "\(result.stdout)")
    }

    @Test func receivablesThatDisagreeAreNamed() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let queue = try DatabaseQueue(path: fund.base.ledger)
        try queue.write { db in
            // The receivable line of the receipt, 0.01 less: the books now hold 50,000.01.
            try db.execute(sql: "UPDATE postings SET amount = amount + 1 WHERE account = '1200.BEL' AND amount < 0")
        }
        let result = try fund.run(["reconcile", "receivables", "--as-of", "2026-12-31"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("DIFFERS by 0.01"), "\(result.stdout)")
    }
}
