import GRDB
public import LedgerJournal
public import LedgerStore

extension CheckedJournal {
    /// The smallest checkpoint of at least `size` entries (and at most the checked ones) that
    /// is signed by the log key over the checked tree and carries an audit, with its audits; nil
    /// when none does. Cosignature rows that are not audits (forged, or by a key that is not a
    /// registered auditor) are passed over.
    public func auditedCheckpoint(_ ledger: LedgerFile, atLeast size: UInt64) throws -> (note: StoredNote, audits: [AuditorCosignature])? {
        var after = Int64(size) - 1
        while true {
            let sizes = try ledger.read { db in
                try Int64.fetchAll(
                    db, sql: """
                        SELECT DISTINCT size FROM cosignatures
                        WHERE typeof(size) = 'integer' AND size > ? AND size <= ? ORDER BY size LIMIT 256
                        """,
                    arguments: [after, Int64(entryCount)])
            }
            guard let last = sizes.last else { return nil }
            for found in sizes {
                guard let (note, audits) = try note(ledger, size: UInt64(found)), !audits.isEmpty,
                    try isSigned(note, ledger: ledger)
                else { continue }
                return (note, audits)
            }
            after = last
        }
    }

    /// The stored checkpoint of `size` with only those of its stored cosignature lines that are
    /// audits (a line that is not, or a row of the wrong type in a hostile file, is left out
    /// rather than passed on to a donor or trapped on), and those audits.
    public func note(_ ledger: LedgerFile, size: UInt64) throws -> (note: StoredNote, audits: [AuditorCosignature])? {
        let stored: (note: String, lines: [String])? = try ledger.read { db in
            guard let value = try DatabaseValue.fetchOne(
                db, sql: "SELECT note FROM checkpoints WHERE size = ?", arguments: [Int64(size)]),
                let note = String.fromDatabaseValue(value)
            else { return nil }
            let lines = try String.fetchAll(db, sql: """
                SELECT line FROM cosignatures WHERE size = ? AND typeof(line) = 'text' ORDER BY name, key_id
                """, arguments: [Int64(size)])
            return (note, lines)
        }
        guard let stored else { return nil }
        let audits = self.audits(of: StoredNote(size: size, note: stored.note + stored.lines.map { $0 + "\n" }.joined()))
        let witnesses = Set(audits.map(\.witness))
        let kept = stored.lines.filter(witnesses.contains).map { $0 + "\n" }.joined()
        return (StoredNote(size: size, note: stored.note + kept), audits)
    }
}
