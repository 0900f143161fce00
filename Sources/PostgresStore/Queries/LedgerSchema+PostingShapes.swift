import LedgerCore
import LedgerJournal
import LedgerStore

extension LedgerSchema {
    /// The postings to `account` or a sub-account dated `from`...`through`, summed per shape of
    /// the entry making them (kind, the entry's accounts in line order, line, sign) by the
    /// server from entry_index, so a statement of cash flows over a million vouchers reads a few
    /// hundred rows;
    /// the entries that reverse another are read whole, with their chains.
    func postingShapes(posting account: AccountCode, from: LedgerDate, through: LedgerDate) throws -> PostingShapes {
        try read {
            guard let settings = try settings() else { return PostingShapes(totals: [], reversing: []) }
            // Every posting of an entry carries the entry's date; entry_index has each entry's
            // kind and accounts in line order (checked by vtf verify), so only the account's own
            // postings of the window are read.
            let rows = try session.rows("""
                SELECT e.kind, e.accounts, p.line, CASE WHEN p.value < 0 THEN 1 ELSE 0 END::BIGINT, SUM(p.value)::BIGINT, COUNT(*)::BIGINT
                FROM postings p JOIN entry_index e ON e.seq = p.seq AND e.date >= $2 AND e.date <= $3
                WHERE (p.account = $1 OR starts_with(p.account, $1 || '.')) AND p.date >= $2 AND p.date <= $3
                  AND p.seq NOT IN (SELECT reversal_seq FROM reversals WHERE target_seq < reversal_seq)
                GROUP BY 1, 2, 3, 4
                """, [.text(account.rawValue), .text(from.description), .text(through.description)])
            let totals = try rows.map { row in
                let shape = try PostingShape(storedKind: try row.text(0), accounts: try row.text(1), line: Int(try row.int(2)), isNegative: try row.int(3) != 0)
                return ShapeTotal(shape: shape, value: Amount(minorUnits: try row.int(4), currency: settings.currency), count: Int(try row.int(5)))
            }
            let reversing = try movingEntries(account, from: from, through: through, settings: settings, reversingOnly: true)
            return PostingShapes(totals: totals, reversing: reversing)
        }
    }
}
