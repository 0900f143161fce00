import CanonicalJSON
import Foundation
import GRDB
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore

/// Reads and writes the derived tables. Rows are written only from ``LedgerEffect``s, and read
/// back both for queries and for `vtf verify`'s comparison with a replay of the journal.
enum DerivedRows {
    static func insertSettings(_ settings: LedgerSettings, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO ledger_settings (id, origin, fund_name, currency) VALUES (1, ?, ?, ?)",
            arguments: [settings.origin, settings.fundName, settings.currency.code])
    }

    static func insertKey(_ key: KeyState, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO keys (key_id, public_key, holder, name, roles, registered_seq, revoked_seq, revoke_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                key.record.keyID, Data(key.record.publicKey.rawRepresentation), key.record.holder, key.record.name,
                key.record.roles.map(\.rawValue).joined(separator: ","), Int64(key.registeredSeq),
                key.revokedSeq.map(Int64.init), key.revokeReason,
            ])
    }

    static func insertAccount(_ account: AccountState, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO accounts (code, name, type, opened_seq, closed_seq) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                account.code.rawValue, account.name, account.type.rawValue, Int64(account.openedSeq),
                account.closedSeq.map(Int64.init),
            ])
    }

    static func insertPostings(seq: UInt64, date: LedgerDate, _ postings: [Posting], _ db: Database) throws {
        let insert = try PreparedStatement(db, sql: """
            INSERT INTO postings (seq, line, date, account, currency, amount, value) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let dateText = date.description
        for (line, posting) in postings.enumerated() {
            insert.bind(1, Int64(seq))
            insert.bind(2, Int64(line))
            insert.bind(3, dateText)
            insert.bind(4, posting.account.rawValue)
            insert.bind(5, posting.amount.currency.code)
            insert.bind(6, posting.amount.minorUnits)
            insert.bind(7, posting.value.minorUnits)
            try insert.run()
        }
    }

    static func keys(_ db: Database) throws -> [KeyState] {
        try Row.fetchAll(db, sql: """
            SELECT key_id, public_key, holder, name, roles, registered_seq, revoked_seq, revoke_reason
            FROM keys ORDER BY registered_seq, key_id
            """).map { row in
            let keyID: String = (try row.decode(atIndex: 0))
            let raw: Data = (try row.decode(atIndex: 1))
            let publicKey = try Ed25519PublicKey(rawRepresentation: [UInt8](raw))
            let roles = try ((try row.decode(atIndex: 4)) as String).split(separator: ",").map { try Role(parsing: String($0)) }
            let record = KeyRecord(publicKey: publicKey, holder: (try row.decode(atIndex: 2)), name: (try row.decode(atIndex: 3)), roles: roles)
            guard record.keyID == keyID else {
                throw StoreError(.damaged, "the keys table holds key \(keyID) with another public key; run vtf verify")
            }
            return KeyState(record: record, registeredSeq: (try row.decode(atIndex: 5)), revokedSeq: (try row.decode(atIndex: 6)), revokeReason: (try row.decode(atIndex: 7)))
        }
    }

    static func accounts(_ db: Database) throws -> [AccountState] {
        try Row.fetchAll(db, sql: "SELECT code, name, type, opened_seq, closed_seq FROM accounts ORDER BY code").map { row in
            let typeText: String = (try row.decode(atIndex: 2))
            guard let type = AccountType(rawValue: typeText) else {
                throw StoreError(.damaged, "account \((try row.decode(atIndex: 0)) as String) has unknown type \(typeText); run vtf verify")
            }
            return AccountState(code: try AccountCode((try row.decode(atIndex: 0))), name: (try row.decode(atIndex: 1)), type: type, openedSeq: (try row.decode(atIndex: 3)), closedSeq: (try row.decode(atIndex: 4)))
        }
    }

    /// Every balance line, sorted by account and currency.
    static func balances(_ db: Database) throws -> [(BalanceKey, BalanceTotals)] {
        try Row.fetchAll(db, sql: "SELECT account, currency, amount, value FROM balances ORDER BY account, currency").map { row in
            (BalanceKey(account: try AccountCode((try row.decode(atIndex: 0))), currency: try Currency(code: (try row.decode(atIndex: 1)))),
             BalanceTotals(amountMinor: (try row.decode(atIndex: 2)), valueMinor: (try row.decode(atIndex: 3))))
        }
    }

    static func reversals(_ db: Database) throws -> [UInt64: UInt64] {
        var reversals: [UInt64: UInt64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT target_seq, reversal_seq FROM reversals") {
            reversals[(try row.decode(atIndex: 0))] = (try row.decode(atIndex: 1))
        }
        return reversals
    }

    static func putRecord(_ record: StateRecord, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO fund_records (collection, id, seq, fields) VALUES (?, ?, ?, ?)
                ON CONFLICT (collection, id) DO UPDATE SET seq = excluded.seq, fields = excluded.fields
                """,
            arguments: [record.collection, record.id, Int64(record.seq), Data(record.canonicalFields)])
    }

    static func removeRecord(_ collection: String, _ id: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM fund_records WHERE collection = ? AND id = ?", arguments: [collection, id])
    }

    static func record(_ collection: String, _ id: String, _ db: Database) throws -> StateRecord? {
        try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT collection, id, seq, fields FROM fund_records WHERE collection = ? AND id = ?"),
            arguments: [collection, id]
        ).map(fundRecord)
    }

    static func records(_ collection: String, _ db: Database) throws -> [StateRecord] {
        try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT collection, id, seq, fields FROM fund_records WHERE collection = ? ORDER BY id"),
            arguments: [collection]
        ).map(fundRecord)
    }

    /// Every fund record, ordered by collection and id.
    static func allRecords(_ db: Database) throws -> [StateRecord] {
        try Row.fetchAll(db, sql: "SELECT collection, id, seq, fields FROM fund_records ORDER BY collection, id").map(fundRecord)
    }

    static func fundRecord(_ row: Row) throws -> StateRecord {
        let collection: String = (try row.decode(atIndex: 0))
        let id: String = (try row.decode(atIndex: 1))
        let bytes: Data = (try row.decode(atIndex: 3))
        guard let fields = (try? JSONParser.parse([UInt8](bytes)))?.objectValue else {
            throw StoreError(.damaged, "fund record \(collection)/\(id) is not a JSON object; run vtf verify")
        }
        return StateRecord(collection: collection, id: id, seq: (try row.decode(atIndex: 2)), fields: fields)
    }
}
