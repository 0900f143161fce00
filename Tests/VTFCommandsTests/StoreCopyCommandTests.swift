import Foundation
import GRDB
import Testing

/// `vtf store copy`: a ledger copied as signed into a new store, verified on both sides; an
/// existing destination refused with nothing changed; a source that does not verify not copied.
@Suite("vtf store copy")
struct StoreCopyCommandTests {
    /// The fund ledger with an auditor's cosignature on its latest checkpoint.
    static func cosignedFund() throws -> FundLedger {
        let fund = try FundLedger()
        try fund.ok(["key", "generate", "--out", fund.base.key("boa"), "--name", "Board of Auditors"])
        try fund.ok(["key", "register", "--public-key", fund.base.key("boa") + ".pub", "--holder", "board-of-auditors",
                     "--role", "auditor", "--date", "2026-01-26"], as: "admin")
        try fund.ok(["checkpoint", "cosign", "--name", "test.example/boa"], as: "boa")
        return fund
    }

    @Test func aFundLedgerCopiesWithTheSameRootAndVerifiesOnBothSides() throws {
        let fund = try Self.cosignedFund()
        defer { fund.base.remove() }
        let copy = fund.base.dir + "/copy.vtf"
        let result = try fund.ok(["store", "copy", "--from", fund.base.ledger, "--to", copy, "--threads", "2"])
        let verified = try fund.ok(["verify"]).stdout
        let root = String(try #require(verified.firstMatch(of: #/root ([0-9a-f]{64})/#)).1)
        let count = String(try #require(verified.firstMatch(of: #/ok: (\d+) entries/#)).1)
        #expect(result.stdout.contains("ok: \(count) entries, root \(root), on both"), "\(result.stdout)")
        #expect(result.stdout.contains(" checkpoints and 1 cosignature from "), "\(result.stdout)")
        let onCopy = { (arguments: [String]) throws -> String in
            try fund.ok(arguments + ["--ledger", copy]).stdout
        }
        #expect(try onCopy(["verify"]) == verified)
        // The same signed bytes, checkpoints (the latest with its cosignature) and reports.
        for arguments in [["journal", "export"], ["checkpoint", "show"], ["balance"],
                          ["report", "financial-position", "--as-of", "2026-12-31"], ["key", "list"], ["funds", "available"]] {
            #expect(try onCopy(arguments) == fund.ok(arguments).stdout, "vtf \(arguments.joined(separator: " "))")
        }
        #expect(try onCopy(["checkpoint", "show"]).contains("— test.example/boa "))
        // Every checkpoint at the same size (and none where the source has none).
        var stored = 0
        for size in 1...Int(count)! {
            let arguments = ["checkpoint", "show", "--size", String(size)]
            let (original, copied) = (try fund.run(arguments), try fund.run(arguments + ["--ledger", copy]))
            #expect(original.status == copied.status && original.stdout == copied.stdout, "checkpoint \(size)")
            if original.status == 0 { stored += 1 }
        }
        #expect(stored > 5 && result.stdout.contains(" \(stored) checkpoints"), "\(result.stdout)")
        // The copy knows where its log key is: it takes new entries.
        try fund.ok(["donor", "add", "NOR", "--name", "Norway", "--type", "member-state", "--country", "NO",
                     "--date", "2026-02-01", "--ledger", copy])
        #expect(try onCopy(["verify"]).hasPrefix("ok: \(Int(count)! + 1) entries"))
    }

    @Test func anExistingDestinationIsRefusedAndLeftAsItWas() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let other = try FundLedger()
        defer { other.base.remove() }
        let before = try other.base.fileBytes()
        let result = try fund.run(["store", "copy", "--from", fund.base.ledger, "--to", other.base.ledger])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("already exists") && result.stderr.contains("nothing was changed"), "\(result.stderr)")
        #expect(try other.base.fileBytes() == before)
        // A missing folder: refused, nothing created.
        let nowhere = fund.base.dir + "/no-such-folder/copy.vtf"
        let missing = try fund.run(["store", "copy", "--from", fund.base.ledger, "--to", nowhere])
        #expect(missing.status == 2, "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: nowhere))
    }

    @Test func aSourceThatDoesNotVerifyIsNotCopied() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let queue = try DatabaseQueue(path: fund.base.ledger)
        try queue.write { db in
            try db.execute(sql: "UPDATE balances SET amount = amount + 1, value = value + 1 WHERE account = (SELECT MIN(account) FROM balances)")
        }
        let copy = fund.base.dir + "/copy.vtf"
        let result = try fund.run(["store", "copy", "--from", fund.base.ledger, "--to", copy])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: copy), "a failed copy leaves no destination")
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))
    }

    @Test func aMissingSourceIsRefused() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.vtf(["store", "copy", "--from", dir + "/none.vtf", "--to", dir + "/copy.vtf"], in: dir)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/copy.vtf"))
    }
}
