public import LedgerCrypto

/// Why a signed note, a key string, a checkpoint or a cosignature was refused.
public enum NoteError: Error, Equatable, CustomStringConvertible {
    /// The note text does not follow the signed-note format; the string says what is wrong.
    case malformedNote(String)
    /// A key name is empty or contains a space or "+".
    case invalidKeyName(String)
    /// A verifier key (`name+hex8+base64`) could not be read; the string says why.
    case invalidVerifierKey(String)
    /// A signer key (`PRIVATE+KEY+name+hex8+base64`) could not be read; the string says why.
    case invalidSignerKey(String)
    /// The key uses a signature type this code does not implement.
    case unsupportedSignatureType(UInt8)
    /// More signatures than a note may carry.
    case tooManySignatures(count: Int, limit: Int)
    /// Two signatures by the same key (name and key ID) in one note, or two signers with the
    /// same name and key ID.
    case duplicateSignature(name: String, keyID: UInt32)
    /// The list of trusted keys holds two keys with the same name and key ID.
    case ambiguousKey(name: String, keyID: UInt32)
    /// A signature by a known key does not verify: the note must be rejected.
    case invalidSignature(name: String, keyID: UInt32)
    /// No signature by any known key: the note must be rejected.
    case noKnownSignature
    /// The checkpoint text does not follow tlog-checkpoint; the string says what is wrong.
    case malformedCheckpoint(String)
    /// A cosignature timestamp above 2^63 − 1.
    case invalidTimestamp(UInt64)
    /// The signing key failed.
    case crypto(CryptoError)

    /// A sentence a fund manager can read.
    public var description: String {
        switch self {
        case .malformedNote(let reason):
            "The signed note is malformed: \(reason)."
        case .invalidKeyName(let name):
            "The key name \"\(name)\" is not allowed: it must be non-empty, with no spaces "
                + "and no \"+\"."
        case .invalidVerifierKey(let reason):
            "The verifier key is not valid: \(reason)."
        case .invalidSignerKey(let reason):
            "The signer key is not valid: \(reason)."
        case .unsupportedSignatureType(let type):
            "The key uses signature type \(type), which vtf does not support (only Ed25519: "
                + "1 and 4)."
        case .tooManySignatures(let count, let limit):
            "The note has \(count) signatures; at most \(limit) are allowed."
        case .duplicateSignature(let name, let keyID):
            "The key \(NoteKeyID.label(name, keyID)) signed the note more than once."
        case .ambiguousKey(let name, let keyID):
            "The trusted keys include \(NoteKeyID.label(name, keyID)) more than once "
                + "(ambiguous key)."
        case .invalidSignature(let name, let keyID):
            "The signature by \(NoteKeyID.label(name, keyID)) does not verify: the note was "
                + "altered or not signed by that key."
        case .noKnownSignature:
            "The note carries no valid signature by any trusted key."
        case .malformedCheckpoint(let reason):
            "The checkpoint is malformed: \(reason)."
        case .invalidTimestamp(let timestamp):
            "The cosignature timestamp \(timestamp) is larger than 2^63 - 1."
        case .crypto(let error):
            error.description
        }
    }
}
