import CLedgerOpenSSL

/// Secret bytes in memory this object owns, zeroed (OPENSSL_cleanse) when the last reference
/// goes away. Unlike an `[UInt8]`, the bytes are never copied by copy-on-write.
///
/// `@unchecked Sendable` is safe: the storage is written once, in `init`, and only read after
/// that; it is released in `deinit`, when no other reference can exist.
final class SecretBytes: @unchecked Sendable {
    private let storage: UnsafeMutableRawBufferPointer

    /// Copies `bytes` into fresh storage.
    init(copying bytes: UnsafeRawBufferPointer) {
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 8)
        storage.copyMemory(from: bytes)
    }

    /// The number of secret bytes.
    var count: Int { storage.count }

    /// Calls `body` with read-only access to the secret bytes.
    func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(storage))
    }

    deinit {
        OPENSSL_cleanse(storage.baseAddress, storage.count)
        storage.deallocate()
    }

    /// Overwrites an array that held secret bytes (where we own the only copy).
    static func cleanse(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
    }
}
