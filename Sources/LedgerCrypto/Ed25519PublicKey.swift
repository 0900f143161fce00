import CLedgerOpenSSL

/// An Ed25519 public key (RFC 8032), stored as its 32 raw bytes.
public struct Ed25519PublicKey: Hashable, Sendable {
    /// The number of bytes in a raw Ed25519 public key.
    public static let byteCount = 32

    /// The SPKI DER prefix (RFC 8410) that precedes the 32 key bytes: SEQUENCE { SEQUENCE { OID
    /// 1.3.101.112 }, BIT STRING }.
    static let spkiPrefix: [UInt8] = [
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
    ]

    /// The 32 raw public key bytes.
    public let rawRepresentation: [UInt8]

    /// Wraps 32 raw public key bytes.
    public init(rawRepresentation: [UInt8]) throws(CryptoError) {
        guard rawRepresentation.count == Self.byteCount else {
            throw .invalidKeyLength(expected: Self.byteCount, actual: rawRepresentation.count)
        }
        self.rawRepresentation = rawRepresentation
    }

    /// Reads an SPKI "BEGIN PUBLIC KEY" PEM block; explanatory text around it is allowed.
    public init(pemRepresentation: String) throws(CryptoError) {
        let block = try PEM.decode(pemRepresentation, labels: [PEM.publicKeyLabel])
        try self.init(derRepresentation: block.der)
    }

    /// Reads the 44-byte SPKI DER encoding of an Ed25519 public key.
    public init(derRepresentation: [UInt8]) throws(CryptoError) {
        let prefix = Self.spkiPrefix
        guard derRepresentation.count == prefix.count + Self.byteCount,
              derRepresentation.starts(with: prefix)
        else {
            throw .invalidPEM(Self.describeUnexpectedDER(derRepresentation))
        }
        try self.init(rawRepresentation: Array(derRepresentation.dropFirst(prefix.count)))
    }

    /// The 44-byte SPKI DER encoding.
    public var derRepresentation: [UInt8] { Self.spkiPrefix + rawRepresentation }

    /// The SPKI PEM encoding: "-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n".
    public var pemRepresentation: String {
        PEM.encode(derRepresentation, label: PEM.publicKeyLabel)
    }

    /// vtf's key id: lowercase hex SHA-256 of the 32 raw bytes.
    public var keyID: String { SHA256.hash(rawRepresentation).hex }

    /// Whether `signature` is a valid Ed25519 signature of `message` by this key. Creates an
    /// OpenSSL key per call; use `Ed25519Verifier` to check many signatures by one key.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == Ed25519PrivateKey.signatureByteCount,
              let key = try? OpenSSL.publicKey(raw: rawRepresentation)
        else { return false }
        defer { EVP_PKEY_free(key) }
        guard let context = try? OpenSSL.verifyingContext(key: key) else { return false }
        defer { EVP_MD_CTX_free(context) }
        return message.withUnsafeBytes {
            OpenSSL.verify(context: context, signature: signature, message: $0)
        }
    }

    /// Says why `der` is not an Ed25519 SPKI, asking OpenSSL what kind of key it holds, if any.
    private static func describeUnexpectedDER(_ der: [UInt8]) -> String {
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        ERR_clear_error()
        guard let key else {
            return "the public key is not a valid SubjectPublicKeyInfo (\(der.count) bytes)"
        }
        defer { EVP_PKEY_free(key) }
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519 else {
            let name = EVP_PKEY_get0_type_name(key).map { String(cString: $0) } ?? "unknown"
            return "not an Ed25519 key (it is a \(name) public key)"
        }
        return "the Ed25519 public key is not in the 44-byte DER form (\(der.count) bytes)"
    }
}
