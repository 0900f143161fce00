/// Why a Merkle frontier, proof or verification was refused.
public enum MerkleError: Error, Equatable, CustomStringConvertible {
    /// A frontier for `size` needs one hash per set bit of the size.
    case frontierHashCount(size: UInt64, expected: Int, actual: Int)
    /// Serialized frontier bytes of the wrong length.
    case serializedFrontierLength(expected: Int, actual: Int)
    /// A hash that is not 32 bytes; `role` names it, e.g. `leaf hash` or `proof[2]`.
    case malformedHash(role: String, length: Int)
    /// A leaf index at or beyond the tree size.
    case leafIndexOutOfRange(leafIndex: UInt64, treeSize: UInt64)
    /// A consistency check whose old size exceeds its new size.
    case sizesOutOfOrder(oldSize: UInt64, newSize: UInt64)
    /// Consistency from the empty tree is refused (transparency-dev rule; see `MerkleVerifier`).
    case consistencyFromEmptyTree(newSize: UInt64)
    /// A proof with the wrong number of hashes for its sizes.
    case wrongProofLength(expected: Int, actual: Int)
    /// Equal sizes need an empty proof.
    case nonEmptyProofForEqualSizes(count: Int)
    /// The proof leads to a different root than the one given. `which` is `root`, `old root` or
    /// `new root`; hashes are hex.
    case rootMismatch(which: String, computed: String, expected: String)

    /// A sentence naming what was wrong.
    public var description: String {
        switch self {
        case .frontierHashCount(let size, let expected, let actual):
            return "Merkle frontier for size \(size) needs \(expected) hashes, got \(actual)"
        case .serializedFrontierLength(let expected, let actual):
            return "serialized Merkle frontier should be \(expected) bytes, got \(actual)"
        case .malformedHash(let role, let length):
            return "\(role) is \(length) bytes, a SHA-256 hash is 32"
        case .leafIndexOutOfRange(let leafIndex, let treeSize):
            return "leaf index \(leafIndex) is not below tree size \(treeSize)"
        case .sizesOutOfOrder(let oldSize, let newSize):
            return "old tree size \(oldSize) is larger than new tree size \(newSize)"
        case .consistencyFromEmptyTree(let newSize):
            return "consistency from the empty tree to size \(newSize) is refused"
                + " (a proof from the empty tree is meaningless)"
        case .wrongProofLength(let expected, let actual):
            return "proof has \(actual) hashes, expected \(expected)"
        case .nonEmptyProofForEqualSizes(let count):
            return "tree sizes are equal but the proof has \(count) hashes (must be empty)"
        case .rootMismatch(let which, let computed, let expected):
            return "proof gives \(which) \(computed), expected \(expected)"
        }
    }
}
