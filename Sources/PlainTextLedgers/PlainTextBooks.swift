public import LedgerCore
public import LedgerJournal
public import LedgerStore

/// The books as a plain-text accounting journal: every entry that posts, in journal order, with
/// its date, ref, memo, seq and kind, each posting's amount in its own currency and its value in
/// the fund currency, and the accounts with their names. Read from the journal after a checked
/// read of it (`CheckedJournal`), in one snapshot, so the export says what the signed log says.
public struct PlainTextBooks: Sendable {
    /// The fund currency: every value is in it.
    public let fundCurrency: Currency
    /// The log's name, for the file's header.
    public let origin: String
    /// How many entries the journal holds, and its Merkle root (hex), for the file's header.
    public let size: UInt64
    /// The root of the journal of ``size`` entries, hex.
    public let root: String
    /// Every account the journal opened.
    public let accounts: [AccountState]
    /// Every entry that posts, in journal order.
    public let entries: [EntryBody]

    /// The books of `snapshot`, whose rules define `kinds`, read after checking its journal
    /// against its signed checkpoints.
    public static func read(_ snapshot: any StoreSnapshot, kinds: [EntryKind]) throws -> PlainTextBooks {
        let checked = try CheckedJournal.check(snapshot, outcome: "exported")
        guard let settings = try snapshot.settings() else { throw StoreError(.noGenesis, "the ledger has no genesis entry") }
        let entries = try snapshot.entries(ofKinds: kinds).filter { !$0.postings.isEmpty }.sorted { $0.seq < $1.seq }
        return PlainTextBooks(
            fundCurrency: settings.currency, origin: checked.origin, size: checked.entryCount, root: checked.root.hex,
            accounts: try snapshot.accounts().sorted { $0.code < $1.code }, entries: entries)
    }

    /// The books as `format` writes them.
    public func render(_ format: PlainTextFormat) throws -> String {
        var writer = PlainTextWriter(books: self, format: format)
        return try writer.render()
    }
}
