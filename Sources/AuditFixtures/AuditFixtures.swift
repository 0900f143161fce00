import AuditBundle
import CanonicalJSON
import Foundation
import LedgerCore
public import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
public import SQLiteStore

/// Builds the golden audit bundle from fixed TEST keys (their seeds are public: never use them for
/// a real fund) and fixed times, so every run writes the same bytes; then one tampered copy per
/// attack, each with a MANIFEST that matches its files, so that the verifier must catch the attack
/// itself rather than a stale hash.
public enum AuditFixtures {
    /// The fixed time of every entry and cosignature.
    public static let time = "2026-03-31T12:00:00Z"
    /// ``time`` in Unix seconds, the timestamp of the auditor's cosignature.
    public static let cosignatureTimestamp: UInt64 = 1_774_958_400

    /// Test keys from fixed seeds.
    public static let admin = key(0xA1)
    /// The TEST log key that signs the golden ledger's checkpoints.
    public static let log = key(0xA2)
    /// The TEST key of Alice, a fund manager of the golden ledger.
    public static let alice = key(0xA3)
    /// The TEST key of Bruno, a fund manager of the golden ledger.
    public static let bruno = key(0xA4)
    /// The TEST key of the auditor (Audrey), who cosigns checkpoints as ``witnessName``.
    public static let auditor = key(0xA5)
    /// A TEST key the golden ledger never registers: tampered copies sign with it.
    public static let intruder = key(0xA6)
    /// The log origin (checkpoint name) of the golden ledger.
    public static let origin = "test.example/unvtf-golden"
    /// The witness name under which ``auditor`` cosigns checkpoints.
    public static let witnessName = "test.example/board-of-auditors"

    static func key(_ byte: UInt8) -> Ed25519PrivateKey {
        do { return try Ed25519PrivateKey(seed: [UInt8](repeating: byte, count: 32)) } catch {
            preconditionFailure("a 32-byte seed is a key: \(error)")
        }
    }

    /// Each attack, the folder it is written to, and what the verifier must say.
    public static let attacks: [(name: String, expected: String)] = [
        ("flipped-byte", "line 8: entry 7: signature does not verify"),
        ("dropped-entry", "line 10: entry 9: seq is 10, expected 9"),
        ("reordered-entries", "line 11: entry 10: seq is 11, expected 10"),
        ("forged-signature", "line 13: entry 12: signature does not verify"),
        ("key-used-after-revocation", "was revoked at entry 15"),
        ("history-rewritten", "signs a different root than the journal's (history was rewritten)"),
        ("checkpoint-signed-by-wrong-key", "is not validly signed by the log key"),
    ]

    /// Builds the golden ledger (18 entries; alice a fund manager, bruno revoked, audrey an
    /// auditor who cosigned two checkpoints) as a new ledger file at `path`.
    public static func goldenLedger(at path: String) throws -> LedgerFile {
        try GoldenLedger.build(at: path)
    }

    /// Writes `directory/golden` and `directory/tampered/<attack>`; `directory` must not hold them yet.
    public static func generate(into directory: String) async throws {
        // The task's recording time, not the process environment: a test run generates the
        // fixtures beside other tests, whose vtf processes would inherit the variable.
        try await RecordingTime.$override.withValue(time) { try await write(into: directory) }
    }

    private static func write(into directory: String) async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-fixtures-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let ledger = try GoldenLedger.build(at: work + "/golden.ledger")
        let golden = directory + "/golden"
        _ = try await BundleExport.export(ledger.store, to: golden)
        for attack in attacks {
            let target = directory + "/tampered/" + attack.name
            try FileManager.default.createDirectory(atPath: directory + "/tampered", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: golden, toPath: target)
            try Tampering.apply(attack.name, to: target)
            try Tampering.rewriteManifest(target)
        }
    }
}
