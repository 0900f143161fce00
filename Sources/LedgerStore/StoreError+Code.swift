extension StoreError {
    /// What went wrong in the store, as a stable name (published in Audit/ERROR-CODES.md; raw
    /// values never change meaning). Each code has one exit status (``kind``).
    public enum Code: String, Sendable, CaseIterable, Codable {
        /// The file or folder to create exists already (a new ledger, an audit bundle's
        /// folder). Fix: name a new path. Exit status 2.
        case exists = "exists"
        /// What was named is not there: no ledger at the path, a missing folder, no such entry
        /// or checkpoint. Fix: name an existing one (or create it). Exit status 2.
        case notFound = "not-found"
        /// The file is not a vtf ledger (not SQLite, or no vtf schema). Fix: name a ledger
        /// made by `vtf init`. Exit status 2.
        case notALedger = "not-a-ledger"
        /// The ledger uses another schema version than this command can read. Fix: run a
        /// command that writes (it migrates the file), or a vtf that knows the version. Exit 2.
        case schemaVersion = "schema-version"
        /// The ledger has no genesis entry yet. Fix: create it with `vtf init`. Exit status 2.
        case noGenesis = "no-genesis"
        /// A value given to the store is out of range or does not fit this ledger (a tree
        /// size, a batch size, a key that is not the log key). Fix: as the message says. Exit 2.
        case badInput = "bad-input"
        /// The ledger's -wal file does not belong to it (restored or copied apart); vtf touched
        /// neither file. Fix: move the -wal aside, then run `vtf verify`. Exit status 3.
        case walMismatch = "wal-mismatch"
        /// The ledger cannot be read from where it is (a read-only folder with a -wal to
        /// replay, or not a regular file). Fix: copy it (with its -wal) somewhere writable.
        /// Exit status 3.
        case unreadable = "unreadable"
        /// The file system or SQLite failed to create, open, read or set up the file. Fix: check
        /// the disk, permissions and space. Exit status 3.
        case io = "io"
        /// The store's tables disagree with its journal or hold values vtf never writes (the file
        /// was edited outside vtf). Fix: run `vtf verify` and restore a copy. Exit status 3.
        case damaged = "damaged"

        /// The exit status class of this code.
        public var kind: Kind {
            switch self {
            case .exists, .notFound, .notALedger, .schemaVersion, .noGenesis, .badInput: .input
            case .walMismatch, .unreadable, .io, .damaged: .system
            }
        }
    }
}
