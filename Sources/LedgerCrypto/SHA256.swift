import CLedgerOpenSSL

/// A SHA-256 digest: exactly 32 bytes.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The number of bytes in a SHA-256 digest.
    public static let byteCount = 32

    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 hex characters (either case); nil otherwise.
    public init?(hex: String) {
        guard hex.utf8.count == 2 * Self.byteCount, let bytes = Hex.decode(hex) else { return nil }
        self.bytes = bytes
    }

    /// The digest as 64 lowercase hex characters.
    public var hex: String { Hex.encode(bytes) }

    /// The lowercase hex form.
    public var description: String { hex }
}

/// SHA-256 (FIPS 180-4) over OpenSSL's libcrypto.
public enum SHA256 {
    /// SHA-256 of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// SHA-256 of the bytes in `buffer`.
    public static func hash(_ buffer: UnsafeRawBufferPointer) -> SHA256Digest {
        digest(first: buffer, second: UnsafeRawBufferPointer(start: nil, count: 0),
               third: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// SHA-256(prefix || bytes) without copying, used for Merkle leaves (prefix 0x00) and nodes.
    public static func hash(prefix: UInt8, _ bytes: [UInt8]) -> SHA256Digest {
        withUnsafeBytes(of: prefix) { prefixBuffer in
            bytes.withUnsafeBytes { bytesBuffer in
                digest(first: prefixBuffer, second: bytesBuffer,
                       third: UnsafeRawBufferPointer(start: nil, count: 0))
            }
        }
    }

    /// SHA-256(prefix || left || right), the RFC 6962 interior node hash with prefix 0x01.
    public static func hash(prefix: UInt8, _ left: SHA256Digest, _ right: SHA256Digest)
        -> SHA256Digest
    {
        withUnsafeBytes(of: prefix) { prefixBuffer in
            left.bytes.withUnsafeBytes { leftBuffer in
                right.bytes.withUnsafeBytes { rightBuffer in
                    digest(first: prefixBuffer, second: leftBuffer, third: rightBuffer)
                }
            }
        }
    }

    private static func digest(
        first: UnsafeRawBufferPointer, second: UnsafeRawBufferPointer,
        third: UnsafeRawBufferPointer
    ) -> SHA256Digest {
        let bytes = [UInt8](unsafeUninitializedCapacity: SHA256Digest.byteCount) { output, count in
            let status = CLedgerOpenSSL_sha256_parts(
                first.baseAddress, first.count, second.baseAddress, second.count,
                third.baseAddress, third.count, output.baseAddress)
            // SHA256_Init/Update/Final cannot fail for in-memory input: failure = broken libcrypto.
            precondition(status == 1, "OpenSSL SHA-256 failed")
            count = SHA256Digest.byteCount
        }
        guard let digest = SHA256Digest(bytes: bytes) else {
            preconditionFailure("SHA-256 produced \(bytes.count) bytes")
        }
        return digest
    }
}
