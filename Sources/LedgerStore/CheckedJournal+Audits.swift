import GRDB
public import LedgerLog

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
                    db, sql: "SELECT DISTINCT size FROM cosignatures WHERE size > ? AND size <= ? ORDER BY size LIMIT 256",
                    arguments: [after, Int64(entryCount)])
            }
            guard let last = sizes.last else { return nil }
            for found in sizes {
                guard let note = try ledger.storedNote(size: UInt64(found)), try isSigned(note, ledger: ledger) else { continue }
                let audits = audits(of: note)
                if !audits.isEmpty { return (note, audits) }
            }
            after = last
        }
    }
}
