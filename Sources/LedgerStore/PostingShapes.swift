public import LedgerCore
public import LedgerJournal

/// What a report classifying an account's postings by the entry that made them needs to know
/// of one posting: the entry's kind, the accounts of all its postings in line order, which line
/// the posting is and its sign. A million vouchers fall into a few hundred shapes, so a store
/// sums the postings per shape and the report classifies each shape once
/// (``StoreSnapshot/postingShapes(posting:from:through:)``).
public struct PostingShape: Hashable, Sendable, CustomStringConvertible {
    /// The kind of the entry holding the posting.
    public let kind: EntryKind
    /// The account of every posting of that entry, in line order.
    public let accounts: [AccountCode]
    /// The posting's line in the entry (0-based).
    public let line: Int
    /// Whether the posting's value is below zero.
    public let isNegative: Bool

    /// A shape from its parts.
    public init(kind: EntryKind, accounts: [AccountCode], line: Int, isNegative: Bool) {
        self.kind = kind
        self.accounts = accounts
        self.line = line
        self.isNegative = isNegative
    }

    /// A shape as a store's SQL returns it: the kind's name and the entry's accounts joined by
    /// single spaces (entry_index's and the window's form), both read strictly.
    public init(storedKind kind: String, accounts: String, line: Int, isNegative: Bool) throws {
        self.init(
            kind: try EntryKind(parsing: kind), accounts: try accounts.split(separator: " ").map { try AccountCode(String($0)) },
            line: line, isNegative: isNegative)
    }

    /// The shape of the posting at `line` of `entry` (which must have one there).
    public init(_ entry: EntryBody, line: Int) {
        self.init(kind: entry.kind, accounts: entry.postings.map(\.account), line: line, isNegative: entry.postings[line].value.isNegative)
    }

    /// E.g. `voucher [5100.G001 1100.USD] line 1 (-)`.
    public var description: String {
        "\(kind.rawValue) [\(accounts.map(\.rawValue).joined(separator: " "))] line \(line) (\(isNegative ? "-" : "+"))"
    }
}

/// The postings of one ``PostingShape``: how many, and their values summed.
public struct ShapeTotal: Hashable, Sendable {
    /// The shape the postings share.
    public let shape: PostingShape
    /// Σ value of the postings, in the fund currency.
    public let value: Amount
    /// How many postings.
    public let count: Int

    /// A total from its parts.
    public init(shape: PostingShape, value: Amount, count: Int) {
        self.shape = shape
        self.value = value
        self.count = count
    }
}

/// An account's postings in a window of dates, summed per ``PostingShape`` for the entries that
/// reverse nothing, and the entries that reverse another given whole with the chain they undo
/// (a reversal's postings are classified by the entry at the bottom of its chain).
public struct PostingShapes: Sendable {
    /// Σ per shape of the postings made by entries that reverse nothing, ordered by shape.
    public let totals: [ShapeTotal]
    /// The entries that reverse another, in journal order, each with its chain.
    public let reversing: [MovingEntry]

    /// The sums and the reversing entries.
    public init(totals: [ShapeTotal], reversing: [MovingEntry]) {
        self.totals = totals.sorted { $0.shape.description < $1.shape.description }
        self.reversing = reversing
    }

    /// The same figures from every moving entry read whole (what
    /// ``StoreSnapshot/entries(posting:from:through:)`` returns): each posting to `account` or a
    /// sub-account of an entry that reverses nothing added to its shape's total.
    public init(_ moving: [MovingEntry], account: AccountCode, currency: Currency) throws {
        var sums: [PostingShape: (value: Amount, count: Int)] = [:]
        var reversing: [MovingEntry] = []
        for item in moving {
            guard item.chain.count == 1 else {
                reversing.append(item)
                continue
            }
            for (line, posting) in item.entry.postings.enumerated() where posting.account.isWithin(account) {
                let shape = PostingShape(item.entry, line: line)
                let known = sums[shape] ?? (Amount.zero(currency), 0)
                sums[shape] = (try known.value.adding(posting.value), known.count + 1)
            }
        }
        self.init(totals: sums.map { ShapeTotal(shape: $0.key, value: $0.value.value, count: $0.value.count) }, reversing: reversing)
    }
}
