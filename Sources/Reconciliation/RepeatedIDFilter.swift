import BankStatements

/// Finds the bank ids that may occur more than once in a statement too big to hold, in fixed
/// memory: a Bloom filter of the ids seen, and the exact set of ids the filter had seen already
/// (true repeats, and a few false alarms). Every id that does repeat is among ``suspects``, so
/// keeping the lines whose id is a suspect keeps every duplicate and its first line.
public struct RepeatedIDFilter: Sendable {
    private var bits: [UInt64]
    private let mask: Int
    private static let hashes = 5
    /// The ids seen at least twice, or thought so by the filter.
    public private(set) var suspects: Set<String> = []

    /// A filter of `2^log2Bits` bits (default 2^27: 16 MiB, about 0.1 % false alarms for 5
    /// million ids).
    public init(log2Bits: Int = 27) {
        let count = 1 << max(6, min(log2Bits, 33))
        bits = Array(repeating: 0, count: count / 64)
        mask = count - 1
    }

    /// Notes one occurrence of `id` (trimmed as the matcher trims it).
    public mutating func insert(_ id: String) {
        let key = TextFolding.trimmed(id)
        guard !BankID.isPlaceholder(key) else { return }
        let (first, second) = Self.hashes(key)
        var present = true
        for round in 0..<Self.hashes {
            let bit = Int(truncatingIfNeeded: first &+ UInt64(round) &* second) & mask
            let word = bit >> 6
            let flag = UInt64(1) << UInt64(bit & 63)
            if bits[word] & flag == 0 {
                present = false
                bits[word] |= flag
            }
        }
        if present { suspects.insert(key) }
    }

    /// Whether `id` may repeat (exact for the ids that do).
    public func isSuspect(_ id: String) -> Bool { suspects.contains(TextFolding.trimmed(id)) }

    private static func hashes(_ key: String) -> (UInt64, UInt64) {
        var one = Hasher()
        one.combine(key)
        var two = Hasher()
        two.combine(0x9E37_79B9)
        two.combine(key)
        return (UInt64(bitPattern: Int64(one.finalize())), UInt64(bitPattern: Int64(two.finalize())) | 1)
    }
}
