import CanonicalJSON
import Foundation
import GRDB
public import LedgerCore
import LedgerJournal
public import LedgerStore

extension LedgerFile {
    /// Every entry with a posting to `account` or one of its sub-accounts dated
    /// `from`...`through`, in journal order, each with the chain of entries it reverses.
    public func entries(posting account: AccountCode, from: LedgerDate, through: LedgerDate) throws -> [MovingEntry] {
        try read { db in
            guard let settings = try Self.settings(db) else { return [] }
            return try movingEntries(db, settings: settings, account: account, from: from, through: through, reversingOnly: false)
        }
    }

    /// The moving entries of `entries(posting:from:through:)`; with `reversingOnly`, only those
    /// that reverse an earlier entry.
    func movingEntries(
        _ db: Database, settings: LedgerSettings, account: AccountCode, from: LedgerDate, through: LedgerDate, reversingOnly: Bool
    ) throws -> [MovingEntry] {
        // One pass over the moving entries' bodies, and the reversals in memory: a statement
        // per entry was most of the time at 10^5 entries.
        var reverses: [Int64: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT reversal_seq, target_seq FROM reversals") {
            let reversal: Int64 = try row.decode(atIndex: 0)
            reverses[reversal] = try row.decode(atIndex: 1)
        }
        func parse(_ bytes: Data) throws -> EntryBody {
            try EntryBody(storedBytes: [UInt8](bytes), fundCurrency: settings.currency)
        }
        let single = try db.cachedStatement(sql: "SELECT body FROM journal WHERE seq = ?")
        func body(_ seq: Int64) throws -> EntryBody {
            guard let bytes = try Data.fetchOne(single, arguments: [seq]) else {
                throw StoreError(.damaged, "entry \(seq) has postings but no journal row: run vtf verify")
            }
            return try parse(bytes)
        }
        // The account and its sub-accounts as two ranges of the postings_by_account index
        // ("1100", then "1100." up to "1100/", '/' being the byte after '.'), so only the
        // account's own postings are read, not every posting of the ledger.
        let reversing = reversingOnly ? "AND seq IN (SELECT reversal_seq FROM reversals WHERE target_seq < reversal_seq)" : ""
        let rows = try Row.fetchCursor(db, sql: """
            SELECT seq, body FROM journal WHERE seq IN (
                SELECT seq FROM postings WHERE account = ?1 AND date >= ?2 AND date <= ?3
                UNION
                SELECT seq FROM postings WHERE account >= ?1 || '.' AND account < ?1 || '/' AND date >= ?2 AND date <= ?3)
            \(reversing)
            ORDER BY seq
            """, arguments: [account.rawValue, from.description, through.description])
        var moving: [MovingEntry] = []
        while let row = try rows.next() {
            let seq: Int64 = try row.decode(atIndex: 0)
            var chain = [try parse(try row.decode(atIndex: 1))]
            var current = seq
            while let target = reverses[current], target < current {
                chain.append(try body(target))
                current = target
            }
            moving.append(MovingEntry(chain: chain))
        }
        return moving
    }
}
