import CLedgerOpenSSL

/// SHA-256 over data that arrives in pieces (files of any size), with one OpenSSL context.
/// Not `Sendable`: one hasher per task.
public final class SHA256Hasher {
    private let context: OpaquePointer

    /// A fresh hasher.
    public init() {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("OpenSSL could not allocate a digest context") }
        // Cannot fail with the built-in SHA-256 and a fresh context: failure = broken libcrypto.
        precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "OpenSSL SHA-256 init failed")
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds `bytes` to the hash.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1, "OpenSSL SHA-256 update failed")
    }

    /// Adds `bytes` to the hash.
    public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The digest of everything added; the hasher must not be used afterwards.
    public func finalize() -> SHA256Digest {
        var size: UInt32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: SHA256Digest.byteCount) { output, count in
            precondition(EVP_DigestFinal_ex(context, output.baseAddress, &size) == 1, "OpenSSL SHA-256 final failed")
            count = Int(size)
        }
        guard let digest = SHA256Digest(bytes: bytes) else { preconditionFailure("SHA-256 produced \(bytes.count) bytes") }
        return digest
    }
}
