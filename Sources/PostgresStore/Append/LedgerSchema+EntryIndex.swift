import LedgerJournal
import LedgerStore

extension LedgerSchema {
    /// The `entry_index` rows of `entries` (each entry's date, kind and accounts, for the reports
    /// that read a window of dates), a thousand per statement, in the transaction that inserts
    /// their journal rows.
    func insertEntryIndex(_ entries: [SignedEntry]) throws {
        var start = 0
        while start < entries.count {
            let chunk = entries[start..<min(start + 1000, entries.count)]
            var values: [SQLValue] = []
            var rows: [String] = []
            for entry in chunk {
                rows.append("(\(Self.placeholders(4, from: values.count + 1)))")
                values += [
                    .seq(entry.body.seq), .text(entry.body.date.description), .text(entry.body.kind.rawValue), .text(Self.indexedAccounts(entry.body)),
                ]
            }
            try session.execute("INSERT INTO entry_index (seq, date, kind, accounts) VALUES \(rows.joined(separator: ", "))", values)
            start = chunk.endIndex
        }
    }

    /// entry_index's `accounts` of an entry: each posting's account, in line order, joined by ' '
    /// (account codes hold no space).
    static func indexedAccounts(_ body: EntryBody) -> String {
        body.postings.map(\.account.rawValue).joined(separator: " ")
    }

    /// entry_index's row of an entry as `vtf verify` compares it: "date kind accounts".
    static func indexedRow(_ body: EntryBody) -> String {
        "\(body.date) \(body.kind.rawValue) \(indexedAccounts(body))"
    }
}
