import Foundation
import Testing

/// Issue 10 item 2: `--out` destroyed the ledger. No output is written over a ledger, a copy of
/// one, or its -wal/-shm, even with --force; an existing file is replaced only with --force,
/// atomically.
@Suite("Outputs never overwrite a ledger")
struct OutputSafetyTests {
    /// The ledger's paths that an `--out` could name: itself, its side files, a copy, a link.
    private func ledgerLikePaths(_ ledger: TestLedger) throws -> [String] {
        let copy = ledger.dir + "/copy.ledger"
        try FileManager.default.copyItem(atPath: ledger.ledger, toPath: copy)
        try FileManager.default.createSymbolicLink(atPath: ledger.dir + "/link.ledger", withDestinationPath: ledger.ledger)
        return [ledger.ledger, ledger.ledger + "-wal", ledger.ledger + "-shm", copy, ledger.dir + "/link.ledger", "./test.ledger"]
    }

    private func refusedLeavingLedger(_ ledger: TestLedger, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try ledger.fileBytes()
        let copy = try? Data(contentsOf: URL(fileURLWithPath: ledger.dir + "/copy.ledger"))
        let result = try ledger.vtf(arguments)
        #expect(result.status == 2, "vtf \(arguments.joined(separator: " ")): exit \(result.status) \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("never writes over a ledger"), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try ledger.fileBytes() == before, "the ledger changed", sourceLocation: sourceLocation)
        #expect((try? Data(contentsOf: URL(fileURLWithPath: ledger.dir + "/copy.ledger"))) == copy, sourceLocation: sourceLocation)
    }

    @Test func journalExportRefusesTheLedgerItsSideFilesAndCopiesEvenWithForce() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        for path in try ledgerLikePaths(ledger) {
            for force in [[], ["--force"]] {
                try refusedLeavingLedger(ledger, ["journal", "export", "--out", path] + force)
            }
        }
        #expect(try ledger.vtf(["verify"]).status == 0)
    }

    @Test func statementRefusesTheLedgerEvenWithForce() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        for path in try ledgerLikePaths(fund.base) {
            for force in [[], ["--force"]] {
                try refusedLeavingLedger(fund.base, ["statement", "--donor", "BEL", "--to", "2026-12-31", "--out", path] + force)
            }
        }
        for format in ["html", "csv"] {
            try refusedLeavingLedger(fund.base, ["statement", "--donor", "BEL", "--to", "2026-12-31", "--format", format, "--out", fund.base.ledger, "--force"])
        }
        try refusedLeavingLedger(fund.base, ["statement", "--all", "--to", "2026-12-31", "--out", fund.base.ledger, "--force"])
    }

    @Test func auditExportNeverReplacesALedgerOrAFolderThatIsNotABundle() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let before = try ledger.fileBytes()
        for force in [[], ["--force"]] {
            let onLedger = try ledger.vtf(["audit", "export", ledger.ledger] + force)
            #expect(onLedger.status == 2 && onLedger.stderr.contains("never writes over a ledger"), "\(onLedger.stderr)")
            let onFolder = try ledger.vtf(["audit", "export", ledger.dir] + force)
            #expect(onFolder.status == 2, "\(onFolder.stderr)")
        }
        #expect(try ledger.fileBytes() == before)
        #expect(FileManager.default.fileExists(atPath: ledger.key("alice")))
    }

    @Test func anExistingFileIsReplacedOnlyWithForce() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let out = ledger.dir + "/journal.jsonl"
        try "keep me\n".write(toFile: out, atomically: true, encoding: .utf8)
        let refused = try ledger.vtf(["journal", "export", "--out", out])
        #expect(refused.status == 2 && refused.stderr.contains("already exists; give --force"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me\n")
        let forced = try ledger.vtf(["journal", "export", "--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let exported = try ledger.vtf(["journal", "export"]).stdout
        #expect(try String(contentsOfFile: out, encoding: .utf8) == exported)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: ledger.dir).filter { $0.contains("vtf-tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func aStatementFileIsReplacedOnlyWithForce() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let out = fund.base.dir + "/bel.csv"
        let arguments = ["statement", "--donor", "BEL", "--to", "2026-12-31", "--format", "csv", "--out", out]
        try fund.ok(arguments)
        try "old".write(toFile: out, atomically: true, encoding: .utf8)
        let refused = try fund.run(arguments)
        #expect(refused.status == 2 && refused.stderr.contains("already exists"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old")
        try fund.ok(arguments + ["--force"])
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("section,ref,"))
    }

    @Test func anAuditBundleIsReplacedOnlyWithForceAndStillVerifies() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let bundle = ledger.dir + "/bundle"
        #expect(try ledger.vtf(["audit", "export", bundle]).status == 0)
        let again = try ledger.vtf(["audit", "export", bundle])
        #expect(again.status == 2 && again.stderr.contains("give --force"), "\(again.stderr)")
        try ledger.post(["1100:10.00", "4100:-10.00"])
        let forced = try ledger.vtf(["audit", "export", bundle, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let vkey = try ledger.vtf(["log", "vkey"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let verified = try ledger.vtf(["audit", "verify", bundle, "--vkey", vkey])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: ledger.dir).filter { $0.contains("vtf-tmp") }
        #expect(siblings.isEmpty, "\(siblings)")
    }
}

/// `vtf report --out` and `vtf key generate --out` under the same rules.
@Suite("Report and key outputs never overwrite a ledger")
struct ReportAndKeyOutputTests {
    @Test func reportOutRefusesTheLedgerAndNeedsForceForAFile() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let before = try fund.base.fileBytes()
        let report = ["report", "grants", "--as-of", "2026-12-31", "--format", "csv"]
        for force in [[], ["--force"]] {
            let result = try fund.run(report + ["--out", fund.base.ledger] + force)
            #expect(result.status == 2 && result.stderr.contains("never writes over a ledger"), "\(result.stderr)")
        }
        #expect(try fund.base.fileBytes() == before)
        let out = fund.base.dir + "/grants.csv"
        try fund.ok(report + ["--out", out])
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("grant,grantee,"))
        #expect(try fund.run(report + ["--out", out]).status == 2)
        try fund.ok(report + ["--out", out, "--force"])
    }

    @Test func keyGenerateNeverWritesALedgerSideFile() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        for path in [ledger.ledger + "-wal", ledger.ledger + "-shm", ledger.ledger] {
            let result = try ledger.vtf(["key", "generate", "--out", path])
            #expect(result.status == 2, "\(path): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: ledger.ledger + "-shm.pub"))
        #expect(try ledger.vtf(["verify"]).status == 0)
    }
}
