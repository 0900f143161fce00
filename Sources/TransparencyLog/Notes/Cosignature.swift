public import LedgerCrypto

/// Timestamped Ed25519 witness cosignatures (signature type 0x04, c2sp.org/tlog-cosignature).
/// The signature bytes are `u64be timestamp || Ed25519 signature` over
/// "cosignature/v1\ntime <timestamp>\n" followed by the checkpoint note text.
public enum Cosignature {
    /// The largest timestamp the spec allows, 2^63 − 1.
    public static let timestampMax = UInt64(Int64.max)

    /// Whether `name` can name a cosigner: not empty, no Unicode spaces and no "+".
    public static func isValidName(_ name: String) -> Bool { NoteKeyID.isValidName(name) }

    /// The verifier key `name+hex8+base64(0x04 || public key)` for a cosigner.
    public static func verifierKey(name: String, publicKey: Ed25519PublicKey) -> String {
        let keyID = NoteKeyID.compute(name: name, type: NoteKeyID.cosignature,
                                      publicKey: publicKey.rawRepresentation)
        return "\(name)+\(NoteKeyID.hex(keyID))+"
            + Base64.encode([NoteKeyID.cosignature] + publicKey.rawRepresentation)
    }

    /// Cosigns `checkpointText` (the whole note text, ending in "\n") at `timestamp` (POSIX
    /// seconds) as the cosigner `name`.
    public static func sign(
        checkpointText: String, name: String, key: Ed25519PrivateKey, timestamp: UInt64
    ) throws(NoteError) -> NoteSignature {
        try NoteKeyID.checkName(name)
        try SignedNote.checkText(checkpointText)
        guard timestamp <= timestampMax else { throw .invalidTimestamp(timestamp) }
        let signature: [UInt8]
        do {
            signature = try key.signature(for: message(checkpointText, timestamp: timestamp))
        } catch {
            throw .crypto(error)
        }
        let keyID = NoteKeyID.compute(name: name, type: NoteKeyID.cosignature,
                                      publicKey: key.publicKey.rawRepresentation)
        return try NoteSignature(name: name, keyID: keyID,
                                 signature: timestampBytes(timestamp) + signature)
    }

    /// Checks a cosignature line against `checkpointText` with a type 0x04 verifier. Returns
    /// whether it verifies, and the timestamp it carries (0 when it is malformed).
    public static func verify(
        _ sig: NoteSignature, checkpointText: String, verifier: NoteVerifier
    ) -> (ok: Bool, timestamp: UInt64) {
        guard sig.signature.count == 8 + Ed25519PrivateKey.signatureByteCount else {
            return (false, 0)
        }
        let timestamp = sig.signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard verifier.type == NoteKeyID.cosignature, verifier.name == sig.name,
              verifier.keyID == sig.keyID, timestamp <= timestampMax
        else { return (false, timestamp) }
        let ok = verifier.publicKey.isValidSignature(
            Array(sig.signature.dropFirst(8)), for: message(checkpointText, timestamp: timestamp))
        return (ok, timestamp)
    }

    /// The signed message: "cosignature/v1\ntime <decimal>\n" || checkpoint text.
    static func message(_ checkpointText: String, timestamp: UInt64) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n\(checkpointText)".utf8)
    }

    private static func timestampBytes(_ timestamp: UInt64) -> [UInt8] {
        stride(from: 56, through: 0, by: -8).map {
            UInt8(truncatingIfNeeded: timestamp >> UInt64($0))
        }
    }
}
