import Foundation
import GRDB
public import LedgerCore
import LedgerJournal
public import LedgerStore

extension LedgerFile {
    /// The postings to `account` or a sub-account dated `from`...`through`, summed per shape of
    /// the entry making them (kind, the entry's accounts in line order, line, sign) in SQL, so a
    /// statement of cash flows over a million vouchers reads sums, not a million bodies; the
    /// entries that reverse another are read whole, with their chains.
    public func postingShapes(posting account: AccountCode, from: LedgerDate, through: LedgerDate) throws -> PostingShapes {
        try read { db in
            guard let settings = try Self.settings(db) else { return PostingShapes(totals: [], reversing: []) }
            // The account and its sub-accounts as two ranges of postings_by_account ("1100", then
            // "1100." up to "1100/", '/' being the byte after '.'). Each entry's accounts are
            // listed in line order by a window over its postings (group_concat alone keeps no order).
            let rows = try Row.fetchCursor(db, sql: """
                WITH moved AS (
                    SELECT seq FROM postings WHERE account = ?1 AND date >= ?2 AND date <= ?3
                    UNION
                    SELECT seq FROM postings WHERE account >= ?1 || '.' AND account < ?1 || '/' AND date >= ?2 AND date <= ?3),
                lines AS (
                    SELECT p.seq, p.line, p.account, p.value,
                           group_concat(p.account, ' ') OVER (
                               PARTITION BY p.seq ORDER BY p.line ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS accounts
                    FROM postings p
                    WHERE p.seq IN (SELECT seq FROM moved) AND p.seq NOT IN (SELECT reversal_seq FROM reversals WHERE target_seq < reversal_seq))
                SELECT j.kind, l.accounts, l.line, l.value < 0, SUM(l.value), COUNT(*)
                FROM lines l JOIN journal j ON j.seq = l.seq
                WHERE l.account = ?1 OR (l.account >= ?1 || '.' AND l.account < ?1 || '/')
                GROUP BY j.kind, l.accounts, l.line, l.value < 0
                """, arguments: [account.rawValue, from.description, through.description])
            var totals: [ShapeTotal] = []
            while let row = try rows.next() {
                let kind: String = try row.decode(atIndex: 0)
                let accounts: String = try row.decode(atIndex: 1)
                let line: Int64 = try row.decode(atIndex: 2)
                let negative: Int64 = try row.decode(atIndex: 3)
                let value: Int64 = try row.decode(atIndex: 4)
                let count: Int64 = try row.decode(atIndex: 5)
                let shape = try PostingShape(storedKind: kind, accounts: accounts, line: Int(line), isNegative: negative != 0)
                totals.append(ShapeTotal(shape: shape, value: Amount(minorUnits: value, currency: settings.currency), count: Int(count)))
            }
            let reversing = try movingEntries(db, settings: settings, account: account, from: from, through: through, reversingOnly: true)
            return PostingShapes(totals: totals, reversing: reversing)
        }
    }
}
