import Foundation
import Testing

/// The calendar's ends (1900-01-01 and 9999-12-31) are dates a careless user types: every command
/// answers them with a figure or a refusal (exit 2), never a trap. A careless-user trial found
/// reports, `vtf publish` and `vtf grant accrue` trapping on dates in 9999, and a pledge dated
/// 9999-12-31 made every later `vtf publish` trap.
@Suite struct CalendarEdgeCommandTests {
    @Test("reports, statements, publishing and accruals at the calendar's ends: figures or refusals, never a trap")
    func calendarEnds() throws {
        let dir = try StatementProofCommandTests.demo()
        let ledger = ["--ledger", "unvtf.ledger"]
        for arguments in [
            ["report", "financial-position", "--as-of", "9999-12-31"], ["report", "financial-position", "--as-of", "9999-06-01"],
            ["report", "receivables", "--as-of", "9999-12-31"], ["funds", "available", "--as-of", "9999-12-31"],
            ["statement", "--donor", "BEL", "--from", "1900-01-01", "--to", "2025-12-31", "--out", "bel-1900.json"],
        ] {
            let result = try CLI.vtf(arguments + ledger, in: dir)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let vkey = try BalanceProofCommandTests.vkey(dir)
        let verified = try CLI.vtf(["statement", "verify", "bel-1900.json", "--vkey", vkey], in: dir)
        #expect(verified.status == 0, "\(verified.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/unvtf.ledger"))
        // Recorded today, an entry dated 9999-12-31 is refused: it is dated at most a month ahead.
        let accrual = try CLI.vtf(["grant", "accrue", "G-2025-08", "--amount", "100.00", "--date", "9999-12-31", "--basis", "x", "--key", "maria.pem"] + ledger, in: dir)
        #expect(accrual.status == 2, "\(accrual.stdout)\(accrual.stderr)")
        #expect(accrual.stderr.contains("more than 31 days after the day it is recorded"), "\(accrual.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/unvtf.ledger")) == before)
        // Recorded on the calendar's last day (the signer's stated time), the accrual has no next
        // day to be reversed on; a pledge is recorded, and the site still publishes.
        let end = ["VTF_RECORDING_TIME": "9999-12-31T00:00:00Z"]
        let last = try CLI.vtf(["grant", "accrue", "G-2025-08", "--amount", "100.00", "--date", "9999-12-31", "--basis", "x", "--key", "maria.pem"] + ledger, in: dir, environment: end)
        #expect(last.status == 2 && last.stderr.contains("cannot be reversed the next day"), "\(last.stdout)\(last.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/unvtf.ledger")) == before)
        let pledge = try CLI.vtf(["pledge", "--donor", "BEL", "--amount", "1.00", "--currency", "EUR", "--date", "9999-12-31", "--ref", "FUT-1", "--key", "maria.pem"] + ledger, in: dir, environment: end)
        #expect(pledge.status == 0, "\(pledge.stderr)")
        let published = try CLI.vtf(["publish", "--out", "site"] + ledger, in: dir)
        #expect(published.status == 0, "\(published.stderr)")
        #expect(try CLI.vtf(["verify"] + ledger, in: dir).status == 0)
    }
}
