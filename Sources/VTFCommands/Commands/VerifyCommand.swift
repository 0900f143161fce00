import ArgumentParser
import LedgerJournal
import LedgerStore

/// `vtf verify`: the whole ledger replayed and checked, through the store seam.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the whole ledger: every signature, the chain, the rules, the checkpoints, the derived tables.",
        discussion: """
            Prints `ok: N entries, root HEX` and exits 0, or names the first bad entry and why and \
            exits 1. HEX is the RFC 9162 Merkle root over all entries: compare it with a checkpoint \
            held outside the ledger (an auditor's, a donor's statement) to know nothing was rewritten.
            """)

    @OptionGroup var global: LedgerOptions
    @OptionGroup var output: FormatOption

    @OptionGroup var threads: ThreadsOption

    func run() async throws {
        let ledger = try await global.openReading()
        let count = threads.count
        if output.isJSON { return try await Self.verifyJSON(ledger, threads: count) }
        let result: StoreVerification
        do {
            result = try await ledger.verify(threads: count, progress: { Terminal.progress("verified \($0) entries") })
            Terminal.endProgress()
        } catch let failure as VerificationFailure {
            Terminal.endProgress()
            print("FAILED: \(failure)")
            throw ExitCode(1)
        }
        guard result.differences.isEmpty else {
            print("FAILED: the journal verifies (\(result.entryCount) entries), but derived tables differ from it:")
            for difference in result.differences.prefix(20) { print("  \(difference)") }
            if result.differences.count > 20 { print("  … and \(result.differences.count - 20) more") }
            throw ExitCode(1)
        }
        print("ok: \(result.entryCount) entries, root \(result.root.hex)")
    }

    /// Runs a replay of the journal with a progress line on a terminal; a journal that does
    /// not verify prints `failure` and its reason, and exits 1.
    static func replaying(
        verb: String, failure prefix: String, _ run: (@escaping @Sendable (UInt64) -> Void) async throws -> StoreVerification
    ) async throws -> StoreVerification {
        do {
            let result = try await run { Terminal.progress("\(verb) \($0) entries") }
            Terminal.endProgress()
            return result
        } catch let failure as VerificationFailure {
            Terminal.endProgress()
            print("\(prefix)\(failure)")
            throw ExitCode(1)
        }
    }
}
