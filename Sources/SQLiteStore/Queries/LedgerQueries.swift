import Foundation
import CanonicalJSON
import GRDB
import LedgerCrypto
public import LedgerCore
public import LedgerJournal
public import LedgerStore

extension LedgerFile {
    /// The trial balance: Σ amount and Σ value per account and currency, as of a date
    /// (inclusive) or of everything. Lines that sum to zero in both are left out.
    public func trialBalance(asOf date: LedgerDate?) throws -> [TrialBalanceRow] {
        try read { db in
            guard let settings = try Self.settings(db) else { return [] }
            let rows: [Row]
            if let date {
                rows = try Row.fetchAll(db, sql: """
                    SELECT account, currency, SUM(amount), SUM(value) FROM postings
                    WHERE date <= ? GROUP BY account, currency ORDER BY account, currency
                    """, arguments: [date.description])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT account, currency, amount, value FROM balances ORDER BY account, currency")
            }
            return try rows.compactMap { row in
                let currency = try Currency(code: (try row.decode(atIndex: 1)))
                let amount: Int64 = (try row.decode(atIndex: 2))
                let value: Int64 = (try row.decode(atIndex: 3))
                guard amount != 0 || value != 0 else { return nil }
                return TrialBalanceRow(
                    account: try AccountCode((try row.decode(atIndex: 0))), amount: Amount(minorUnits: amount, currency: currency),
                    value: Amount(minorUnits: value, currency: settings.currency))
            }
        }
    }

    /// Every account, by code.
    public func accounts() throws -> [AccountState] { try read { db in try DerivedRows.accounts(db) } }

    /// Every key ever registered, in order of registration.
    public func keys() throws -> [KeyState] { try read { db in try DerivedRows.keys(db) } }

    /// How many entries the journal holds.
    public func entryCount() throws -> UInt64 { try read { db in try Tip.read(db).size } }

    /// One entry, as stored.
    public func entry(at seq: UInt64) throws -> SignedEntry? {
        try read { db in
            guard let settings = try Self.settings(db),
                let raw = try JournalTableReader(db: db).readEntry(at: seq)
            else { return nil }
            let body = try EntryBody(json: try JSONParser.parse(raw.bodyBytes), fundCurrency: seq == 0 ? nil : settings.currency)
            guard raw.signature.count == 64 else {
                throw StoreError(.damaged, "entry \(seq) has a signature of \(raw.signature.count) bytes, not 64: the ledger file was changed; run vtf verify")
            }
            return SignedEntry(body: body, bodyBytes: raw.bodyBytes, signature: raw.signature)
        }
    }

    /// Streams the export lines (DESIGN §3) of every entry, in order, in batches.
    public func exportJournal(_ write: ([UInt8]) throws -> Void) throws -> UInt64 {
        try read { db in
            var count: UInt64 = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT body, sig FROM journal ORDER BY seq")
            while let row = try rows.next() {
                let body: Data = (try row.decode(atIndex: 0))
                let sig: Data = (try row.decode(atIndex: 1))
                try write(try JournalRows.exportLine(seq: count, body: [UInt8](body), signature: [UInt8](sig)))
                count += 1
            }
            return count
        }
    }

    /// The latest stored checkpoint note, or the one of size `size`.
    public func checkpoint(size: UInt64? = nil) throws -> String? {
        try read { db in
            if let size {
                return try String.fetchOne(db, sql: "SELECT note FROM checkpoints WHERE size = ?", arguments: [Int64(clamping: size)])
            }
            return try String.fetchOne(db, sql: "SELECT note FROM checkpoints ORDER BY size DESC LIMIT 1")
        }
    }

    /// A local setting of this copy of the ledger (not part of the journal).
    public func localSetting(_ name: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM local_config WHERE name = ?", arguments: [name]) }
    }

    /// Stores a local setting (e.g. `log_key_path`).
    public func setLocalSetting(_ name: String, _ value: String) throws {
        try writeImmediate { db in
            try db.execute(
                sql: "INSERT INTO local_config (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                arguments: [name, value])
        }
    }
}
