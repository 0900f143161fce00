import AuditBundle
import AuditFixtures
import Foundation
import LedgerLog
import Testing

/// The committed bundles in Audit/bundles: rebuilt byte for byte, the golden one verifies, and
/// every tampered one is caught with the right reason.
@Suite("Audit bundles")
struct AuditBundleTests {
    static let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Audit/bundles").path
    static let vkey = NoteVerifier.ed25519VerifierKey(name: AuditFixtures.origin, publicKey: AuditFixtures.log.publicKey)

    @Test func fixturesAreRebuiltByteForByte() throws {
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-fixtures-check-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: fresh) }
        try AuditFixtures.generate(into: fresh)
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

    @Test(arguments: AuditFixtures.attacks.map(\.name))
    func tamperedBundleIsCaught(attack: String) throws {
        let expected = try #require(AuditFixtures.attacks.first { $0.name == attack }?.expected)
        do {
            _ = try BundleVerify.verify(Self.committed + "/tampered/" + attack, vkey: Self.vkey)
            Issue.record("\(attack) verified")
        } catch let failure as VerificationFailure {
            let message = "journal.jsonl line \(failure.seq + 1): \(failure)"
            #expect(message.contains(expected), "\(message)")
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
