import GRDB
import LedgerCore
import LedgerJournal
import LedgerStore

extension LedgerFile {
    /// Appends the import in one write transaction, batch by batch. If the tip is still the one
    /// the drafts were checked against and the check kept them, they are written as checked (the
    /// ledger they were checked on is the one being written: same state, same seqs); only prev
    /// and the recording time are filled in, and every body is read back as the verifier reads
    /// it before it is signed. Otherwise the drafts of `makeSource` are checked again, every
    /// rule against the state being written, and (when the tip moved) every ref looked up again;
    /// the unique index on journal (kind, ref) stays the last guard either way.
    func commitImport(
        _ makeSource: () throws -> any DraftSource, after snapshot: ImportSnapshot, keys: WriteKeys, batchSize: Int,
        threads: Int, progress: ((UInt64) -> Void)?
    ) throws -> Range<UInt64> {
        try writeImmediate { db in
            let first = try Tip.read(db).size
            let state = try StoreState(db)
            let unchanged = try snapshot.isCurrent(db)
            state.refsPrechecked = unchanged
            var appended: UInt64 = 0
            if unchanged, let checked = snapshot.checked {
                var start = 0
                while start < checked.count {
                    let batch = checked[start..<min(start + batchSize, checked.count)]
                    do {
                        _ = try Self.appendChecked(batch, keys: keys, state: state, threads: threads)
                    } catch let violation as RuleViolation {
                        throw violation.with(message:
                            "\(batch.first?.origin ?? "?")–\(batch.last?.origin ?? "?"): \(violation.message) (nothing was recorded)")
                    }
                    start = batch.endIndex
                    appended += UInt64(batch.count)
                    progress?(appended)
                }
                return first..<(first + appended)
            }
            var source = try makeSource()
            while true {
                let (batch, origins) = try Self.nextBatch(of: &source, size: batchSize)
                if batch.isEmpty { break }
                do {
                    _ = try Self.appendBatch(batch, keys: keys, origin: nil, state: state, rules: rules, threads: threads)
                } catch let violation as RuleViolation {
                    let why = unchanged ? "" : "; another writer recorded entries while the file was being checked"
                    throw violation.with(message:
                        "\(origins.first ?? "?")–\(origins.last ?? "?"): \(violation.message) (nothing was recorded\(why))")
                }
                appended += UInt64(batch.count)
                progress?(appended)
            }
            return first..<(first + appended)
        }
    }

    static func nextBatch(of source: inout any DraftSource, size: Int) throws -> ([EntryDraft], [String]) {
        var batch: [EntryDraft] = []
        var origins: [String] = []
        while batch.count < size, let next = try source.next() {
            batch.append(next.draft)
            origins.append(next.origin)
        }
        return (batch, origins)
    }
}
