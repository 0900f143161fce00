import ArgumentParser
import LedgerStore

/// `vtf store`: moving a ledger between stores (a SQLite file today; a PostgreSQL database where
/// the build has that store).
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Move a ledger between stores, and prepare a PostgreSQL schema for one.",
        discussion: """
            A ledger is kept in a store: a SQLite file (the default), or a schema of a PostgreSQL \
            database (--ledger postgresql://USER@HOST[:PORT]/DB?schema=NAME). `vtf store copy` moves \
            one into a new store without signing anything again: the copy holds the very entries, \
            checkpoints and cosignatures of its source, and both are verified before it says ok. \
            `vtf store migrate` creates or upgrades a PostgreSQL ledger's tables, as the schema's owner.
            """,
        subcommands: [StoreCopyCommand.self, StoreMigrateCommand.self])
}

/// `vtf store copy --from LEDGER --to LEDGER`.
struct StoreCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a ledger into a new, empty store, then verify both: same entries, same root.",
        discussion: """
            Verifies the ledger --from names, then copies its journal entry by entry as it was \
            signed (nothing is signed again, so no key is needed), with every checkpoint at its \
            size and every cosignature, into the new ledger --to names, whose own rules re-derive \
            every table; then verifies the copy. Prints `ok: N entries, root HEX` when both \
            verify with the same root. --to must not exist yet (a refusal changes nothing); if \
            the copy fails part-way, what was written there is removed. The copy records where \
            the log key is, as the source does.
            Example:  vtf store copy --from books.vtf --to books-copy.vtf
            """)

    @Option(name: .customLong("from"), help: ArgumentHelp("The ledger to copy (a ledger file or a postgresql:// URL).", valueName: "ledger"))
    var source: String

    @Option(name: .customLong("to"), help: ArgumentHelp("The new ledger to copy it into (a path that does not exist yet, or a postgresql:// URL of a schema that holds no ledger).", valueName: "ledger"))
    var destination: String

    @OptionGroup var threads: ThreadsOption

    func run() async throws {
        let from = try StoreLocation(source)
        let to = try StoreLocation(destination)
        let reading = try await from.openReading(rules: .unvtf)
        let outcome = try await Self.copy(from: reading, to: to, threads: threads.count)
        let counts = [
            Self.counted(Int(outcome.entryCount), "entry", "entries"), Self.counted(outcome.checkpointCount, "checkpoint", "checkpoints"),
        ].joined(separator: ", ") + " and " + Self.counted(outcome.cosignatureCount, "cosignature", "cosignatures")
        print("copied \(counts) from \(source) to \(destination)")
        print("ok: \(outcome.entryCount) entries, root \(outcome.rootHex), on both")
    }

    /// `1 entry`, `2 entries`.
    static func counted(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }

    /// Creates the destination, copies into it, and removes it again if the copy fails.
    @inline(never)
    static func copy(from source: any LedgerReading, to location: StoreLocation, threads: Int) async throws -> StoreCopy.Outcome {
        do {
            let outcome = try await copyInto(location, from: source, threads: threads)
            Terminal.endProgress()
            return outcome
        } catch let error as StoreCopy.DestinationRefused {
            throw error.reason
        } catch {
            Terminal.endProgress()
            location.removeIncompleteCopy()
            throw error
        }
    }

    /// The copy itself; the destination is released when it returns, before any removal.
    @inline(never)
    private static func copyInto(_ location: StoreLocation, from source: any LedgerReading, threads: Int) async throws -> StoreCopy.Outcome {
        let destination: any LedgerWriting
        do { destination = try await location.createEmpty(rules: .unvtf) } catch {
            throw StoreCopy.DestinationRefused(reason: error)
        }
        let copy = StoreCopy(source: source, destination: destination, threads: threads) { Terminal.progress($0) }
        return try await copy.run()
    }
}
