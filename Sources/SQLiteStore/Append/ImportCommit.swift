import GRDB
import LedgerCore
import LedgerJournal
import LedgerStore

extension LedgerFile {
    /// Appends the drafts of `source` in one write transaction, batch by batch. If the tip is
    /// still the one the drafts were checked against, the refs checked then still hold (the
    /// unique index on journal (kind, ref) stays the last guard); otherwise every ref is looked
    /// up again. Every rule is checked again either way, against the state being written.
    func commitImport(
        _ source: any DraftSource, after snapshot: ImportSnapshot, keys: WriteKeys, batchSize: Int, threads: Int,
        progress: ((UInt64) -> Void)?
    ) throws -> Range<UInt64> {
        var source = source
        return try writeImmediate { db in
            let first = try Tip.read(db).size
            let state = try StoreState(db)
            let unchanged = try snapshot.isCurrent(db)
            state.refsPrechecked = unchanged
            state.draftsReadBack = unchanged
            var appended: UInt64 = 0
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
