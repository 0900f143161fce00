import CLedgerOpenSSL

/// A reusable signing context: one OpenSSL key and one initialised EVP_MD_CTX kept across calls.
///
/// On OpenSSL 3.0 the one-shot `EVP_DigestSign` can be called again on the same initialised
/// context (Ed25519 keeps no per-message state in it), which is what `openssl speed` does too.
/// Measured on 3.0.19 (release build, 2-core machine, medians): a cached key with the context
/// reused, re-initialised per message, or copied from a prototype all sign at ~25,000/s (within
/// noise of each other); a fresh context per message ~24,000/s; a fresh key and context per message
/// ~12,000/s (making the key from the seed derives the public key, a second scalar multiplication).
/// So the signer keeps one key and one context and calls `EVP_DigestSign` repeatedly; should a
/// later OpenSSL refuse a second call on a used context, it re-initialises the context and retries
/// once. Signatures equal one-shot ones (Ed25519 is deterministic; the tests compare 1,000).
///
/// Not `Sendable`: the context is mutable C state. Make one signer per thread.
public final class Ed25519Signer {
    private let key: OpaquePointer
    private let context: OpaquePointer

    /// A signer for `privateKey`.
    public init(privateKey: Ed25519PrivateKey) throws(CryptoError) {
        let key = try privateKey.seed.withUnsafeBytes { (seed) throws(CryptoError) in
            try OpenSSL.privateKey(seed: seed)
        }
        do throws(CryptoError) {
            context = try OpenSSL.signingContext(key: key)
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        self.key = key
    }

    deinit {
        EVP_MD_CTX_free(context)
        EVP_PKEY_free(key)
    }

    /// The 64-byte Ed25519 signature of `message`.
    public func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try message.withUnsafeBytesTyped { (buffer) throws(CryptoError) in try sign(buffer) }
    }

    /// The 64-byte Ed25519 signature of the bytes in `message`.
    public func sign(_ message: UnsafeRawBufferPointer) throws(CryptoError) -> [UInt8] {
        if let signature = try? OpenSSL.sign(context: context, message: message) {
            return signature
        }
        guard EVP_DigestSignInit(context, nil, nil, nil, key) == 1 else {
            throw OpenSSL.error("EVP_DigestSignInit failed")
        }
        return try OpenSSL.sign(context: context, message: message)
    }
}

/// A reusable verification context for one public key (one OpenSSL key and one initialised
/// EVP_MD_CTX kept across calls, as `Ed25519Signer` does). A rejected signature is checked a
/// second time on a re-initialised context, so that a later OpenSSL that refuses to reuse a
/// context cannot turn valid signatures into rejections; only invalid signatures pay for it.
/// Not `Sendable`: make one verifier per thread.
public final class Ed25519Verifier {
    private let key: OpaquePointer
    private let context: OpaquePointer

    /// A verifier for signatures by `publicKey`.
    public init(publicKey: Ed25519PublicKey) throws(CryptoError) {
        let key = try OpenSSL.publicKey(raw: publicKey.rawRepresentation)
        do throws(CryptoError) {
            context = try OpenSSL.verifyingContext(key: key)
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        self.key = key
    }

    deinit {
        EVP_MD_CTX_free(context)
        EVP_PKEY_free(key)
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` by this key.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        message.withUnsafeBytes { isValidSignature(signature, for: $0) }
    }

    /// Whether `signature` is a valid Ed25519 signature of the bytes in `message` by this key.
    public func isValidSignature(_ signature: [UInt8], for message: UnsafeRawBufferPointer)
        -> Bool
    {
        guard signature.count == Ed25519PrivateKey.signatureByteCount else { return false }
        if OpenSSL.verify(context: context, signature: signature, message: message) { return true }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1 else {
            ERR_clear_error()
            return false
        }
        return OpenSSL.verify(context: context, signature: signature, message: message)
    }
}
