import Foundation
import Testing

/// Issue 12 item 9, as a new user meets it: `vtf init` without `--date` opens the ledger today;
/// a donor, an agreement or a receipt dated earlier is refused at once (exit 2, the file
/// unchanged) with the fix, instead of a grant certification failing months later on "the
/// setting reserve_rate has no value".
@Suite("vtf init without --date, then back-dated entries")
struct OpeningDateCommandTests {
    @Test func aBackDatedEntryIsRefusedAtOnceWithTheFix() throws {
        let ledger = TestLedger(dir: TestLedger.newFolder())
        defer { ledger.remove() }
        for name in ["admin", "log", "maria"] {
            try ledger.expectOK(["key", "generate", "--out", ledger.key(name), "--name", name])
        }
        try ledger.expectOK(["init", "--ledger", ledger.ledger, "--origin", "test.example/unvtf", "--fund-name", "UNVTF new",
                             "--template", "unvtf", "--admin-key", ledger.key("admin"), "--log-key", ledger.key("log")])
        try ledger.expectOK(["key", "register", "--ledger", ledger.ledger, "--key", ledger.key("admin"), "--public-key",
                             ledger.key("maria") + ".pub", "--holder", "maria", "--role", "fund-manager"])
        let before = try ledger.fileBytes()
        let refused = try ledger.vtf(["donor", "add", "BEL", "--name", "Belgium", "--type", "member-state", "--country", "BE",
                                      "--date", "2020-03-01"], as: "maria")
        #expect(refused.status == 2, "exit \(refused.status): \(refused.stderr)")
        #expect(refused.stderr.contains("dated 2020-03-01, before the ledger's opening on"), "\(refused.stderr)")
        #expect(refused.stderr.contains("vtf init --date 2020-01-01"), "\(refused.stderr)")
        #expect(try ledger.fileBytes() == before, "the ledger changed")
        // Today, it is recorded.
        let today = try ledger.vtf(["donor", "add", "BEL", "--name", "Belgium", "--type", "member-state", "--country", "BE"], as: "maria")
        #expect(today.status == 0, "\(today.stderr)")
    }
}
