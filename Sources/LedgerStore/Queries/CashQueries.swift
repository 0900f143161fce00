import CanonicalJSON
import Foundation
import GRDB
public import LedgerCore
public import LedgerLog

/// An entry that moved an account within a period, with what it reverses: `chain[0]` is the
/// entry itself, `chain[1]` the entry it reverses (if it is a reversal), and so on down to an
/// entry that reverses nothing. The statement of cash flows classifies a reversal's cash by the
/// entry it undoes.
public struct MovingEntry: Sendable {
    public let chain: [EntryBody]

    public var entry: EntryBody { chain[0] }
    /// The entry at the bottom of the chain: the one whose cash a reversal undoes.
    public var origin: EntryBody { chain[chain.count - 1] }
}

extension LedgerFile {
    /// Every entry with a posting to `account` or one of its sub-accounts dated
    /// `from`...`through`, in journal order, each with the chain of entries it reverses.
    public func entries(posting account: AccountCode, from: LedgerDate, through: LedgerDate) throws -> [MovingEntry] {
        try read { db in
            guard let settings = try Self.settings(db) else { return [] }
            let seqs = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT seq FROM postings
                WHERE (account = ?1 OR substr(account, 1, length(?1) + 1) = ?1 || '.') AND date >= ?2 AND date <= ?3
                ORDER BY seq
                """, arguments: [account.rawValue, from.description, through.description])
            func body(_ seq: Int64) throws -> EntryBody {
                guard let bytes = try Data.fetchOne(db, sql: "SELECT body FROM journal WHERE seq = ?", arguments: [seq]) else {
                    throw StoreError.system("entry \(seq) has postings but no journal row: run vtf verify")
                }
                return try EntryBody(json: try JSONParser.parse([UInt8](bytes)), fundCurrency: settings.currency)
            }
            return try seqs.map { seq in
                var chain = [try body(seq)]
                var current = seq
                while let target = try Int64.fetchOne(db, sql: "SELECT target_seq FROM reversals WHERE reversal_seq = ?", arguments: [current]),
                    target < current
                {
                    chain.append(try body(target))
                    current = target
                }
                return MovingEntry(chain: chain)
            }
        }
    }
}
