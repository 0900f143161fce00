import Foundation
import Testing

/// `vtf proof check` checks the checkpoint's log signature with AuditBundle's witness: a checkpoint
/// the log key did not sign fails the check (exit 1), naming the file; a vkey that is no vkey is
/// bad input (exit 2).
@Suite("vtf proof check: the checkpoint's log signature")
struct ProofCheckWitnessTests {
    @Test func aCheckpointTheLogKeyDidNotSignFailsTheCheckNamingTheFile() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let vkey = try ledger.vtf(["log", "vkey"]).stdout.trimmingCharacters(in: .newlines)
        let checkpoint = ledger.dir + "/cp.note"
        try ledger.vtf(["checkpoint"]).stdout.write(toFile: checkpoint, atomically: true, encoding: .utf8)
        let proof = ledger.dir + "/p.json"
        try ledger.vtf(["prove", "inclusion", "1"]).stdout.write(toFile: proof, atomically: true, encoding: .utf8)
        let ok = try CLI.vtf(["proof", "check", "--checkpoint", checkpoint, "--vkey", vkey, "--proof", proof], in: ledger.dir)
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")

        let otherOrigin = vkey.replacingOccurrences(of: "test.example/vtf+", with: "test.example/vtf2+")
        let tampered = ledger.dir + "/tampered.note"
        let note = try String(contentsOfFile: checkpoint, encoding: .utf8)
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false)
        // The size line changed: the log's signature no longer covers the text.
        try ([lines[0], "999"] + lines.dropFirst(2)).joined(separator: "\n").write(toFile: tampered, atomically: true, encoding: .utf8)
        let check = try CLI.vtf(["proof", "check", "--checkpoint", tampered, "--vkey", vkey, "--proof", proof], in: ledger.dir)
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stderr.hasPrefix("vtf: check failed: \(tampered): the checkpoint is not signed by the log key \(vkey): "), "\(check.stderr)")
        #expect(check.stdout.isEmpty)
        // A vkey that is no vkey (the wrong form, a key id that is not its key's) is bad input: exit 2.
        for key in [otherOrigin, "not-a-vkey"] {
            let refused = try CLI.vtf(["proof", "check", "--checkpoint", checkpoint, "--vkey", key, "--proof", proof], in: ledger.dir)
            #expect(refused.status == 2, "\(key): \(refused.stdout)\(refused.stderr)")
            #expect(refused.stderr.hasPrefix("vtf: The verifier key is not valid: "), "\(key): \(refused.stderr)")
        }
    }
}
