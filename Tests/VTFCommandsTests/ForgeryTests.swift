import CanonicalJSON
import Foundation
import GRDB
import LedgerCrypto
import Testing

/// Issue 10, items 4 and 5: write access to the ledger file, without any key, must not make a
/// statement "audited" nor move a figure vtf signs.
@Suite("Forged audits and edited tables are caught")
struct ForgeryTests {
    private func statement(_ fund: FundLedger, _ name: String) -> [String] {
        ["statement", "--donor", "BEL", "--from", "2026-01-01", "--to", "2026-12-31", "--out", fund.base.dir + "/\(name).json"]
    }

    private func json(_ path: String) throws -> JSONObject {
        try #require(try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))).objectValue)
    }

    /// Runs `change` on the ledger file with SQLite alone, as someone with the file but no key.
    private func edit(_ fund: FundLedger, _ change: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: fund.base.ledger)
        try queue.writeWithoutTransaction { db in try change(db) }
        try queue.close()
    }

    @Test func aCosignatureRowInsertedByHandFailsVerifyAndAuditsNothing() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try edit(fund) { db in
            let size = try #require(try Int64.fetchOne(db, sql: "SELECT MAX(size) FROM checkpoints"))
            let junk = Data([0xde, 0xad, 0xbe, 0xef] + [UInt8](repeating: 0x42, count: 72)).base64EncodedString()
            try db.execute(
                sql: "INSERT INTO cosignatures (size, name, key_id, line) VALUES (?, 'test.example/boa', 'deadbeef', ?)",
                arguments: [size, "— test.example/boa \(junk)"])
        }
        let verify = try fund.run(["verify"])
        #expect(verify.status == 1, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("cosignatures table") && verify.stdout.contains("test.example/boa")
                && verify.stdout.contains("no key registered in the ledger as an auditor"), "\(verify.stdout)")
        let wrote = try fund.ok(statement(fund, "bel")).stderr
        #expect(wrote.contains("(unaudited)"), "\(wrote)")
        let made = try json(fund.base.dir + "/bel.json")
        #expect(made["audited_by"] == .array([]))
        #expect(made["checkpoint"]?.objectValue?["note"]?.stringValue?.contains("test.example/boa") == false, "the forged line is passed on")
        let vkey = try fund.ok(["log", "vkey"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let checked = try CLI.vtf(["statement", "verify", fund.base.dir + "/bel.json", "--vkey", vkey], in: fund.base.dir)
        #expect(checked.status == 0 && checked.stdout.contains("unaudited"), "\(checked.stdout)\(checked.stderr)")
        try fund.ok(["audit", "export", fund.base.dir + "/bundle"])
        let bundle = try CLI.vtf(["audit", "verify", fund.base.dir + "/bundle", "--vkey", vkey], in: fund.base.dir)
        #expect(bundle.status == 1 && bundle.stdout.contains("checkpoints/") && bundle.stdout.contains("test.example/boa"),
                "\(bundle.stdout)\(bundle.stderr)")
    }

    @Test func aCosignatureRowOfTheWrongTypeIsNamedNotTrappedOn() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try edit(fund) { db in
            let size = try #require(try Int64.fetchOne(db, sql: "SELECT MAX(size) FROM checkpoints"))
            try db.execute(sql: "INSERT INTO cosignatures (size, name, key_id, line) VALUES (?, 'x', 'y', X'FF00')", arguments: [size])
        }
        let verify = try fund.run(["verify"])
        #expect(verify.status == 1 && verify.stdout.contains("cosignatures table"), "\(verify.stdout)\(verify.stderr)")
        #expect(try fund.ok(statement(fund, "bel")).stderr.contains("(unaudited)"))
    }

    @Test func aKeyTheLedgerDoesNotKnowAsAuditorCannotCosign() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.ok(["key", "generate", "--out", fund.base.key("stranger"), "--name", "Self-made"])
        let cosign = ["checkpoint", "cosign", "--name", "test.example/boa"]
        try fund.refused(cosign, as: "stranger", containing: "vtf key register --role auditor")
        // A registered key without the auditor role is refused as well.
        try fund.refused(cosign, as: "maria", containing: "not registered in this ledger as an auditor key")
    }

    @Test(arguments: [false, true])
    func anEditedJournalEntryIsNeverSigned(alsoLeafHash: Bool) throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try edit(fund) { db in
            try db.execute(sql: "DROP TRIGGER journal_no_update")
            let seq = try #require(try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal WHERE kind = 'contribution.receive'"))
            let body = try #require(try String.fetchOne(db, sql: "SELECT CAST(body AS TEXT) FROM journal WHERE seq = ?", arguments: [seq]))
            #expect(body.contains("50000.00"))
            let edited = Data(body.replacingOccurrences(of: "50000.00", with: "90000.00").utf8)
            try db.execute(sql: "UPDATE journal SET body = ? WHERE seq = ?", arguments: [edited, seq])
            if alsoLeafHash {
                let leaf = Data(SHA256.hash(prefix: 0, [UInt8](edited)).bytes)
                try db.execute(sql: "UPDATE journal SET leaf_hash = ? WHERE seq = ?", arguments: [leaf, seq])
            }
        }
        let refused = try fund.run(statement(fund, "bel"))
        #expect(refused.status == 3, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("the journal does not match its signed checkpoints at entry"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fund.base.dir + "/bel.json"), "a statement was signed")
    }

    @Test(arguments: [
        "UPDATE postings SET amount = amount + 100000000, value = value + 100000000 WHERE (seq, line) = (SELECT seq, line FROM postings WHERE account LIKE '1100%' ORDER BY seq, line LIMIT 1)",
        "UPDATE balances SET amount = amount + 100000000, value = value + 100000000 WHERE account LIKE '1100%'",
    ])
    func aFundBalanceMovedBySQLIsNeverSigned(sql: String) throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let honest = try fund.ok(statement(fund, "before"))
        #expect(honest.status == 0)
        let before = try #require(try json(fund.base.dir + "/before.json")["fund_use"]?.objectValue?["fund_balance"]?.stringValue)
        // Table-only reads: the balances table, and the postings as of a date.
        let tableOnly = { try fund.run(["balance", "--format", "csv"]).stdout + fund.run(["balance", "--format", "csv", "--as-of", "2026-12-31"]).stdout }
        let shownBefore = try tableOnly()
        try edit(fund) { db in try db.execute(sql: sql) }
        #expect(try tableOnly() != shownBefore, "the edit did not reach the tables")
        let refused = try fund.run(statement(fund, "after"))
        #expect(refused.status == 3, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("derived tables do not match the journal at"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fund.base.dir + "/after.json"), "a statement was signed")
        #expect(!before.isEmpty)
    }
}
