import Foundation
import GRDB
import Testing

/// Changing the file behind vtf's back makes `vtf verify` exit 1 and name the entry.
@Suite("Tampering is caught by vtf verify")
struct TamperTests {
    /// A ledger with entries 10…15 being vouchers.
    func ledgerWithVouchers() throws -> TestLedger {
        let ledger = try TestLedger()
        for index in 0..<6 {
            let amount = "\(100 + index).00"
            #expect(try ledger.post(["5100:\(amount)", "1100:-\(amount)"], ref: "P-\(index)").status == 0)
        }
        #expect(try ledger.vtf(["verify"]).stdout.hasPrefix("ok: 16 entries, root "))
        return ledger
    }

    /// Opens the SQLite file directly, with the append-only triggers dropped.
    func tamper(_ ledger: TestLedger, _ change: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: ledger.ledger)
        try queue.writeWithoutTransaction { db in
            for trigger in ["journal_no_update", "journal_no_delete", "journal_in_order_at_checkpoint", "checkpoints_no_delete"] {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
            }
            try change(db)
        }
        try queue.close()
    }

    func expectFailure(_ ledger: TestLedger, _ words: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try ledger.vtf(["verify"])
        #expect(result.status == 1, "status \(result.status): \(result.stdout) \(result.stderr)", sourceLocation: sourceLocation)
        for word in words {
            #expect(result.stdout.contains(word), "\(result.stdout)", sourceLocation: sourceLocation)
        }
    }

    @Test func editedPostingAmountInTheJournal() throws {
        let ledger = try ledgerWithVouchers()
        defer { ledger.remove() }
        try tamper(ledger) { db in
            let body = try #require(try String.fetchOne(db, sql: "SELECT CAST(body AS TEXT) FROM journal WHERE seq = 12"))
            #expect(body.contains("\"102.00\""))
            let edited = body.replacingOccurrences(of: "102.00", with: "902.00")
            try db.execute(sql: "UPDATE journal SET body = ? WHERE seq = 12", arguments: [Data(edited.utf8)])
        }
        try expectFailure(ledger, ["entry 12", "signature does not verify"])
    }

    @Test func flippedByte() throws {
        let ledger = try ledgerWithVouchers()
        defer { ledger.remove() }
        try tamper(ledger) { db in
            var body = [UInt8](try #require(try Data.fetchOne(db, sql: "SELECT body FROM journal WHERE seq = 13")))
            let index = try #require(body.firstIndex(of: UInt8(ascii: "m")))
            body[index] ^= 0x01
            try db.execute(sql: "UPDATE journal SET body = ? WHERE seq = 13", arguments: [Data(body)])
        }
        try expectFailure(ledger, ["entry 13"])
    }

    @Test func deletedLastEntry() throws {
        let ledger = try ledgerWithVouchers()
        defer { ledger.remove() }
        try tamper(ledger) { db in
            try db.execute(sql: "DELETE FROM journal WHERE seq = 15")
        }
        try expectFailure(ledger, ["entry 15", "removed"])
    }

    @Test func deletedLastEntryWithItsCheckpointAndDerivedRows() throws {
        let ledger = try ledgerWithVouchers()
        defer { ledger.remove() }
        try tamper(ledger) { db in
            try db.execute(sql: "DELETE FROM journal WHERE seq = 15")
            try db.execute(sql: "DELETE FROM checkpoints WHERE size = 16")
            try db.execute(sql: "DELETE FROM postings WHERE seq = 15")
        }
        // The balances and the Merkle frontier still remember entry 15.
        try expectFailure(ledger, ["balances table"])
    }

    @Test func swappedEntries() throws {
        let ledger = try ledgerWithVouchers()
        defer { ledger.remove() }
        try tamper(ledger) { db in
            let rows = try Row.fetchAll(db, sql: "SELECT seq, kind, ref, body, sig, leaf_hash FROM journal WHERE seq IN (11, 12) ORDER BY seq")
            try db.execute(sql: "DELETE FROM journal WHERE seq IN (11, 12)")
            for (row, seq) in zip(rows.reversed(), [11, 12]) {
                try db.execute(
                    sql: "INSERT INTO journal (seq, kind, ref, body, sig, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [seq, row[1] as String, row[2] as String?, row[3] as Data, row[4] as Data, row[5] as Data])
            }
        }
        try expectFailure(ledger, ["entry 11", "seq is 12, expected 11"])
    }

    @Test func changedDerivedBalance() throws {
        let ledger = try ledgerWithVouchers()
        defer { ledger.remove() }
        try tamper(ledger) { db in
            try db.execute(sql: "UPDATE balances SET amount = amount + 1, value = value + 1 WHERE account = '5100'")
        }
        try expectFailure(ledger, ["balances table: 5100 USD"])
    }

    @Test func changedPostingsRow() throws {
        let ledger = try ledgerWithVouchers()
        defer { ledger.remove() }
        try tamper(ledger) { db in
            try db.execute(sql: "UPDATE postings SET amount = 1, value = 1 WHERE seq = 14 AND line = 0")
        }
        try expectFailure(ledger, ["entry 14", "postings table"])
    }

    @Test func changedCheckpointRootColumn() throws {
        let ledger = try ledgerWithVouchers()
        defer { ledger.remove() }
        try tamper(ledger) { db in
            try db.execute(sql: "DROP TRIGGER checkpoints_no_update")
            try db.execute(sql: "UPDATE checkpoints SET root = zeroblob(32) WHERE size = 13")
        }
        try expectFailure(ledger, ["entry 12", "checkpoint of size 13", "root stored beside it differs"])
    }

    @Test func forgedSignature() throws {
        let ledger = try ledgerWithVouchers()
        defer { ledger.remove() }
        try tamper(ledger) { db in
            let sig = [UInt8](try #require(try Data.fetchOne(db, sql: "SELECT sig FROM journal WHERE seq = 10")))
            try db.execute(sql: "UPDATE journal SET sig = ? WHERE seq = 10", arguments: [Data(sig.reversed())])
        }
        try expectFailure(ledger, ["entry 10", "signature"])
    }

    @Test func triggersRefuseUpdateAndDelete() throws {
        let ledger = try ledgerWithVouchers()
        defer { ledger.remove() }
        let queue = try DatabaseQueue(path: ledger.ledger)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE journal SET ref = 'x' WHERE seq = 10") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM journal WHERE seq = 15") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM checkpoints") } }
        try queue.close()
        #expect(try ledger.vtf(["verify"]).status == 0)
    }

    /// The order of the journal is checked when a write stores its checkpoint (schema 3): a
    /// checkpoint over a journal with a gap is refused, and its write with it; the same write
    /// without the gap passes (both are rolled back here).
    @Test func checkpointRefusesAGapInTheJournal() throws {
        let ledger = try ledgerWithVouchers()
        defer { ledger.remove() }
        let queue = try DatabaseQueue(path: ledger.ledger)
        /// Copies entry 15 to `seq`, without its ref (which the unique index would refuse), and
        /// stores a checkpoint of `size`, then rolls back.
        func write(seq: Int64, size: Int64) throws {
            try queue.inTransaction { db in
                let row = try #require(try Row.fetchOne(db, sql: "SELECT kind, body, sig, leaf_hash FROM journal WHERE seq = 15"))
                let note = try #require(try Row.fetchOne(db, sql: "SELECT root, note FROM checkpoints ORDER BY size DESC LIMIT 1"))
                try db.execute(
                    sql: "INSERT INTO journal (seq, kind, ref, body, sig, leaf_hash) VALUES (?, ?, NULL, ?, ?, ?)",
                    arguments: [seq, row[0] as String, row[1] as Data, row[2] as Data, row[3] as Data])
                try db.execute(
                    sql: "INSERT INTO checkpoints (size, root, note) VALUES (?, ?, ?)",
                    arguments: [size, note[0] as Data, note[1] as String])
                return .rollback
            }
        }
        let refused = #expect(throws: DatabaseError.self) { try write(seq: 17, size: 18) }
        #expect(refused?.message?.contains("in seq order, without gaps") == true)
        #expect(throws: DatabaseError.self) { try write(seq: 16, size: 18) }
        try write(seq: 16, size: 17)
        try queue.close()
        #expect(try ledger.vtf(["verify"]).stdout.hasPrefix("ok: 16 entries, root "))
    }
}
