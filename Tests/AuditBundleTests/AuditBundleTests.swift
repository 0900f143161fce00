import AuditBundle
import TrustFundRules
import TransparencyLog
import AuditFixtures
import Foundation
import LedgerJournal
import Testing

/// The committed bundles in Audit/bundles: rebuilt byte for byte, the golden one verifies, and
/// every tampered one is caught with the right reason.
@Suite("Audit bundles")
struct AuditBundleTests {
    static let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Audit/bundles").path
    static let vkey = NoteVerifier.ed25519VerifierKey(name: AuditFixtures.origin, publicKey: AuditFixtures.log.publicKey)

    @Test func fixturesAreRebuiltByteForByte() async throws {
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-fixtures-check-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: fresh) }
        try await AuditFixtures.generate(into: fresh)
        let files = try BundleFiles.list(fresh)
        #expect(files == (try BundleFiles.list(Self.committed)), "run Scripts/make-audit-bundles")
        for file in files {
            #expect(try BundleFiles.sha256(fresh + "/" + file) == (try BundleFiles.sha256(Self.committed + "/" + file)), "\(file) differs: run Scripts/make-audit-bundles")
        }
    }

    @Test func goldenBundleVerifies() throws {
        let result = try BundleVerify.verify(Self.committed + "/golden", vkey: Self.vkey)
        #expect(result.entryCount == 18)
        #expect(result.checkpointCount == 18)
        #expect(result.keyCount == 5)
    }

    /// The verification failure each attack must end in: its class and, for a rule, the rule.
    static let expectedCodes: [String: (VerificationFailure.Code, RuleViolation.Code?)] = [
        "flipped-byte": (.signature, nil), "dropped-entry": (.chain, nil), "reordered-entries": (.chain, nil),
        "forged-signature": (.signature, nil), "key-used-after-revocation": (.rule, .keyRevoked),
        "history-rewritten": (.checkpoint, .checkpoint), "checkpoint-signed-by-wrong-key": (.checkpoint, .checkpoint),
    ]

    @Test(arguments: AuditFixtures.attacks.map(\.name))
    func tamperedBundleIsCaught(attack: String) throws {
        let expected = try #require(AuditFixtures.attacks.first { $0.name == attack }?.expected)
        do {
            _ = try BundleVerify.verify(Self.committed + "/tampered/" + attack, vkey: Self.vkey)
            Issue.record("\(attack) verified")
        } catch let failure as VerificationFailure {
            let message = "journal.jsonl line \(failure.seq + 1): \(failure)"
            #expect(message.contains(expected), "\(message)")
            // The failure's class (and rule) identify the attack, whatever the wording.
            let codes = try #require(Self.expectedCodes[attack], "\(attack): \(failure.code) \(failure.ruleCode?.rawValue ?? "-")")
            #expect(failure.code == codes.0 && failure.ruleCode == codes.1, "\(failure.code) \(failure.ruleCode?.rawValue ?? "-"): \(message)")
        } catch let failure as BundleFailure {
            #expect("\(failure)".contains(expected), "\(failure)")
        }
    }

    @Test func aChangedFileIsCaughtByTheManifest() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-bundle-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: Self.committed + "/golden", toPath: copy)
        try "tampered\n".write(toFile: copy + "/README.md", atomically: true, encoding: .utf8)
        #expect { try BundleVerify.verify(copy, vkey: Self.vkey) } throws: {
            "\($0)".contains("README.md: does not match its SHA-256 in MANIFEST")
        }
        try "extra\n".write(toFile: copy + "/keys/extra.pem", atomically: true, encoding: .utf8)
        #expect { try BundleVerify.verify(copy, vkey: Self.vkey) } throws: { "\($0)".contains("not listed in MANIFEST") }
    }

    @Test func anotherVerifierKeyIsRefused() throws {
        let other = NoteVerifier.ed25519VerifierKey(name: AuditFixtures.origin, publicKey: AuditFixtures.intruder.publicKey)
        #expect { try BundleVerify.verify(Self.committed + "/golden", vkey: other) } throws: {
            "\($0)".contains("is not the verifier key you gave")
        }
    }
}

/// Audit/verify-with-openssl.sh, which needs nothing of vtf, agrees with `vtf audit verify`.
@Suite("The openssl-only bundle check")
struct OpenSSLScriptTests {
    static let script = URL(fileURLWithPath: AuditBundleTests.committed).deletingLastPathComponent()
        .appendingPathComponent("verify-with-openssl.sh").path

    func run(_ bundle: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script, bundle, "--vkey", AuditBundleTests.vkey]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func goldenBundlePasses() throws {
        let result = try run(AuditBundleTests.committed + "/golden")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasPrefix("ok: 18 entries, 18 checkpoints"), "\(result.output)")
    }

    @Test(arguments: [
        ("flipped-byte", "line 8 (seq 7): signature does not verify"),
        ("dropped-entry", "line 10 (seq 9): seq is 10, expected 9"),
        ("reordered-entries", "line 11 (seq 10): seq is 11, expected 10"),
        ("forged-signature", "line 13 (seq 12): signature does not verify"),
        ("key-used-after-revocation", "was revoked at seq 15"),
        ("history-rewritten", "is not the Merkle root of journal entries"),
        ("checkpoint-signed-by-wrong-key", "00000000000000000016.note"),
    ])
    func tamperedBundleFails(attack: String, words: String) throws {
        let result = try run(AuditBundleTests.committed + "/tampered/" + attack)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("FAILED: ") && result.output.contains(words), "\(result.output)")
    }
}
