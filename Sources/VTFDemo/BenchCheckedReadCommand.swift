public import ArgumentParser
import Foundation
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import VTFCommands

/// The cost of a checked read (Scripts/bench checked-read): ``CheckedJournal`` against a read
/// of the derived tables alone, in one process (not shown in --help).
public struct BenchCheckedReadCommand: ParsableCommand {
    /// `vtf bench-checked-read`: its name, help and discussion.
    public static let configuration = CommandConfiguration(
        commandName: "bench-checked-read",
        abstract: "Time a checked read of this ledger against a table-only read (used by Scripts/bench).",
        discussion: """
            Reads the whole journal checked (signatures, chain and rules), then the trial balance (now and as of \
            today) from the derived tables alone, and prints both times. Reads only.
            Example:  vtf bench-checked-read --ledger bench.ledger
            """,
        shouldDisplay: false)

    @OptionGroup var global: LedgerOptions

    /// The parser makes it and fills the options.
    public init() {}

    /// Runs the command; errors go to VTFCommands' `CommandRunner`, which maps them to exit statuses.
    public func run() throws {
        let ledger = try global.openLedger(readOnly: true)
        var started = Date()
        let checked = try CheckedJournal.check(ledger)
        let checkedSeconds = Date().timeIntervalSince(started)
        started = Date()
        let rows = try ledger.trialBalance(asOf: nil).count + ledger.trialBalance(asOf: LedgerDate.today()).count
        let tableSeconds = Date().timeIntervalSince(started)
        print(String(
            format: "checked read of %llu entries: %.2f s; table-only read (trial balance now and as of today, %d rows): %.2f s",
            checked.entryCount, checkedSeconds, rows, tableSeconds))
    }
}
