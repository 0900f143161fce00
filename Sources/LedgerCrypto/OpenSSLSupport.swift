import CLedgerOpenSSL

/// Small helpers around OpenSSL's C API, shared by the key and signature types.
enum OpenSSL {
    /// The oldest queued OpenSSL error as text (the queue is then cleared), or `fallback`.
    static func lastError(_ fallback: String) -> String {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return fallback }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                          as: UTF8.self)
        return "\(fallback) (\(text))"
    }

    /// A `CryptoError.openSSL` for the failed call `what`, with OpenSSL's own reason.
    static func error(_ what: String) -> CryptoError {
        .openSSL(lastError(what))
    }

    /// Creates an Ed25519 EVP_PKEY from a 32-byte seed. The caller frees it with EVP_PKEY_free.
    static func privateKey(seed: UnsafeRawBufferPointer) throws(CryptoError) -> OpaquePointer {
        precondition(seed.count == Ed25519PrivateKey.seedByteCount, "an Ed25519 seed is 32 bytes")
        let bytes = seed.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard let key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, bytes, seed.count)
        else { throw error("EVP_PKEY_new_raw_private_key failed") }
        return key
    }

    /// Creates an Ed25519 EVP_PKEY from 32 public key bytes. The caller frees it.
    static func publicKey(raw: [UInt8]) throws(CryptoError) -> OpaquePointer {
        precondition(raw.count == Ed25519PublicKey.byteCount, "an Ed25519 public key is 32 bytes")
        let key = raw.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count)
        }
        guard let key else { throw error("EVP_PKEY_new_raw_public_key failed") }
        return key
    }

    /// The 32 raw public key bytes of an Ed25519 EVP_PKEY.
    static func rawPublicKey(of key: OpaquePointer) throws(CryptoError) -> [UInt8] {
        var length = Ed25519PublicKey.byteCount
        var bytes = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_get_raw_public_key(key, &bytes, &length) == 1,
              length == Ed25519PublicKey.byteCount
        else { throw error("EVP_PKEY_get_raw_public_key failed") }
        return bytes
    }

    /// A new message digest context initialised for Ed25519 signing with `key` (NULL digest, as
    /// Ed25519 requires). The caller frees it with EVP_MD_CTX_free.
    static func signingContext(key: OpaquePointer) throws(CryptoError) -> OpaquePointer {
        guard let context = EVP_MD_CTX_new() else { throw error("EVP_MD_CTX_new failed") }
        guard EVP_DigestSignInit(context, nil, nil, nil, key) == 1 else {
            EVP_MD_CTX_free(context)
            throw error("EVP_DigestSignInit failed")
        }
        return context
    }

    /// A new context initialised for Ed25519 verification with `key`. The caller frees it.
    static func verifyingContext(key: OpaquePointer) throws(CryptoError) -> OpaquePointer {
        guard let context = EVP_MD_CTX_new() else { throw error("EVP_MD_CTX_new failed") }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1 else {
            EVP_MD_CTX_free(context)
            throw error("EVP_DigestVerifyInit failed")
        }
        return context
    }

    /// One-shot Ed25519 signature of `message` with an initialised signing `context`.
    static func sign(context: OpaquePointer, message: UnsafeRawBufferPointer) throws(CryptoError)
        -> [UInt8]
    {
        var signature = [UInt8](repeating: 0, count: Ed25519PrivateKey.signatureByteCount)
        var length = signature.count
        let status = withNonNullBase(message) { base in
            EVP_DigestSign(context, &signature, &length, base, message.count)
        }
        guard status == 1, length == Ed25519PrivateKey.signatureByteCount else {
            throw error("EVP_DigestSign failed")
        }
        return signature
    }

    /// One-shot Ed25519 verification with an initialised verifying `context`. Clears the OpenSSL
    /// error queue after a failure so that a bad signature leaves no trace for later calls.
    static func verify(
        context: OpaquePointer, signature: [UInt8], message: UnsafeRawBufferPointer
    ) -> Bool {
        guard signature.count == Ed25519PrivateKey.signatureByteCount else { return false }
        let status = signature.withUnsafeBufferPointer { signatureBuffer in
            withNonNullBase(message) { base in
                EVP_DigestVerify(context, signatureBuffer.baseAddress, signatureBuffer.count, base,
                                 message.count)
            }
        }
        if status != 1 { ERR_clear_error() }
        return status == 1
    }

    /// Calls `body` with the message's base address, or with a pointer to a dummy byte when the
    /// message is empty (some OpenSSL paths reject a NULL pointer even with length 0).
    private static func withNonNullBase<Result>(
        _ message: UnsafeRawBufferPointer, _ body: (UnsafePointer<UInt8>) -> Result
    ) -> Result {
        if let base = message.baseAddress, message.count > 0 {
            return body(base.assumingMemoryBound(to: UInt8.self))
        }
        let dummy: UInt8 = 0
        return withUnsafePointer(to: dummy) { body($0) }
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body with a typed error (the standard one only rethrows).
    func withUnsafeBytesTyped<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let outcome: Swift.Result<Result, Failure> = withUnsafeBytes { buffer in
            Swift.Result { () throws(Failure) -> Result in try body(buffer) }
        }
        return try outcome.get()
    }
}
