import CanonicalJSON
import Foundation
import GRDB
public import LedgerCore
import LedgerJournal
public import LedgerStore

extension LedgerFile {
    /// The postings on `account` in `currency` dated `from`...`through`, in journal order, with
    /// their entries' kind, ref and memo (and `data` for fund entries). Reads the covering index
    /// for the range and one row of the journal per posting.
    public func accountPostings(
        _ account: AccountCode, currency: Currency, from: LedgerDate, through: LedgerDate
    ) throws -> [AccountPosting] {
        try read { db in
            guard let settings = try Self.settings(db) else { return [] }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.seq, p.line, p.date, p.amount, j.kind, j.ref, j.body FROM postings p JOIN journal j ON j.seq = p.seq
                WHERE p.account = ? AND p.currency = ? AND p.date >= ? AND p.date <= ? ORDER BY p.seq, p.line
                """, arguments: [account.rawValue, currency.code, from.description, through.description])
            var postings: [AccountPosting] = []
            while let row = try rows.next() {
                let kind: String = (try row.decode(atIndex: 4))
                let bytes: Data = (try row.decode(atIndex: 6))
                // A voucher's ref and memo say all there is; a fund entry's data names the
                // agreement, grant or request it concerns.
                let body = try EntryBody(storedBytes: [UInt8](bytes), fundCurrency: settings.currency)
                postings.append(AccountPosting(
                    seq: UInt64(clamping: (try row.decode(atIndex: 0)) as Int64), line: (try row.decode(atIndex: 1)), date: try LedgerDate(parsing: (try row.decode(atIndex: 2))),
                    amount: Amount(minorUnits: (try row.decode(atIndex: 3)), currency: currency), kind: kind, ref: (try row.decode(atIndex: 5)), memo: body.memo,
                    data: kind == EntryKind.voucher.rawValue ? [:] : body.data))
            }
            return postings
        }
    }

    /// The balance of `account` in `currency` as of `date` (inclusive), in that currency.
    public func accountBalance(_ account: AccountCode, currency: Currency, asOf date: LedgerDate) throws -> Amount {
        try read { db in
            let sum = try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(amount), 0) FROM postings WHERE account = ? AND currency = ? AND date <= ?
                """, arguments: [account.rawValue, currency.code, date.description]) ?? 0
            return Amount(minorUnits: sum, currency: currency)
        }
    }

    /// Every reversed entry's seq.
    public func reversedEntries() throws -> Set<UInt64> {
        try read { db in Set(try DerivedRows.reversals(db).keys) }
    }

    /// Every reversed entry's seq, with the seq of the entry that reversed it.
    public func reversals() throws -> [UInt64: UInt64] {
        try read { db in try DerivedRows.reversals(db) }
    }
}
