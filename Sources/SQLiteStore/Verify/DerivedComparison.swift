import TransparencyLog
import Foundation
import GRDB
import LedgerCore
import LedgerJournal
import LedgerStore

/// Compares the derived tables with the state a replay of the journal produced: the rows are
/// read here, the comparison is LedgerStore's (`DerivedTables`), shared with the PostgreSQL store.
enum DerivedComparison {
    static func compare(_ snapshot: LedgerSnapshot, db: Database) throws -> [String] {
        DerivedTables(
            settings: try LedgerFile.settings(db), keys: try DerivedRows.keys(db), accounts: try DerivedRows.accounts(db),
            balances: try DerivedRows.balances(db), records: try DerivedRows.allRecords(db), reversals: try DerivedRows.reversals(db)
        ).differences(from: snapshot)
    }

    static func compareTree(_ report: VerificationReport, db: Database) throws -> [String] {
        DerivedTables.treeDifferences(frontier: { try Checkpointer.frontier(db) }, entryCount: report.entryCount, root: report.root)
    }
}
