import Foundation
import GRDB
import Testing

/// Issue 10, item 7 ("no input may trap"): the ledger file is input too. A value of the wrong
/// type edited into a derived table (text where an integer belongs, bytes where text belongs)
/// never stops vtf: rows are read with GRDB's throwing `decode`, never its trapping subscript,
/// and `vtf verify` names the edit.
@Suite("A hand-edited table of the wrong type is named, not trapped on")
struct TamperedTypeTests {
    static let edits = [
        "UPDATE balances SET amount = 'many' WHERE account LIKE '1100%'",
        "UPDATE accounts SET opened_seq = 'early' WHERE code LIKE '1100%'",
        "UPDATE postings SET value = X'00ff' WHERE seq = (SELECT MAX(seq) FROM postings)",
        "UPDATE accounts SET name = X'ff00fe' WHERE code LIKE '1100%'",
        "UPDATE keys SET roles = 7",
    ]

    @Test(arguments: edits)
    func aValueOfTheWrongTypeIsRefused(sql: String) throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let queue = try DatabaseQueue(path: fund.base.ledger)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: sql)
        }
        try queue.close()
        for command in [["balance"], ["verify"], ["report", "net-assets", "--as-of", "2026-12-31"]] {
            let result = try fund.run(command)
            #expect([0, 1, 2, 3].contains(result.status), "\(command) \(sql): exit \(result.status) \(result.stderr)")
            #expect(command != ["verify"] || result.status != 0, "\(sql): verify passed \(result.stdout)")
            #expect(!result.stderr.contains("Fatal error"), "\(command) \(sql): \(result.stderr)")
        }
    }
}
