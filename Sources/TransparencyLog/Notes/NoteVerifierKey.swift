public import LedgerCrypto

extension NoteVerifier {
    /// The Ed25519 (type 0x01) verifier key string `name+hex8(keyID)+base64(0x01 ‖ public key)`,
    /// made from a public key alone (DESIGN §3: the log's vkey is `origin+keyid+base64`).
    public static func ed25519VerifierKey(name: String, publicKey: Ed25519PublicKey) -> String {
        let keyID = NoteKeyID.compute(name: name, type: NoteKeyID.ed25519, publicKey: publicKey.rawRepresentation)
        return "\(name)+\(NoteKeyID.hex(keyID))+" + Base64.encode([NoteKeyID.ed25519] + publicKey.rawRepresentation)
    }
}
