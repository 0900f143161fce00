/// A string compared and hashed by its exact UTF-8 bytes (scalar sequence), not by Swift's
/// canonical equivalence. JSON member names are equal only when their code points are.
struct UTF8Key: Hashable {
    /// Up to this many keys, duplicate checks and lookups scan linearly; beyond it they hash.
    static let linearScanLimit = 16

    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool {
        bytesEqual(lhs.text, rhs.text)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Whether two strings have the same UTF-8 bytes.
    static func bytesEqual(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count && lhs.utf8.elementsEqual(rhs.utf8)
    }

    /// The first key (in order) that repeats an earlier one, if any.
    static func firstDuplicate(in keys: some Sequence<String>) -> String? {
        var seen = DuplicateDetector()
        for key in keys where !seen.insert(key) {
            return key
        }
        return nil
    }
}

/// Detects repeated keys: a linear scan while there are few, a hash set after that.
struct DuplicateDetector {
    private var small: [String] = []
    private var large: Set<UTF8Key>?

    /// Adds `key`; false if it was already present.
    mutating func insert(_ key: String) -> Bool {
        if large != nil {
            return large?.insert(UTF8Key(key)).inserted ?? false
        }
        if small.contains(where: { UTF8Key.bytesEqual($0, key) }) {
            return false
        }
        small.append(key)
        if small.count > UTF8Key.linearScanLimit {
            large = Set(small.map(UTF8Key.init))
            small = []
        }
        return true
    }
}
