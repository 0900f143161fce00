import CLedgerOpenSSL

/// PKCS#8 private key info, plain and encrypted (PBES2), through OpenSSL.
enum PKCS8 {
    /// PBKDF2-HMAC-SHA256 iterations for new encrypted keys (OWASP 2023 recommends 600,000).
    static let iterationCount: Int32 = 600_000

    /// The longest passphrase accepted, in bytes.
    static let passphraseByteCountMax = 1024

    /// Parses plain PKCS#8 DER. The caller frees the result with PKCS8_PRIV_KEY_INFO_free.
    static func parse(_ der: [UInt8]) throws(CryptoError) -> OpaquePointer {
        let info: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            let info = d2i_PKCS8_PRIV_KEY_INFO(nil, &cursor, buffer.count)
            guard cursor == buffer.baseAddress.map({ $0 + buffer.count }) else {
                PKCS8_PRIV_KEY_INFO_free(info)
                return nil
            }
            return info
        }
        guard let info else {
            throw .invalidPEM(OpenSSL.lastError("the BEGIN PRIVATE KEY block is not valid PKCS#8"))
        }
        return info
    }

    /// Decrypts encrypted PKCS#8 DER. The caller frees the result with PKCS8_PRIV_KEY_INFO_free.
    static func decrypt(_ der: [UInt8], passphrase: [UInt8]) throws(CryptoError) -> OpaquePointer {
        try checkLength(passphrase)
        let container: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_X509_SIG(nil, &cursor, buffer.count)
        }
        guard let container else {
            throw .invalidPEM(OpenSSL.lastError(
                "the BEGIN ENCRYPTED PRIVATE KEY block is not valid encrypted PKCS#8"))
        }
        defer { X509_SIG_free(container) }
        let info = passphrase.withUnsafeBufferPointer { pass in
            pass.withMemoryRebound(to: CChar.self) {
                PKCS8_decrypt(container, $0.baseAddress, Int32($0.count))
            }
        }
        guard let info else { throw decryptionError() }
        return info
    }

    /// Encrypts `key` as PKCS#8 PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and returns the DER.
    static func encrypt(key: OpaquePointer, passphrase: [UInt8]) throws(CryptoError) -> [UInt8] {
        try checkLength(passphrase)
        guard let info = EVP_PKEY2PKCS8(key) else { throw OpenSSL.error("EVP_PKEY2PKCS8 failed") }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        guard let algorithm = PKCS5_pbe2_set_iv(
            EVP_aes_256_cbc(), iterationCount, nil, 0, nil, NID_hmacWithSHA256)
        else { throw OpenSSL.error("PKCS5_pbe2_set_iv failed") }
        let container = passphrase.withUnsafeBufferPointer { pass in
            pass.withMemoryRebound(to: CChar.self) {
                PKCS8_set0_pbe($0.baseAddress, Int32($0.count), info, algorithm)
            }
        }
        guard let container else {
            X509_ALGOR_free(algorithm)  // PKCS8_set0_pbe takes ownership only on success
            throw OpenSSL.error("PKCS#8 encryption failed")
        }
        defer { X509_SIG_free(container) }
        let length = i2d_X509_SIG(container, nil)
        guard length > 0 else { throw OpenSSL.error("i2d_X509_SIG failed") }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2d_X509_SIG(container, &cursor)
        }
        guard written == length else { throw OpenSSL.error("i2d_X509_SIG failed") }
        return der
    }

    private static func checkLength(_ passphrase: [UInt8]) throws(CryptoError) {
        guard passphrase.count <= passphraseByteCountMax else {
            throw .invalidPEM("the passphrase is longer than \(passphraseByteCountMax) bytes")
        }
    }

    /// OpenSSL error texts that mean the encryption scheme is not available (e.g. PBES1 with DES:
    /// "inner_evp_generic_fetch:unsupported"), as opposed to a wrong passphrase.
    private static let unsupportedMarkers = [
        "unsupported", "unknown pbe algorithm", "unknown cipher", "unknown digest", "unknown prf",
    ]

    /// A wrong passphrase shows up as a failed CBC padding check ("bad decrypt", "pkcs12
    /// cipherfinal error") or, about once in 256 tries, as undecodable plaintext (an ASN.1 error).
    /// An unsupported scheme (a cipher or KDF this OpenSSL lacks) is reported as such.
    private static func decryptionError() -> CryptoError {
        var unsupported = false
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                              as: UTF8.self)
            reasons.append(text)
            if unsupportedMarkers.contains(where: { text.contains($0) }) { unsupported = true }
        }
        guard unsupported else { return .wrongPassphrase }
        return .invalidPEM("the key is encrypted with a scheme this OpenSSL cannot read ("
            + reasons.joined(separator: "; ") + ")")
    }
}
