/// A tile of a C2SP tlog-tiles log: `width` consecutive hashes at tree level 8·`level`
/// (each the root of a subtree of 256^`level` leaves), the first of them the `index`·256-th;
/// or, for the entries, the bundle of entries `index`·256 ..< `index`·256 + `width`.
///
/// Paths are `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`, with `<N>` written in groups
/// of three digits, all but the last prefixed by `x` (1234067 → `x001/x234/067`), and `.p/<W>`
/// only for a partial tile (W < 256).
public struct TileCoordinate: Hashable, Sendable, CustomStringConvertible {
    /// Hashes (or entries) in a full tile.
    public static let fullWidth = 256
    /// The highest level a tile may have (tlog-tiles: 0 to 63).
    public static let maxLevel = 63

    /// The tile's level; nil for an entry bundle.
    public let level: Int?
    /// The tile's index within its level.
    public let index: UInt64
    /// How many hashes or entries it holds: 256, or fewer for the partial tile at the right edge.
    public let width: Int

    /// A hash tile.
    public init(level: Int, index: UInt64, width: Int = fullWidth) throws(TileError) {
        guard (0...Self.maxLevel).contains(level) else { throw TileError.badPath("the level \(level) is not 0 to \(Self.maxLevel)") }
        try self.init(level: level as Int?, index: index, width: width)
    }

    /// An entry bundle.
    public init(entriesAt index: UInt64, width: Int = fullWidth) throws(TileError) {
        try self.init(level: nil, index: index, width: width)
    }

    private init(level: Int?, index: UInt64, width: Int) throws(TileError) {
        guard (1...Self.fullWidth).contains(width) else { throw TileError.badPath("the width \(width) is not 1 to 256") }
        guard index <= UInt64.max >> 8 else { throw TileError.badPath("the index \(index) is beyond any tree") }
        self.level = level
        self.index = index
        self.width = width
    }

    /// Whether it holds fewer than 256 hashes or entries.
    public var isPartial: Bool { width < Self.fullWidth }

    /// Its path below the log's prefix.
    public var path: String {
        let base = "tile/\(level.map(String.init) ?? "entries")/\(Self.encode(index))"
        return isPartial ? base + ".p/\(width)" : base
    }

    /// The path.
    public var description: String { path }

    /// The tile a path names, refusing any other spelling of it (leading zeros, an `x` on the
    /// last group, `.p/256`).
    public init(path: String) throws(TileError) {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts[0] == "tile" else { throw TileError.badPath("\(path) is not tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]") }
        let levelPart = parts[1]
        var width = Self.fullWidth
        if parts.count >= 4, parts[parts.count - 2].hasSuffix(".p") {
            guard let value = Self.decimal(parts[parts.count - 1]), value >= 1, value < Self.fullWidth else {
                throw TileError.badPath("\(path): the width after .p/ is 1 to 255")
            }
            width = value
            parts.removeLast()
            parts[parts.count - 1].removeLast(2)
        }
        let index = try Self.decodeIndex(Array(parts[2...]), path: path)
        if levelPart == "entries" {
            try self.init(entriesAt: index, width: width)
        } else {
            guard let level = Self.decimal(levelPart) else { throw TileError.badPath("\(path): the level is a number without leading zeros") }
            try self.init(level: level, index: index, width: width)
        }
    }

    /// `index` in groups of three digits: 1234067 → `x001/x234/067`.
    static func encode(_ index: UInt64) -> String {
        var groups: [String] = []
        var rest = index
        repeat {
            let group = String(rest % 1000)
            groups.insert(String(repeating: "0", count: 3 - group.count) + group, at: 0)
            rest /= 1000
        } while rest > 0
        return groups.enumerated().map { $0.offset < groups.count - 1 ? "x" + $0.element : $0.element }.joined(separator: "/")
    }

    private static func decodeIndex(_ groups: [String], path: String) throws(TileError) -> UInt64 {
        var index: UInt64 = 0
        for (position, group) in groups.enumerated() {
            let last = position == groups.count - 1
            let digits = last ? Substring(group) : (group.hasPrefix("x") ? group.dropFirst() : "")
            guard digits.count == 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt64(digits),
                !(position == 0 && !last && value == 0)
            else {
                throw TileError.badPath("\(path): the index is groups of three digits, all but the last written x000")
            }
            let (times, overflow) = index.multipliedReportingOverflow(by: 1000)
            guard !overflow, times <= UInt64.max - value else { throw TileError.badPath("\(path): the index is too large") }
            index = times + value
        }
        return index
    }

    /// A decimal number without sign or leading zeros.
    private static func decimal(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 3, text.allSatisfy({ $0.isASCII && $0.isNumber }), text == "0" || !text.hasPrefix("0") else { return nil }
        return Int(text)
    }
}

/// Why a tile was not made or its path not accepted.
public enum TileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path does not name a tile, or names one no tree has.
    case badPath(String)
    /// The tile lies beyond the tree of the size asked for.
    case beyondTree(tile: String, treeSize: UInt64)
    /// An entry is too long for a bundle (at most 65,535 bytes), or a bundle is cut short.
    case badBundle(String)

    /// What was wrong.
    public var description: String {
        switch self {
        case .badPath(let message): message
        case .beyondTree(let tile, let size): "\(tile) lies beyond the tree of \(size) entries"
        case .badBundle(let message): message
        }
    }
}
