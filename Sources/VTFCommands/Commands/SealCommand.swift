import ArgumentParser
import LedgerCore
import LedgerJournal

/// `vtf seal --as-of D`: a `balances.seal` entry (issue 17 point 1).
struct SealCommand: AsyncParsableCommand, FormatSelecting {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Seal every balance as of a date in the journal, so that any one can be proven.",
        discussion: """
            Writes a balances.seal entry: the root of a Merkle tree whose leaves are every non-zero \
            balance of every account and currency, counting postings dated on or before --as-of. The \
            ledger computes the tree inside the write; vtf verify recomputes every seal from the journal \
            and refuses one that differs. Then vtf prove balance ACCOUNT --as-of D proves any balance \
            against a signed checkpoint, for anyone to check offline. Needs a fund manager's or an \
            approving officer's key. The year-end close (as of 31 December, before its closing \
            postings and again after them) and every bank reconciliation committed (as of the \
            statement's last day) write seals of their own. A donor statement or a report with \
            --proofs proves its balances by the seal as of its last day, and its flows by that one \
            less the seal of the day before its first: seal those days, e.g. every month end.
            Example:  vtf seal --as-of 2025-12-31
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Option(help: "The last day counted (YYYY-MM-DD; default: the entry's date).")
    var asOf: String?

    @Option(help: "The entry's date, on or after --as-of (default: today).")
    var date: String?

    @Option(help: "What the seal is for, for people (e.g. \"Year-end 2025\").")
    var memo: String?

    func run() async throws {
        let day = try parseDate(date)
        let sealed = try asOf.map { try parseDate($0, option: "--as-of") } ?? day
        guard sealed <= day else { throw InputError(Self.lateAsOf(sealed, entryDate: day, dated: date != nil)) }
        let ledger = try await global.openWriting()
        let entry = try await global.record(.balancesSeal(asOf: sealed, date: day, memo: memo), in: ledger)
        let leaves = entry.body.data["leaves"]?.integerValue ?? 0
        let root = entry.body.data["root"]?.stringValue ?? ""
        print("sealed \(leaves) balances as of \(sealed) in entry \(entry.body.seq): root \(root)")
    }

    /// Why `--as-of` after the entry's date is refused, with the options that fix it.
    static func lateAsOf(_ asOf: LedgerDate, entryDate: LedgerDate, dated: Bool) -> String {
        if dated {
            return "--as-of \(asOf) is after --date \(entryDate): a seal is dated on or after the last day it counts; "
                + "give --date \(asOf) or later, or leave --date out (today)"
        }
        return "--as-of \(asOf) is after today (\(entryDate)): a seal counts days that have ended; "
            + "give --as-of \(entryDate) or earlier (or date the seal itself with --date)"
    }
}
