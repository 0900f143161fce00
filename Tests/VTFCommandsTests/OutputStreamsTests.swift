import CanonicalJSON
import Foundation
import Testing

/// Standard output carries a command's results, standard error its talk (issue 12 item 10):
/// what a command prints on stdout can be written to a file and handed to the command that
/// reads it.
@Suite("stdout is for results, stderr for talk")
struct OutputStreamsTests {
    /// `checkpoint cosign > note`: the note alone, which `proof check --witness` then accepts.
    @Test func aCosignedNoteOnStdoutVerifiesWithProofCheck() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.ok(["key", "generate", "--out", fund.base.key("boa"), "--name", "Board of Auditors"])
        try fund.ok(["key", "register", "--public-key", fund.base.key("boa") + ".pub", "--holder", "board-of-auditors",
                     "--role", "auditor", "--date", "2026-01-26"], as: "admin")
        let cosign = try fund.ok(["checkpoint", "cosign", "--name", "test.example/boa"], as: "boa")
        #expect(cosign.stderr.contains("first cosignature: trusting the log key"), "\(cosign.stderr)")
        #expect(!cosign.stdout.contains("first cosignature") && !cosign.stdout.contains("cosigned size"), "\(cosign.stdout)")
        let witness = String(try #require(cosign.stderr.firstMatch(of: #/your witness vkey: (\S+)/#)).1)
        let dir = fund.base.dir
        try cosign.stdout.write(toFile: dir + "/cosigned.note", atomically: true, encoding: .utf8)
        let proof = try fund.ok(["prove", "inclusion", "1"]).stdout
        try proof.write(toFile: dir + "/proof.json", atomically: true, encoding: .utf8)
        let journal = try fund.ok(["journal", "export"]).stdout.split(separator: "\n")
        try String(journal[1]).write(toFile: dir + "/entry.json", atomically: true, encoding: .utf8)
        let vkey = try fund.ok(["log", "vkey"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let check = try CLI.vtf(["proof", "check", "--checkpoint", dir + "/cosigned.note", "--vkey", vkey, "--proof", dir + "/proof.json",
                                 "--entry", "@" + dir + "/entry.json", "--witness", witness], in: dir)
        #expect(check.status == 0 && check.stdout.hasPrefix("ok: entry 1"), "\(check.stdout)\(check.stderr)")
        // A second cosignature (no longer the first): still the note alone.
        let again = try fund.ok(["checkpoint", "cosign", "--name", "test.example/boa"], as: "boa")
        #expect(again.stdout == cosign.stdout, "\(again.stdout)")
    }

    /// `reconcile bank --commit --format json > out.json`: JSON alone, the commit's notes on stderr.
    @Test func aCommittedBankReconciliationInJSONParses() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let path = fund.base.dir + "/january.sta"
        try BankReconcileCommandTests.statement.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try fund.run(["reconcile", "bank", "--statement", path, "--account", "1100", "--commit", "--date", "2026-01-31",
                                   "--format", "json"])
        #expect(result.status == 1 && result.stderr.contains("committed: entry"), "\(result.stderr)")
        let json = try JSONParser.parse(Array(result.stdout.utf8))
        #expect(json.objectValue?["matched_count"] == .integer(2), "\(result.stdout)")
    }

    /// Commands that write a file say so on stderr; stdout stays empty.
    @Test func writingToAFileLeavesStdoutEmpty() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let dir = fund.base.dir
        let journal = try fund.ok(["journal", "export", "--out", dir + "/journal.jsonl"])
        #expect(journal.stdout.isEmpty && journal.stderr.contains("wrote "), "\(journal.stdout)")
        let statement = try fund.ok(["statement", "--donor", "BEL", "--from", "2026-01-01", "--to", "2026-12-31", "--out", dir + "/bel.json"])
        #expect(statement.stdout.isEmpty && statement.stderr.contains("wrote "), "\(statement.stdout)")
        let bundle = try fund.ok(["audit", "export", dir + "/bundle"])
        #expect(bundle.stdout.isEmpty && bundle.stderr.contains("auditors check it with:"), "\(bundle.stdout)")
        let verify = try CLI.vtf(["audit", "verify", dir + "/bundle", "--vkey", try fund.ok(["log", "vkey"]).stdout
                                    .trimmingCharacters(in: .whitespacesAndNewlines)], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    /// A request prints what was recorded (its REF) on stdout; who acts next is talk.
    @Test func aRequestsNextStepsAreOnStderr() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let request = try fund.ok(["receivable", "impair", "AGR-BEL-1", "--amount", "10000.00", "--date", "2026-09-30", "--ref", "IMP-1"])
        #expect(request.stdout.contains("REF ") && !request.stdout.contains("next:"), "\(request.stdout)")
        #expect(request.stderr.contains("next: ") && request.stderr.contains("vtf approve"), "\(request.stderr)")
    }
}
