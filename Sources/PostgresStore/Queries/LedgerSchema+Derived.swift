import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore

extension LedgerSchema {
    func keys() throws -> [KeyState] {
        try read {
            try session.rows("""
                SELECT key_id, public_key, holder, name, roles, registered_seq, revoked_seq, revoke_reason
                FROM keys ORDER BY registered_seq, key_id
                """).map { row in
                let keyID = try row.text(0)
                let publicKey = try Ed25519PublicKey(rawRepresentation: try row.bytes(1))
                let roles = try row.text(4).split(separator: ",").map { try Role(parsing: String($0)) }
                let record = KeyRecord(publicKey: publicKey, holder: try row.text(2), name: try row.text(3), roles: roles)
                guard record.keyID == keyID else {
                    throw StoreError(.damaged, "the keys table holds key \(keyID) with another public key; run vtf verify")
                }
                return KeyState(
                    record: record, registeredSeq: try row.natural(5), revokedSeq: try row.optionalNatural(6), revokeReason: try row.optionalText(7))
            }
        }
    }

    func accounts() throws -> [AccountState] {
        try read {
            try session.rows("SELECT code, name, type, opened_seq, closed_seq FROM accounts ORDER BY code").map(Self.account)
        }
    }

    /// An account row (code, name, type, opened_seq, closed_seq).
    static func account(_ row: SQLRow) throws -> AccountState {
        let typeText = try row.text(2)
        guard let type = AccountType(rawValue: typeText) else {
            throw StoreError(.damaged, "account \(try row.text(0)) has unknown type \(typeText); run vtf verify")
        }
        return AccountState(
            code: try AccountCode(try row.text(0)), name: try row.text(1), type: type, openedSeq: try row.natural(3),
            closedSeq: try row.optionalNatural(4))
    }

    /// Every balance line, sorted by account and currency.
    func balances() throws -> [(BalanceKey, BalanceTotals)] {
        try read {
            try session.rows("SELECT account, currency, amount, value FROM balances ORDER BY account, currency").map { row in
                (BalanceKey(account: try AccountCode(try row.text(0)), currency: try Currency(code: try row.text(1))),
                 BalanceTotals(amountMinor: try row.int(2), valueMinor: try row.int(3)))
            }
        }
    }

    static let recordColumns = "SELECT collection, id, seq, fields FROM fund_records"

    static func record(_ row: SQLRow) throws -> StateRecord {
        let collection = try row.text(0)
        let id = try row.text(1)
        guard let fields = (try? JSONParser.parse(try row.bytes(3)))?.objectValue else {
            throw StoreError(.damaged, "fund record \(collection)/\(id) is not a JSON object; run vtf verify")
        }
        return StateRecord(collection: collection, id: id, seq: try row.natural(2), fields: fields)
    }

    func fundRecords(_ collection: String) throws -> [StateRecord] {
        try read { try session.rows("\(Self.recordColumns) WHERE collection = $1 ORDER BY id", [.text(collection)]).map(Self.record) }
    }

    func fundRecord(_ collection: String, _ id: String) throws -> StateRecord? {
        try read {
            try session.row("\(Self.recordColumns) WHERE collection = $1 AND id = $2", [.text(collection), .text(id)]).map(Self.record)
        }
    }

    func allFundRecords() throws -> [StateRecord] {
        try read { try session.rows("\(Self.recordColumns) ORDER BY collection, id").map(Self.record) }
    }

    /// Every derived table the replay compares as a whole.
    func derivedTables() throws -> DerivedTables {
        DerivedTables(
            settings: try settings(), keys: try keys(), accounts: try accounts(), balances: try balances(), records: try allFundRecords(),
            reversals: try reversals())
    }
}
