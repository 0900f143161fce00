import ArgumentParser
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import SafeIO
import AuditBundle

/// A check that found a problem (exit status 1): an inconsistent checkpoint, a failed proof.
struct CheckFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Print a signed checkpoint (the journal's size and Merkle root, signed by the log key).",
        discussion: """
            vtf stores a C2SP checkpoint after every write. Give checkpoints to people outside the \
            fund (auditors, donors): a later ledger must contain exactly the same history up to each \
            of them, which `vtf prove consistency` and `vtf proof check` show.
            """,
        subcommands: [Show.self, Cosign.self],
        defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print the latest stored checkpoint, or the one of size N, with its cosignatures.",
            discussion: """
                A checkpoint is the journal's size and Merkle root signed by the log key (a C2SP signed note); \
                cosignatures are auditors' witness signatures on it.
                Example:  vtf checkpoint show --size 100
                """)

        @OptionGroup var global: LedgerOptions

        @Option(help: "The checkpoint of this tree size (default: the latest).")
        var size: UInt64?

        func run() async throws {
            let store = try await global.openReading()
            guard let stored = try await store.storedNote(size: size) else {
                throw InputError(size.map { "there is no checkpoint of size \($0) (one is stored after every write)" } ?? "the ledger has no checkpoint yet")
            }
            print(stored.note, terminator: "")
        }
    }

    struct Cosign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As an auditor (witness), cosign the latest checkpoint after checking it extends the last one you cosigned.",
            discussion: """
                --key is your own private key as an auditor, registered in the ledger with role auditor \
                (vtf key register --role auditor): a key the ledger does not know as an auditor is \
                refused (exit 2), since nobody could tell its cosignature from a forged one. The state file (default: KEY.witness.json) remembers the log key you trust and the last \
                checkpoint you cosigned. The new checkpoint must be signed by that log key and be \
                consistent with that checkpoint (a Merkle consistency proof); a rewritten history or a \
                split view is refused with exit status 1 and nothing is cosigned. The first time, the \
                ledger's log key is trusted as it is: compare the printed vkey with one you got from \
                the fund through another channel.

                Example:
                  vtf checkpoint cosign --key boa.pem \\
                      --name un.org/board-of-auditors/witness
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "Your witness name, e.g. un.org/board-of-auditors/witness (no spaces or '+').")
        var name: String

        @Option(help: ArgumentHelp("Your state file (default: KEY.witness.json).", valueName: "file"))
        var state: String?

        func run() async throws {
            let store = try await global.openWriting()
            let keyPath = try global.keyPath()
            let cosigned = try await AuditBundle.Witness.cosign(
                store, key: try global.authorKey(), keyLabel: keyPath, name: name, statePath: state ?? keyPath + ".witness.json",
                timestamp: UInt64(Date().timeIntervalSince1970))
            if let trusted = cosigned.trustedOnFirstUse { Terminal.note("first cosignature: trusting the log key \(trusted)") }
            print(cosigned.note, terminator: "")
            Terminal.note("cosigned size \(cosigned.size) as \(name); your witness vkey: \(cosigned.witnessVerifierKey)")
        }
    }
}
