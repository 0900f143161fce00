import ArgumentParser
import AuditBundle
import Foundation
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import SafeIO

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Export the whole signed history to a folder, and verify such a folder offline.",
        discussion: """
            A bundle holds everything an auditor needs; vtf audit verify needs nothing but the bundle and the \
            log's verifier key.
            Example:  vtf audit export bundle/ ; vtf audit verify bundle/ --vkey VKEY
            """,
        subcommands: [Export.self, Verify.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an audit bundle: journal, every checkpoint, every public key, a MANIFEST and a README.",
            discussion: "Give the folder to the auditors; they check it with `vtf audit verify DIR --vkey VKEY` or with openssl alone.")

        @OptionGroup var global: LedgerOptions

        @Argument(help: ArgumentHelp("A new (or empty) folder.", valueName: "dir"))
        var folder: String?

        @Option(help: ArgumentHelp("The folder, as the other commands name their output (the same as DIR).", valueName: "dir"))
        var out: String?

        @Flag(help: "Replace an earlier audit bundle in that folder (never a ledger or any other folder).")
        var force = false

        /// The folder, given as DIR or as --out DIR: one of them, once.
        var dir: String { folder ?? out ?? "" }

        func validate() throws {
            switch (folder, out) {
            case (nil, nil): throw ValidationError("give the folder to write: vtf audit export DIR (or --out DIR)")
            case (.some, .some): throw ValidationError("give the folder once: as DIR or as --out DIR, not both")
            default: return
            }
        }

        func run() async throws {
            let summary = try await BundleFolder.export(try await global.openReading(), to: dir, guard: global.outputGuard(), force: force)
            Terminal.note("wrote \(dir): \(summary.entryCount) entries, \(summary.checkpointCount) checkpoints, \(summary.keyCount) keys")
            Terminal.note("auditors check it with:  vtf audit verify \(dir) --vkey '\(try String(contentsOfFile: dir + "/" + BundleLayout.logVerifierKey, encoding: .utf8).trimmingCharacters(in: .newlines))'")
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify an audit bundle offline, trusting only the log's verifier key.",
            discussion: """
                Checks the MANIFEST, every entry's signature, the hash chain, each signer's key and role \
                at the time of its entry, the balance rule and the other rules, that every checkpoint is \
                signed by the log key and signs the Merkle root the journal has at its size (so each \
                checkpoint extends the one before), and that keys/ holds exactly the registered keys. \
                Prints `ok: …` and exits 0, or names the first problem and exits 1. Memory stays flat \
                however long the journal is.
                """)

        @Argument(help: "The bundle folder.")
        var dir: String

        @Option(help: ArgumentHelp("The log's verifier key (origin+keyid+base64), obtained from the fund separately.", valueName: "vkey"))
        var vkey: String

        @OptionGroup var threads: ThreadsOption

        func run() throws {
            try InputFile.checkFolder(dir, what: "the bundle")
            do {
                let result = try BundleVerify.verify(dir, vkey: vkey, threads: threads.count, refs: try TemporaryRefIndex()) {
                    Terminal.progress("verified \($0) entries")
                }
                Terminal.endProgress()
                print("ok: \(result.entryCount) entries, \(result.checkpointCount) checkpoints, \(result.keyCount) keys, root \(result.root.hex)")
            } catch let failure as BundleFailure {
                Terminal.endProgress()
                print("FAILED: \(failure)")
                throw ExitCode(1)
            } catch let failure as VerificationFailure {
                Terminal.endProgress()
                print("FAILED: journal.jsonl line \(failure.seq + 1): \(failure)")
                throw ExitCode(1)
            }
        }
    }
}
