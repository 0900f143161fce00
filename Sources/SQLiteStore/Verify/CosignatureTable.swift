import TransparencyLog
import Foundation
import GRDB
import LedgerJournal
import LedgerStore

/// Checks every row of the cosignatures table like the journal is checked: the line parses, its
/// name and key id columns are the line's own, and it verifies over the stored checkpoint with a
/// key the journal registered as an auditor. A row inserted by hand (no key, or a key the ledger
/// never registered) is named, so `vtf verify` fails on it.
enum CosignatureTable {
    /// The rows that do not hold, one sentence each, naming the row.
    /// - Parameter keys: the keys of a replay of the journal (not the keys table).
    static func problems(_ db: Database, keys: [KeyState]) throws -> [String] {
        var problems: [String] = []
        var noteText: (size: Int64, text: String?) = (-1, nil)
        let rows = try Row.fetchCursor(db, sql: "SELECT size, name, key_id, line FROM cosignatures ORDER BY size, name, key_id")
        while let row = try rows.next() {
            // Decoded with checks: a hostile file may hold any type in any column.
            let at = "cosignatures table: the row for the checkpoint of size \((try row.decode(atIndex: 0)) as DatabaseValue) by \((try row.decode(atIndex: 1)) as DatabaseValue) (key id \((try row.decode(atIndex: 2)) as DatabaseValue))"
            guard let size = try? row.decode(Int64.self, atIndex: 0), size > 0, let name = try? row.decode(String.self, atIndex: 1),
                let keyID = try? row.decode(String.self, atIndex: 2), let line = try? row.decode(String.self, atIndex: 3)
            else {
                problems.append("\(at): a column is not of its type")
                continue
            }
            if noteText.size != size { noteText = (size, try checkpointText(db, size: size)) }
            guard let text = noteText.text else {
                problems.append("\(at): there is no signed checkpoint of that size")
                continue
            }
            if let problem = check(line: line, name: name, keyID: keyID, checkpointText: text, size: UInt64(size), keys: keys) {
                problems.append("\(at): \(problem)")
            }
        }
        return problems
    }

    /// What is wrong with one row, or nil when it is a valid cosignature by a registered auditor
    /// key (revoked later or not): LedgerStore's check, shared with the PostgreSQL store.
    static func check(
        line: String, name: String, keyID: String, checkpointText: String, size: UInt64, keys: [KeyState]
    ) -> String? {
        JournalRows.cosignatureProblem(line: line, name: name, keyID: keyID, checkpointText: checkpointText, size: size, keys: keys)
    }

    /// The text of the stored checkpoint of `size` (its log signature is checked by the replay).
    static func checkpointText(_ db: Database, size: Int64) throws -> String? {
        guard let value = try DatabaseValue.fetchOne(db, sql: "SELECT note FROM checkpoints WHERE size = ?", arguments: [size]),
            let note = String.fromDatabaseValue(value)
        else { return nil }
        return try? SignedNote.parse(note).text
    }
}
