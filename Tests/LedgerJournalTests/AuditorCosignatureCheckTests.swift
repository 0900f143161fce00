import Foundation
import LedgerCrypto
import LedgerJournal
import TransparencyLog
import Testing

/// `Cosignature.checkAuditor`: a cosignature is an audit only when it verifies over the
/// checkpoint with a key the ledger registered as auditor, not revoked before that checkpoint.
@Suite("Cosignatures checked against the ledger's auditor keys")
struct AuditorCosignatureCheckTests {
    let text = "example.com/log\n10\n" + Base64.encode([UInt8](repeating: 7, count: 32)) + "\n"
    let auditor: Ed25519PrivateKey
    let signature: NoteSignature

    init() throws {
        auditor = try Ed25519PrivateKey(seed: [UInt8](repeating: 0xA5, count: 32))
        signature = try Cosignature.sign(checkpointText: text, name: "un.org/boa", key: auditor, timestamp: 1_774_958_400)
    }

    func key(_ privateKey: Ed25519PrivateKey, roles: [Role], revokedSeq: UInt64? = nil) -> KeyState {
        KeyState(record: KeyRecord(publicKey: privateKey.publicKey, holder: "audrey", name: "Audrey", roles: roles),
                 registeredSeq: 3, revokedSeq: revokedSeq)
    }

    @Test func aRegisteredAuditorsCosignatureIsAnAuditNamingThem() throws {
        let audit = try Cosignature.checkAuditor(signature, checkpointText: text, size: 10, keys: [key(auditor, roles: [.auditor])])
        #expect(audit.holder == "audrey" && audit.keyID == auditor.publicKey.keyID)
        #expect(audit.witness + "\n" == signature.line)
        #expect(audit.vkey == Cosignature.verifierKey(name: "un.org/boa", publicKey: auditor.publicKey))
        #expect(audit.timestamp == 1_774_958_400)
    }

    @Test func withoutARegisteredAuditorKeyItCannotBeChecked() throws {
        #expect(throws: CosignatureProblem.notRegisteredAuditor(name: "un.org/boa")) {
            try Cosignature.checkAuditor(signature, checkpointText: text, size: 10, keys: [])
        }
        // The same key registered with another role does not make it an audit.
        #expect(throws: CosignatureProblem.notRegisteredAuditor(name: "un.org/boa")) {
            try Cosignature.checkAuditor(signature, checkpointText: text, size: 10, keys: [key(auditor, roles: [.fundManager])])
        }
    }

    @Test func aForgedLineUnderTheAuditorsNameAndKeyIdFails() throws {
        var bytes = signature.signature
        bytes[bytes.count - 1] ^= 1
        let forged = try NoteSignature(name: signature.name, keyID: signature.keyID, signature: bytes)
        let problem = #expect(throws: CosignatureProblem.self) {
            try Cosignature.checkAuditor(forged, checkpointText: text, size: 10, keys: [key(auditor, roles: [.auditor])])
        }
        #expect(problem == .badSignature(name: "un.org/boa", holder: "audrey") && problem?.isForged == true)
        // Over another checkpoint the genuine line fails as well.
        #expect(throws: CosignatureProblem.self) {
            try Cosignature.checkAuditor(signature, checkpointText: text.replacingOccurrences(of: "\n10\n", with: "\n11\n"),
                                         size: 11, keys: [key(auditor, roles: [.auditor])])
        }
    }

    @Test func aKeyRevokedBeforeTheCheckpointIsNoAuditButNotAForgery() throws {
        let problem = #expect(throws: CosignatureProblem.self) {
            try Cosignature.checkAuditor(signature, checkpointText: text, size: 10, keys: [key(auditor, roles: [.auditor], revokedSeq: 6)])
        }
        #expect(problem == .revoked(name: "un.org/boa", holder: "audrey", revokedSeq: 6, size: 10) && problem?.isForged == false)
        // Revoked after the checkpoint it cosigned: still an audit of that checkpoint.
        #expect(try Cosignature.checkAuditor(signature, checkpointText: text, size: 10,
                                             keys: [key(auditor, roles: [.auditor], revokedSeq: 12)]).holder == "audrey")
    }
}
