public import LedgerCrypto

/// The compact range [0, size): one hash per set bit of size (the "frontier"). Appending is
/// O(log n) amortised O(1); root is O(log n).
///
/// `hashes[i]` is the root of a perfect subtree; they cover the leaves left to right, largest
/// subtree first, exactly as the set bits of `size` from high to low.
public struct MerkleFrontier: Sendable, Equatable {
    /// Number of leaves appended so far.
    public private(set) var size: UInt64
    private var storage: [SHA256Digest]

    /// The empty tree.
    public init() {
        size = 0
        storage = []
    }

    /// A frontier restored from its parts; throws unless `hashes.count == popcount(size)`.
    public init(size: UInt64, hashes: [SHA256Digest]) throws(MerkleError) {
        guard hashes.count == size.nonzeroBitCount else {
            throw .frontierHashCount(
                size: size, expected: size.nonzeroBitCount, actual: hashes.count)
        }
        self.size = size
        self.storage = hashes
    }

    /// Perfect-subtree roots left to right, largest subtree first.
    public var hashes: [SHA256Digest] {
        storage
    }

    /// Appends one leaf (its `MerkleHash.leaf`).
    public mutating func append(leafHash: SHA256Digest) {
        append(leafHash: leafHash) { _, _, _ in }
    }

    /// Appends one leaf and reports each interior node this append completes, lowest first, as
    /// (level, index, hash) with node(level, index) = root of leaves
    /// [index·2^level, (index+1)·2^level). Level 0 (the leaf itself) is not reported; a store
    /// that wants `MerkleProofBuilder` to read leaves keeps them itself.
    public mutating func append(
        leafHash: SHA256Digest,
        completedNodes: (_ level: Int, _ index: UInt64, _ hash: SHA256Digest) -> Void
    ) {
        precondition(size < UInt64.max, "MerkleFrontier is full")
        var hash = leafHash
        var level = 0
        var index = size
        var carry = size
        while carry & 1 == 1 {
            guard let left = storage.popLast() else {
                preconditionFailure("MerkleFrontier: \(storage.count) hashes for size \(size)")
            }
            hash = MerkleHash.node(left, hash)
            level += 1
            index >>= 1
            carry >>= 1
            completedNodes(level, index, hash)
        }
        storage.append(hash)
        size += 1
        precondition(storage.count == size.nonzeroBitCount, "MerkleFrontier lost its shape")
    }

    /// MTH of the leaves so far; SHA-256("") for the empty tree.
    public var root: SHA256Digest {
        guard var result = storage.last else { return MerkleHash.emptyRoot }
        for left in storage.dropLast().reversed() {
            result = MerkleHash.node(left, result)
        }
        return result
    }

    /// Compact binary form: the size as 8 bytes big-endian, then the 32-byte hashes in order.
    public var serialized: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + 32 * storage.count)
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: size >> UInt64(shift)))
        }
        for hash in storage {
            bytes.append(contentsOf: hash.bytes)
        }
        return bytes
    }

    /// Reads the form written by `serialized`; throws if the length does not fit the size.
    public init(serialized: [UInt8]) throws(MerkleError) {
        guard serialized.count >= 8 else {
            throw .serializedFrontierLength(expected: 8, actual: serialized.count)
        }
        let size = serialized[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let expected = 8 + SHA256Digest.byteCount * size.nonzeroBitCount
        guard serialized.count == expected else {
            throw .serializedFrontierLength(expected: expected, actual: serialized.count)
        }
        var hashes: [SHA256Digest] = []
        var offset = 8
        while offset < serialized.count {
            let end = offset + SHA256Digest.byteCount
            guard let hash = SHA256Digest(bytes: Array(serialized[offset..<end])) else {
                throw .malformedHash(role: "frontier hash", length: end - offset)
            }
            hashes.append(hash)
            offset = end
        }
        try self.init(size: size, hashes: hashes)
    }
}
