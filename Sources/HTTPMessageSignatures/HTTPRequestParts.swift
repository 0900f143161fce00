/// The parts of an HTTP request that RFC 9421 message signatures cover: the method, the target
/// URI's scheme, authority, path and query, and the header fields as they were sent.
public struct HTTPRequestParts: Sendable, Equatable {
    /// The method, as sent (`GET`, `POST`).
    public var method: String
    /// The target URI's scheme, lower case (`https`).
    public var scheme: String
    /// The target URI's authority, lower case, without a default port (`example.com`).
    public var authority: String
    /// The path, as sent (`/v1/journal`); `/` for an empty one.
    public var path: String
    /// The query without its `?`, as sent; nil when the target has none.
    public var query: String?
    /// The header fields in the order they were sent (names in any case).
    public var headers: [(name: String, value: String)]

    /// A request of these parts.
    public init(method: String, scheme: String, authority: String, path: String, query: String?, headers: [(name: String, value: String)]) {
        self.method = method
        self.scheme = scheme.lowercased()
        self.authority = authority.lowercased()
        self.path = path.isEmpty ? "/" : path
        self.query = query
        self.headers = headers
    }

    /// The values of the header field `name` (any case), each with its surrounding spaces and
    /// tabs removed, in the order sent; empty when there is none.
    public func values(of name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map { Self.trimmed($0.value) }
    }

    /// Adds a header field.
    public mutating func add(_ name: String, _ value: String) {
        headers.append((name, value))
    }

    static func trimmed(_ value: String) -> String {
        let unicode = value.unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = unicode.firstIndex(where: { !isSpace($0) }), let last = unicode.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(unicode[first...last])
    }

    /// Whether two requests have the same parts and the same header fields in the same order.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.method == rhs.method && lhs.scheme == rhs.scheme && lhs.authority == rhs.authority && lhs.path == rhs.path
            && lhs.query == rhs.query && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}
