import CanonicalJSON
import Foundation
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import Testing

/// A statement is audited only by a key the ledger registered as auditor, names that auditor,
/// and the donor checks the audit against the auditor's own witness key.
@Suite("Audits by registered auditors")
struct AuditorCosignatureTests {
    static let witnessName = "test.example/boa"

    /// The fund ledger with the Board of Auditors' key registered and its cosignature on the
    /// latest checkpoint; returns the witness vkey that `checkpoint cosign` printed.
    private func audited(_ fund: FundLedger) throws -> String {
        try fund.ok(["key", "generate", "--out", fund.base.key("boa"), "--name", "Board of Auditors"])
        try fund.ok(["key", "register", "--public-key", fund.base.key("boa") + ".pub", "--holder", "board-of-auditors",
                     "--role", "auditor", "--date", "2026-01-26"], as: "admin")
        let cosigned = try fund.ok(["checkpoint", "cosign", "--name", Self.witnessName], as: "boa").stderr
        return String(try #require(cosigned.firstMatch(of: #/your witness vkey: (\S+)/#)).1)
    }

    private func make(_ fund: FundLedger) throws -> String {
        let out = fund.base.dir + "/bel.json"
        try fund.ok(["statement", "--donor", "BEL", "--from", "2026-01-01", "--to", "2026-12-31", "--out", out])
        return out
    }

    private func vkey(_ fund: FundLedger) throws -> String {
        try fund.ok(["log", "vkey"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aRegisteredAuditorsCosignatureNamesThem() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let witness = try audited(fund)
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
        let out = try make(fund)
        let statement = try #require(try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))).objectValue)
        #expect(statement["audited"] == nil, "the bare flag is gone")
        let audits = (statement["audited_by"]?.arrayValue ?? []).compactMap(\.objectValue)
        #expect(audits.count == 1)
        let audit = try #require(audits.first)
        #expect(audit["holder"] == .string("board-of-auditors"))
        #expect(audit["vkey"] == .string(witness))
        #expect(audit["witness"]?.stringValue?.hasPrefix("— \(Self.witnessName) ") == true)
        let note = statement["checkpoint"]?.objectValue?["note"]?.stringValue ?? ""
        #expect(note.contains((audit["witness"]?.stringValue ?? "?") + "\n"), "the witness line is on the checkpoint")
        let keys = try fund.ok(["key", "list", "--format", "json"]).stdout
        #expect(keys.contains(audit["key_id"]?.stringValue ?? "?"), "key_id is the ledger's id of the auditor key")
    }

    @Test func statementVerifyChecksTheWitnessKeysTheDonorGives() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let witness = try audited(fund)
        let out = try make(fund)
        let verify = ["statement", "verify", out, "--vkey", try vkey(fund)]
        let none = try CLI.vtf(verify, in: fund.base.dir)
        #expect(none.status == 0 && none.stdout.contains("board-of-auditors (\(Self.witnessName))")
                && none.stdout.contains("not checked: no --witness given"), "\(none.stdout)\(none.stderr)")
        let right = try CLI.vtf(verify + ["--witness", witness], in: fund.base.dir)
        #expect(right.status == 0 && right.stdout.contains("witness keys checked: \(Self.witnessName)"), "\(right.stdout)\(right.stderr)")
        // Another key under the same witness name: the checkpoint has no cosignature by it.
        try fund.ok(["key", "generate", "--out", fund.base.key("other"), "--name", "Other"])
        let otherKey = try fund.run(["checkpoint", "cosign", "--name", Self.witnessName], as: "other")
        #expect(otherKey.status == 2, "an unregistered key cannot cosign")
        let wrong = witness.replacing(#/\+[0-9a-f]{8}\+/#, with: "+00000000+")
        let refused = try CLI.vtf(verify + ["--witness", wrong], in: fund.base.dir)
        #expect(refused.status != 0, "\(refused.stdout)")
        let rightThenWrong = try CLI.vtf(verify + ["--witness", witness, "--witness", try otherWitness(fund)], in: fund.base.dir)
        #expect(rightThenWrong.status == 1 && rightThenWrong.stderr.contains("no valid cosignature by this witness key"),
                "\(rightThenWrong.stdout)\(rightThenWrong.stderr)")
        // The same checks with openssl alone.
        let script = CLI.packageRoot.appendingPathComponent("Audit/verify-statement-with-openssl.sh").path
        let byScript = try CLI.run(script, [out, "--vkey", try vkey(fund), "--witness", witness], in: fund.base.dir)
        #expect(byScript.status == 0 && byScript.stdout.contains("witness keys checked"), "\(byScript.stdout)\(byScript.stderr)")
        let scriptNone = try CLI.run(script, [out, "--vkey", try vkey(fund)], in: fund.base.dir)
        #expect(scriptNone.status == 0 && scriptNone.stdout.contains("not checked: no --witness given"), "\(scriptNone.stdout)")
        let scriptWrong = try CLI.run(script, [out, "--vkey", try vkey(fund), "--witness", try otherWitness(fund)], in: fund.base.dir)
        #expect(scriptWrong.status == 1 && scriptWrong.stdout.contains("no valid cosignature by this witness key"), "\(scriptWrong.stdout)")
    }

    /// A well-formed witness vkey for the same name but another key, which never cosigned.
    private func otherWitness(_ fund: FundLedger) throws -> String {
        Cosignature.verifierKey(name: Self.witnessName, publicKey: try KeyFile.readPublicKey(at: fund.base.key("other") + ".pub"))
    }

    @Test func anUnauditedStatementSaysSoWithoutWitnessNoise() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let out = try make(fund)
        let result = try CLI.vtf(["statement", "verify", out, "--vkey", try vkey(fund)], in: fund.base.dir)
        #expect(result.status == 0 && result.stdout.contains("unaudited") && !result.stdout.contains("not checked"), "\(result.stdout)")
    }
}
