import GRDB
public import LedgerJournal
public import LedgerStore

/// A ledger file is a `StoreSnapshot`: each query runs in a read transaction of its own, or, inside
/// ``SQLiteLedger/read(_:)``, in the one read transaction that call holds (``LedgerFile/read(_:)``
/// joins a transaction already open on the connection).
extension LedgerFile: StoreSnapshot {
    /// The replay a signed output rests on: leaf hashes, the chain, the rules, the latest signed
    /// checkpoint and every derived table checked; entry signatures are not re-checked.
    public func replayForSigning(threads: Int) throws -> (verification: StoreVerification, keys: [KeyState]) {
        let (verification, keys) = try replay(threads: threads, collecting: false, checksSignatures: false, progress: nil)
        return (verification, keys)
    }

    /// The sizes `from`...`through` of the checkpoints holding at least one cosignature, in
    /// order, at most `limit`. A row whose size is not an integer (a hostile file) is passed over.
    public func cosignedSizes(from: UInt64, through: UInt64, limit: Int) throws -> [UInt64] {
        try read { db in
            try Int64.fetchAll(
                db, sql: """
                    SELECT DISTINCT size FROM cosignatures
                    WHERE typeof(size) = 'integer' AND size >= ? AND size <= ? ORDER BY size LIMIT ?
                    """,
                arguments: [Int64(clamping: from), Int64(clamping: through), max(0, limit)]
            ).compactMap { UInt64(exactly: $0) }
        }
    }

    /// The checkpoint of `size` as the log signed it and its stored cosignature lines (text
    /// rows only, ordered by witness name and key id), or nil when there is none.
    public func checkpointParts(size: UInt64) throws -> (note: String, cosignatureLines: [String])? {
        try read { db in
            guard let value = try DatabaseValue.fetchOne(
                db, sql: "SELECT note FROM checkpoints WHERE size = ?", arguments: [Int64(clamping: size)]),
                let note = String.fromDatabaseValue(value)
            else { return nil }
            let lines = try String.fetchAll(db, sql: """
                SELECT line FROM cosignatures WHERE size = ? AND typeof(line) = 'text' ORDER BY name, key_id
                """, arguments: [Int64(clamping: size)])
            return (note, lines)
        }
    }
}
