import CLedgerOpenSSL

/// An Ed25519 private key (RFC 8032), stored as its 32-byte seed in zeroing memory. OpenSSL key
/// objects are made per call or per `Ed25519Signer`.
public struct Ed25519PrivateKey: Sendable {
    /// The number of bytes in an Ed25519 seed (the RFC 8032 secret key).
    public static let seedByteCount = 32
    /// The number of bytes in an Ed25519 signature.
    public static let signatureByteCount = 64

    /// The PKCS#8 DER prefix (RFC 8410, version 0) that precedes the 32 seed bytes.
    static let pkcs8Prefix: [UInt8] = [
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06,
        0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]

    let seed: SecretBytes

    /// The matching public key.
    public let publicKey: Ed25519PublicKey

    /// A fresh random key from OpenSSL's key generator.
    public init() throws(CryptoError) {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil) else {
            throw OpenSSL.error("EVP_PKEY_CTX_new_id failed")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_keygen(context, &key) == 1,
              let key
        else { throw OpenSSL.error("Ed25519 key generation failed") }
        defer { EVP_PKEY_free(key) }
        try self.init(evpKey: key)
    }

    /// A key from its 32-byte seed (the RFC 8032 secret key).
    public init(seed: [UInt8]) throws(CryptoError) {
        guard seed.count == Self.seedByteCount else {
            throw .invalidKeyLength(expected: Self.seedByteCount, actual: seed.count)
        }
        try self.init(secret: seed.withUnsafeBytes { SecretBytes(copying: $0) })
    }

    /// Reads a "BEGIN PRIVATE KEY" (PKCS#8) or "BEGIN ENCRYPTED PRIVATE KEY" (PKCS#8 PBES2) PEM
    /// block; explanatory text around it is allowed. An encrypted key needs `passphrase`.
    public init(pemRepresentation: String, passphrase: [UInt8]?) throws(CryptoError) {
        var block = try PEM.decode(
            pemRepresentation, labels: [PEM.privateKeyLabel, PEM.encryptedPrivateKeyLabel])
        defer { SecretBytes.cleanse(&block.der) }
        let info: OpaquePointer
        if block.label == PEM.encryptedPrivateKeyLabel {
            guard let passphrase else { throw .passphraseRequired }
            info = try PKCS8.decrypt(block.der, passphrase: passphrase)
        } else {
            info = try PKCS8.parse(block.der)
        }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        guard let key = EVP_PKCS82PKEY(info) else {
            throw .invalidPEM(OpenSSL.lastError("the private key could not be decoded"))
        }
        defer { EVP_PKEY_free(key) }
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519 else {
            let name = EVP_PKEY_get0_type_name(key).map { String(cString: $0) } ?? "unknown"
            throw .invalidPEM("not an Ed25519 key (it is a \(name) private key)")
        }
        try self.init(evpKey: key)
    }

    /// The 32-byte seed (the RFC 8032 secret key). It is the private key itself: prefer
    /// `pemRepresentation(passphrase:)` or `KeyFile`, and keep no copies longer than needed.
    public var rawRepresentation: [UInt8] {
        seed.withUnsafeBytes { Array($0) }
    }

    /// The PEM text of this key: plain PKCS#8 ("BEGIN PRIVATE KEY") when `passphrase` is nil,
    /// else encrypted PKCS#8 ("BEGIN ENCRYPTED PRIVATE KEY") with PBES2: PBKDF2-HMAC-SHA256 with
    /// `PKCS8.iterationCount` iterations and a random salt, and AES-256-CBC.
    public func pemRepresentation(passphrase: [UInt8]?) throws(CryptoError) -> String {
        guard let passphrase else {
            var der = seed.withUnsafeBytes { Self.pkcs8Prefix + $0 }
            defer { SecretBytes.cleanse(&der) }
            return PEM.encode(der, label: PEM.privateKeyLabel)
        }
        let der = try seed.withUnsafeBytes { (seedBytes) throws(CryptoError) in
            let key = try OpenSSL.privateKey(seed: seedBytes)
            defer { EVP_PKEY_free(key) }
            return try PKCS8.encrypt(key: key, passphrase: passphrase)
        }
        return PEM.encode(der, label: PEM.encryptedPrivateKeyLabel)
    }

    /// The 64-byte Ed25519 signature of `message` (deterministic). Makes an OpenSSL key and
    /// context per call; use `makeSigner()` to sign many messages.
    public func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try makeSigner().sign(message)
    }

    /// A reusable signing context for this key (one per thread).
    public func makeSigner() throws(CryptoError) -> Ed25519Signer {
        try Ed25519Signer(privateKey: self)
    }

    private init(secret: SecretBytes) throws(CryptoError) {
        precondition(secret.count == Self.seedByteCount, "an Ed25519 seed is 32 bytes")
        let raw = try secret.withUnsafeBytes { (seedBytes) throws(CryptoError) in
            let key = try OpenSSL.privateKey(seed: seedBytes)
            defer { EVP_PKEY_free(key) }
            return try OpenSSL.rawPublicKey(of: key)
        }
        seed = secret
        publicKey = try Ed25519PublicKey(rawRepresentation: raw)
    }

    /// Copies the seed out of an Ed25519 EVP_PKEY.
    private init(evpKey: OpaquePointer) throws(CryptoError) {
        var length = Self.seedByteCount
        var buffer = [UInt8](repeating: 0, count: length)
        defer { SecretBytes.cleanse(&buffer) }
        guard EVP_PKEY_get_raw_private_key(evpKey, &buffer, &length) == 1,
              length == Self.seedByteCount
        else { throw OpenSSL.error("EVP_PKEY_get_raw_private_key failed") }
        try self.init(secret: buffer.withUnsafeBytes { SecretBytes(copying: $0) })
    }
}
