import ArgumentParser
import LedgerStore

/// `vtf log vkey`: the log's verifier key, read through the store seam.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "The ledger's log key.",
        discussion: """
            The log key signs every checkpoint; vtf log vkey prints the key that checks them.
            Example:  vtf log vkey
            """,
        subcommands: [VerifierKey.self])

    struct VerifierKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vkey",
            abstract: "Print the log's verifier key (origin+keyid+base64), which checks every checkpoint.",
            discussion: """
                Publish it: with it alone, auditors and donors check checkpoints, proofs, statements and audit \
                bundles offline.
                Example:  vtf log vkey
                """)

        @OptionGroup var global: LedgerOptions

        func run() async throws {
            print(try await global.openReading().logVerifierKey())
        }
    }
}
