/// Object members in insertion order (parse order); keys unique (parser refuses duplicates).
///
/// Keys are compared as exact scalar sequences (their UTF-8 bytes), never by Swift's
/// canonical-equivalence `String ==`: `"A\u{30A}"` and `"Å"` are two different keys, as RFC 8259
/// and RFC 8785 require. Lookups scan the members, which is the fast choice for the small objects
/// of a journal entry.
///
/// Equality ignores member order (see `JSONValue`): two objects are equal when they have the same
/// keys with equal values.
public struct JSONObject: Sendable, Equatable, Sequence {
    /// One member.
    public typealias Element = (key: String, value: JSONValue)

    private var storage: [Element]

    /// An empty object.
    public init() {
        storage = []
    }

    /// An object with these members, in this order. Precondition: unique keys.
    public init(_ members: [(String, JSONValue)]) {
        storage = members.map { (key: $0.0, value: $0.1) }
        if let duplicate = UTF8Key.firstDuplicate(in: storage.lazy.map(\.key)) {
            preconditionFailure("JSONObject: duplicate key \"\(duplicate)\"")
        }
    }

    /// The members in insertion order.
    public var members: [(key: String, value: JSONValue)] {
        storage
    }

    /// The member named `key`. Setting a value replaces an existing member in place or appends a
    /// new one; setting nil removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let index = index(of: key) else { return nil }
            return storage[index].value
        }
        set {
            let existing = index(of: key)
            switch (existing, newValue) {
            case (let index?, let value?):
                storage[index].value = value
            case (let index?, nil):
                storage.remove(at: index)
            case (nil, let value?):
                storage.append((key: key, value: value))
            case (nil, nil):
                break
            }
        }
    }

    /// The number of members.
    public var count: Int {
        storage.count
    }

    /// Whether there are no members.
    public var isEmpty: Bool {
        storage.isEmpty
    }

    /// The keys in insertion order.
    public var keys: [String] {
        storage.map(\.key)
    }

    /// Iterates the members in insertion order.
    public func makeIterator() -> IndexingIterator<[Element]> {
        storage.makeIterator()
    }

    /// Same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.storage.count == rhs.storage.count else { return false }
        if lhs.storage.count > UTF8Key.linearScanLimit {
            return equalByIndex(lhs.storage, rhs.storage)
        }
        for (key, value) in lhs.storage {
            guard let other = rhs[key], other == value else { return false }
        }
        return true
    }

    /// Appends a member whose key the caller has proven absent (the parser does).
    mutating func appendUnchecked(key: String, value: JSONValue) {
        storage.append((key: key, value: value))
    }

    /// Builds an object from members whose keys the caller has proven unique.
    init(uncheckedMembers: [Element]) {
        storage = uncheckedMembers
    }

    private static func equalByIndex(_ lhs: [Element], _ rhs: [Element]) -> Bool {
        var values: [UTF8Key: JSONValue] = [:]
        values.reserveCapacity(rhs.count)
        for (key, value) in rhs {
            values[UTF8Key(key)] = value
        }
        for (key, value) in lhs {
            guard let other = values[UTF8Key(key)], other == value else { return false }
        }
        return true
    }

    private func index(of key: String) -> Int? {
        storage.firstIndex { UTF8Key.bytesEqual($0.key, key) }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object with these members, in source order. Precondition: unique keys.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
