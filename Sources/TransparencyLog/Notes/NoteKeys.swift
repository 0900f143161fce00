public import LedgerCrypto

/// Key IDs and key names as the signed-note spec (c2sp.org/signed-note) defines them.
enum NoteKeyID {
    /// Signature type 0x01: Ed25519 over the note text.
    static let ed25519: UInt8 = 0x01
    /// Signature type 0x04: timestamped Ed25519 witness cosignature (c2sp.org/tlog-cosignature).
    static let cosignature: UInt8 = 0x04

    /// SHA-256(name || 0x0A || type || public key)[:4], read big-endian.
    static func compute(name: String, type: UInt8, publicKey: [UInt8]) -> UInt32 {
        let digest = SHA256.hash(Array(name.utf8) + [0x0a, type] + publicKey).bytes
        return digest.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The key ID as 8 lowercase hex digits.
    static func hex(_ keyID: UInt32) -> String {
        Hex.encode(bytes(keyID))
    }

    /// The key ID as 4 big-endian bytes.
    static func bytes(_ keyID: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: keyID >> UInt32($0)) }
    }

    /// `name+hex8`, as error messages and x/mod name a key.
    static func label(_ name: String, _ keyID: UInt32) -> String {
        "\(name)+\(hex(keyID))"
    }

    /// Parses exactly 8 hex digits.
    static func parseHex(_ text: Substring) -> UInt32? {
        guard text.utf8.count == 8, let bytes = Hex.decode(String(text)) else { return nil }
        return bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Key names must be non-empty and contain no Unicode spaces and no "+".
    static func isValidName(_ name: some StringProtocol) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0.properties.isWhitespace || $0 == "+" }
    }

    /// Throws unless `name` is a valid key name.
    static func checkName(_ name: String) throws(NoteError) {
        guard isValidName(name) else { throw .invalidKeyName(name) }
    }
}

/// Signs note texts with an Ed25519 key (signature type 0x01) under a key name.
public struct NoteSigner: Sendable {
    /// The key name that appears in signature lines.
    public let name: String
    /// The private key.
    public let key: Ed25519PrivateKey
    /// The 4-byte key ID: SHA-256(name || 0x0A || 0x01 || public key)[:4].
    public let keyID: UInt32

    /// A signer for `key` under `name` (non-empty, no spaces, no "+").
    public init(name: String, key: Ed25519PrivateKey) throws(NoteError) {
        try NoteKeyID.checkName(name)
        self.name = name
        self.key = key
        keyID = NoteKeyID.compute(name: name, type: NoteKeyID.ed25519,
                                  publicKey: key.publicKey.rawRepresentation)
    }

    /// Reads golang.org/x/mod's signer key `PRIVATE+KEY+<name>+<hex8>+base64(0x01 || seed)`,
    /// checking that the key ID matches the derived public key.
    public init(signerKey: String) throws(NoteError) {
        let parts = signerKey.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw .invalidSignerKey("it does not have the form PRIVATE+KEY+name+keyid+key")
        }
        guard let keyID = NoteKeyID.parseHex(parts[3]) else {
            throw .invalidSignerKey("the key ID is not 8 hex digits")
        }
        guard var material = Base64.decode(String(parts[4])), !material.isEmpty else {
            throw .invalidSignerKey("the key is not base64")
        }
        defer { for index in material.indices { material[index] = 0 } }
        guard material[0] == NoteKeyID.ed25519 else {
            throw .unsupportedSignatureType(material[0])
        }
        let key: Ed25519PrivateKey
        do {
            key = try Ed25519PrivateKey(seed: Array(material.dropFirst()))
        } catch {
            throw .invalidSignerKey(error.description)
        }
        try self.init(name: String(parts[2]), key: key)
        guard self.keyID == keyID else {
            throw .invalidSignerKey("the key ID \(NoteKeyID.hex(keyID)) does not match the key")
        }
    }

    /// The x/mod signer key string. It contains the private key: handle it as a secret.
    public var signerKey: String {
        "PRIVATE+KEY+\(name)+\(NoteKeyID.hex(keyID))+"
            + Base64.encode([NoteKeyID.ed25519] + key.rawRepresentation)
    }

    /// The verifier key `name+hex8+base64(0x01 || public key)` others use to check signatures.
    public var verifierKey: String {
        "\(name)+\(NoteKeyID.hex(keyID))+"
            + Base64.encode([NoteKeyID.ed25519] + key.publicKey.rawRepresentation)
    }

    /// The signature line for `text`.
    func sign(_ text: String) throws(NoteError) -> NoteSignature {
        let signature: [UInt8]
        do {
            signature = try key.signature(for: Array(text.utf8))
        } catch {
            throw .crypto(error)
        }
        return try NoteSignature(name: name, keyID: keyID, signature: signature)
    }
}

/// A trusted key, read from a verifier key string `name+hex8+base64(type || public key)`.
/// Type 0x01 verifies Ed25519 note signatures; type 0x04 verifies Ed25519 witness cosignatures.
public struct NoteVerifier: Sendable {
    /// The key name.
    public let name: String
    /// The 4-byte key ID.
    public let keyID: UInt32
    /// The Ed25519 public key.
    public let publicKey: Ed25519PublicKey
    /// The signature type: 0x01 (Ed25519) or 0x04 (timestamped Ed25519 cosignature).
    public let type: UInt8

    /// Parses a verifier key, checking that its key ID matches the name, type and key.
    public init(verifierKey: String) throws(NoteError) {
        let parts = verifierKey.split(
            separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .invalidVerifierKey("it does not have the form name+keyid+key")
        }
        guard NoteKeyID.isValidName(parts[0]) else { throw .invalidKeyName(String(parts[0])) }
        guard let keyID = NoteKeyID.parseHex(parts[1]) else {
            throw .invalidVerifierKey("the key ID \"\(parts[1])\" is not 8 hex digits")
        }
        guard let material = Base64.decode(String(parts[2])), let type = material.first else {
            throw .invalidVerifierKey("the key is not base64")
        }
        guard type == NoteKeyID.ed25519 || type == NoteKeyID.cosignature else {
            throw .unsupportedSignatureType(type)
        }
        guard let publicKey = try? Ed25519PublicKey(rawRepresentation: Array(material.dropFirst()))
        else {
            throw .invalidVerifierKey("an Ed25519 key must be 32 bytes, not \(material.count - 1)")
        }
        let name = String(parts[0])
        let expected = NoteKeyID.compute(name: name, type: type,
                                         publicKey: publicKey.rawRepresentation)
        guard keyID == expected else {
            throw .invalidVerifierKey(
                "the key ID \(NoteKeyID.hex(keyID)) does not match the key (expected "
                    + "\(NoteKeyID.hex(expected)))")
        }
        self.init(name: name, keyID: keyID, publicKey: publicKey, type: type)
    }

    init(name: String, keyID: UInt32, publicKey: Ed25519PublicKey, type: UInt8) {
        self.name = name
        self.keyID = keyID
        self.publicKey = publicKey
        self.type = type
    }

    /// The verifier key string this verifier was read from.
    public var verifierKey: String {
        "\(name)+\(NoteKeyID.hex(keyID))+" + Base64.encode([type] + publicKey.rawRepresentation)
    }

    /// Whether `signature` (the bytes after the key ID) is valid for note `text`.
    func verifies(_ signature: NoteSignature, text: String) -> Bool {
        switch type {
        case NoteKeyID.ed25519:
            publicKey.isValidSignature(signature.signature, for: Array(text.utf8))
        case NoteKeyID.cosignature:
            Cosignature.verify(signature, checkpointText: text, verifier: self).ok
        default:
            false
        }
    }
}
