public import LedgerCrypto
public import LedgerJournal

// The values every store shares: what a writer hands a store, and what a store's reads return.

/// Produces drafts one at a time, so a bulk import holds one batch in memory.
public protocol DraftSource {
    /// The next draft and where it came from (e.g. "line 12"), or nil at the end.
    mutating func next() throws -> (draft: EntryDraft, origin: String)?
}

/// The keys a write needs: the author's (signs entries) and the ledger's log key (signs the
/// checkpoint that every committed write stores).
public struct WriteKeys: Sendable {
    /// Signs each entry as its author.
    public let author: Ed25519PrivateKey
    /// The ledger's log key: signs the checkpoint each committed write stores.
    public let log: Ed25519PrivateKey

    /// The keys for one write.
    public init(author: Ed25519PrivateKey, log: Ed25519PrivateKey) {
        self.author = author
        self.log = log
    }
}

/// A stored checkpoint with the cosignatures auditors added.
public struct StoredNote: Sendable {
    /// The log size (number of entries) the checkpoint commits to.
    public let size: UInt64
    /// The signed note: the log's signature line, then any cosignature lines.
    public let note: String

    /// A stored checkpoint of `size` entries and its signed note.
    public init(size: UInt64, note: String) {
        self.size = size
        self.note = note
    }
}

/// One line of the trial balance: an account's Σ amount in one currency and Σ value in the fund
/// currency (the same line the rules read, `BalanceLine`).
public typealias TrialBalanceRow = BalanceLine

/// An entry that moved an account within a period, with what it reverses: `chain[0]` is the
/// entry itself, `chain[1]` the entry it reverses (if it is a reversal), and so on down to an
/// entry that reverses nothing. The statement of cash flows classifies a reversal's cash by the
/// entry it undoes.
public struct MovingEntry: Sendable {
    /// The entry first, then each entry it reverses in turn; never empty.
    public let chain: [EntryBody]

    /// A chain starting with the moving entry; traps if `chain` is empty.
    public init(chain: [EntryBody]) {
        precondition(!chain.isEmpty, "a chain starts with the moving entry")
        self.chain = chain
    }

    /// The entry that moved the account (`chain[0]`).
    public var entry: EntryBody { chain[0] }
    /// The entry at the bottom of the chain: the one whose cash a reversal undoes.
    public var origin: EntryBody { chain[chain.count - 1] }
}

/// The result of verifying a store: the journal replayed, and its derived tables compared with the replay.
public struct StoreVerification: Sendable {
    /// How many entries the journal holds.
    public let entryCount: UInt64
    /// The Merkle root of the journal's entries, as replayed.
    public let root: SHA256Digest
    /// Where the derived tables differ from what the journal implies (empty when they agree).
    public let differences: [String]

    /// A verification's result: the replayed journal's size and root, and the derived tables' differences.
    public init(entryCount: UInt64, root: SHA256Digest, differences: [String]) {
        self.entryCount = entryCount
        self.root = root
        self.differences = differences
    }
}

