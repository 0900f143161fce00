import TransparencyLog
import Foundation
import GRDB
import LedgerCore
import LedgerJournal
import LedgerStore

/// Compares the derived tables with the state a replay of the journal produced.
enum DerivedComparison {
    static func compare(_ snapshot: LedgerSnapshot, db: Database) throws -> [String] {
        var differences: [String] = []
        if try LedgerFile.settings(db) != snapshot.settings {
            differences.append("ledger_settings table differs from the genesis entry")
        }
        let keys = try DerivedRows.keys(db)
        let keyIDs = Set(keys.map(\.record.keyID))
        for key in keys where snapshot.keys[key.record.keyID] != key {
            differences.append("keys table: key \(key.record.keyID.prefix(16))… (\(key.record.name)) differs from the journal")
        }
        for id in snapshot.keys.keys.sorted() where !keyIDs.contains(id) {
            differences.append("keys table: key \(id.prefix(16))… is missing")
        }
        let accounts = try DerivedRows.accounts(db)
        for account in accounts where snapshot.accounts[account.code] != account {
            differences.append("accounts table: account \(account.code) differs from the journal")
        }
        let codes = Set(accounts.map(\.code))
        for code in snapshot.accounts.keys.sorted() where !codes.contains(code) {
            differences.append("accounts table: account \(code) is missing")
        }
        differences += try compareBalances(snapshot, db: db)
        differences += try compareRecords(snapshot, db: db)
        if try DerivedRows.reversals(db) != snapshot.reversals {
            differences.append("reversals table differs from the journal's reversal entries")
        }
        return differences
    }

    static func compareBalances(_ snapshot: LedgerSnapshot, db: Database) throws -> [String] {
        var differences: [String] = []
        let stored = try DerivedRows.balances(db)
        for (key, totals) in stored where snapshot.balances[key] != totals {
            let want = snapshot.balances[key] ?? BalanceTotals()
            differences.append(
                "balances table: \(key.account) \(key.currency) is \(Amount(minorUnits: totals.amountMinor, currency: key.currency).decimalString), the journal gives \(Amount(minorUnits: want.amountMinor, currency: key.currency).decimalString)")
        }
        let storedKeys = Set(stored.map(\.0))
        for key in snapshot.balances.keys.sorted() where !storedKeys.contains(key) {
            differences.append("balances table: the line for \(key.account) \(key.currency) is missing")
        }
        return differences
    }

    static func compareRecords(_ snapshot: LedgerSnapshot, db: Database) throws -> [String] {
        var differences: [String] = []
        var seen: Set<String> = []
        for stored in try DerivedRows.allRecords(db) {
            seen.insert(stored.collection + "/" + stored.id)
            guard let replayed = snapshot.record(stored.collection, stored.id) else {
                differences.append("fund_records table: \(stored.collection) \(stored.id) is not in the journal")
                continue
            }
            if replayed.seq != stored.seq || replayed.canonicalFields != stored.canonicalFields {
                differences.append("fund_records table: \(stored.collection) \(stored.id) differs from the journal (entry \(replayed.seq))")
            }
        }
        for (collection, records) in snapshot.fundRecords.sorted(by: { $0.key < $1.key }) {
            for id in records.keys.sorted() where !seen.contains(collection + "/" + id) {
                differences.append("fund_records table: \(collection) \(id) is missing")
            }
        }
        return differences
    }

    static func compareTree(_ report: VerificationReport, db: Database) throws -> [String] {
        guard report.entryCount > 0 else { return [] }
        let frontier: MerkleFrontier
        do { frontier = try Checkpointer.frontier(db) } catch {
            return ["tree_state table: \(error)"]
        }
        guard frontier.size == report.entryCount, frontier.root == report.root else {
            return ["tree_state table: the stored Merkle frontier (size \(frontier.size)) does not match the journal (size \(report.entryCount))"]
        }
        return []
    }
}
