public import LedgerCrypto

/// RFC 9162 §2.1.1 (= RFC 6962 §2.1) hashing with SHA-256.
///
/// The 0x00 / 0x01 prefixes keep leaves and interior nodes apart (no second preimages).
public enum MerkleHash {
    /// The leaf hash of one entry: SHA-256(0x00 || entryBytes).
    public static func leaf(_ entryBytes: [UInt8]) -> SHA256Digest {
        SHA256.hash(prefix: 0x00, entryBytes)
    }

    /// An interior node: SHA-256(0x01 || left || right).
    public static func node(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
        SHA256.hash(prefix: 0x01, left, right)
    }

    /// MTH({}) = SHA-256(""), the root of the empty tree (e3b0c442…b855).
    public static let emptyRoot: SHA256Digest = SHA256.hash([])
}

/// Bit arithmetic on tree sizes shared by the frontier, the builder and the verifier.
enum MerkleMath {
    /// The largest power of two strictly below `size` (RFC 9162's k). Precondition: size >= 2.
    static func largestPowerOfTwoBelow(_ size: UInt64) -> UInt64 {
        precondition(size >= 2, "largestPowerOfTwoBelow(\(size))")
        return 1 << (63 - (size - 1).leadingZeroBitCount)
    }

    /// Whether `value` is a power of two (1, 2, 4, ...).
    static func isPowerOfTwo(_ value: UInt64) -> Bool {
        value != 0 && value & (value - 1) == 0
    }

    /// The number of bits needed to write `value` (0 for 0).
    static func bitLength(_ value: UInt64) -> Int {
        64 - value.leadingZeroBitCount
    }

    /// Splits the inclusion proof of `index` in a tree of `size` leaves into the part inside the
    /// perfect subtree shared with the right edge ("inner") and the right-border part.
    static func inclusionProofShape(index: UInt64, size: UInt64) -> (inner: Int, border: Int) {
        precondition(index < size, "inclusionProofShape: \(index) >= \(size)")
        let inner = bitLength(index ^ (size - 1))
        let border = (index >> UInt64(inner)).nonzeroBitCount
        return (inner, border)
    }
}
