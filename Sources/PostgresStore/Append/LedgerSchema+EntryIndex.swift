import LedgerJournal
import LedgerStore

extension LedgerSchema {
    /// Sends the `entry_index` rows of `entries` (each entry's date, kind and accounts, for the
    /// reports that read a window of dates) in one statement (arrays, a column each), in the
    /// transaction that inserts their journal rows.
    func insertEntryIndex(_ entries: [SignedEntry]) {
        guard !entries.isEmpty else { return }
        session.send(
            "INSERT INTO entry_index (seq, date, kind, accounts) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])",
            [
                .ints(entries.map { Int64(clamping: $0.body.seq) }), .texts(entries.map(\.body.date.description)),
                .texts(entries.map(\.body.kind.rawValue)), .texts(entries.map { Self.indexedAccounts($0.body) }),
            ])
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
