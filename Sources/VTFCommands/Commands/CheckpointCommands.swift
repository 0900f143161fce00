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

    struct Show: ParsableCommand {
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

        func run() throws {
            let ledger = try global.openLedger(readOnly: true)
            guard let stored = try ledger.storedNote(size: size) else {
                throw InputError(size.map { "there is no checkpoint of size \($0) (one is stored after every write)" } ?? "the ledger has no checkpoint yet")
            }
            print(stored.note, terminator: "")
        }
    }

    struct Cosign: ParsableCommand {
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

                Example:  vtf checkpoint cosign --key boa.pem --name un.org/board-of-auditors/witness
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "Your witness name, e.g. un.org/board-of-auditors/witness (no spaces or '+').")
        var name: String

        @Option(help: ArgumentHelp("Your state file (default: KEY.witness.json).", valueName: "file"))
        var state: String?

        func run() throws {
            let ledger = try global.openLedger()
            let keyPath = try global.keyPath()
            let auditorKey = try global.authorKey()
            try Self.requireRegisteredAuditor(auditorKey.publicKey, keyPath: keyPath, ledger: ledger)
            let statePath = state ?? keyPath + ".witness.json"
            let previous = try WitnessState.load(statePath)
            guard let stored = try ledger.storedNote() else { throw InputError("the ledger has no checkpoint yet") }
            let logKey = try previous?.logVerifierKey ?? ledger.logVerifierKey()
            let checkpoint = try Witness.checkSignedByLog(stored.note, verifierKey: logKey)
            if let previous {
                try Witness.checkConsistent(checkpoint, after: previous, ledger: ledger)
            } else {
                Terminal.note("first cosignature: trusting the log key \(logKey)")
            }
            let text = checkpoint.noteText
            let signature = try Cosignature.sign(
                checkpointText: text, name: name, key: auditorKey, timestamp: UInt64(Date().timeIntervalSince1970))
            do { try ledger.addCosignature(size: checkpoint.size, signature: signature) } catch is RuleViolation where previous?.size == checkpoint.size {
                // Already cosigned by this witness: nothing to add.
            }
            try WitnessState(
                origin: checkpoint.origin, logVerifierKey: logKey, size: checkpoint.size,
                rootBase64: Base64.encode(checkpoint.rootHash.bytes)
            ).save(statePath)
            guard let cosigned = try ledger.storedNote(size: checkpoint.size) else { preconditionFailure("just cosigned") }
            print(cosigned.note, terminator: "")
            Terminal.note("cosigned size \(checkpoint.size) as \(name); your witness vkey: \(Cosignature.verifierKey(name: name, publicKey: auditorKey.publicKey))")
        }

        /// Refuses a key the ledger has not registered with role auditor, or has revoked.
        static func requireRegisteredAuditor(_ publicKey: Ed25519PublicKey, keyPath: String, ledger: LedgerFile) throws {
            let registered = try ledger.keys().first { $0.record.publicKey == publicKey }
            guard let registered, registered.record.roles.contains(.auditor) else {
                throw InputError("\(keyPath) is not registered in this ledger as an auditor key, so its cosignature would prove nothing; the admin registers it first (vtf key register --role auditor --public-key \(keyPath).pub --holder NAME)")
            }
            if let revoked = registered.revokedSeq {
                throw InputError("\(keyPath) is \(registered.record.holder)'s auditor key, revoked by entry \(revoked); cosign with a key that is registered and not revoked")
            }
        }
    }
}

/// What a witness remembers between cosignatures.
struct WitnessState: Codable {
    let origin: String
    let logVerifierKey: String
    let size: UInt64
    let rootBase64: String

    enum CodingKeys: String, CodingKey {
        case origin, size
        case logVerifierKey = "log_vkey"
        case rootBase64 = "root"
    }

    static func load(_ path: String) throws -> WitnessState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data = Data(try InputFile.read(path, kind: .jsonDocument))
        do { return try JSONDecoder().decode(WitnessState.self, from: data) } catch {
            throw InputError("\(path) is not a witness state file: \(error)")
        }
    }

    /// Writes the state atomically (a temporary file renamed over the old one).
    func save(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// The checks a witness makes before cosigning.
enum Witness {
    /// Parses `note` and checks the log's signature; returns the checkpoint.
    static func checkSignedByLog(_ note: String, verifierKey: String) throws -> Checkpoint {
        let verifier = try NoteVerifier(verifierKey: verifierKey)
        do throws(LogCheckpoint.Problem) { return try LogCheckpoint(note: note, verifier: verifier).checkpoint } catch {
            switch error {
            case .otherOrigin(let found, let expected): throw CheckFailure("the checkpoint is for \(found), not \(expected)")
            case .notSigned(let reason): throw CheckFailure("the checkpoint is not signed by the log key \(verifierKey): \(reason)")
            }
        }
    }

    /// Refuses a checkpoint that does not extend the one cosigned before.
    static func checkConsistent(_ checkpoint: Checkpoint, after previous: WitnessState, ledger: LedgerFile) throws {
        guard checkpoint.origin == previous.origin else {
            throw CheckFailure("this ledger is \(checkpoint.origin), but you last cosigned \(previous.origin)")
        }
        guard checkpoint.size >= previous.size else {
            throw CheckFailure("the ledger's latest checkpoint has \(checkpoint.size) entries, fewer than the \(previous.size) you already cosigned: history was truncated or rolled back")
        }
        guard let oldRoot = Base64.decode(previous.rootBase64) else { throw InputError("the witness state holds a malformed root") }
        if checkpoint.size == previous.size {
            guard checkpoint.rootHash.bytes == oldRoot else {
                throw CheckFailure("split view: the checkpoint of size \(checkpoint.size) has a different root than the one you cosigned")
            }
            return
        }
        let proof = try ledger.consistencyProof(oldSize: previous.size, newSize: checkpoint.size)
        do {
            try MerkleVerifier.verifyConsistency(
                oldSize: previous.size, newSize: checkpoint.size, oldRoot: oldRoot, newRoot: checkpoint.rootHash.bytes,
                proof: proof.map(\.bytes))
        } catch {
            throw CheckFailure("the checkpoint of size \(checkpoint.size) is not consistent with the one of size \(previous.size) you cosigned: history was rewritten (\(error))")
        }
    }
}

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "The ledger's log key.",
        discussion: """
            The log key signs every checkpoint; vtf log vkey prints the key that checks them.
            Example:  vtf log vkey
            """,
        subcommands: [VerifierKey.self])

    struct VerifierKey: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vkey",
            abstract: "Print the log's verifier key (origin+keyid+base64), which checks every checkpoint.",
            discussion: """
                Publish it: with it alone, auditors and donors check checkpoints, proofs, statements and audit \
                bundles offline.
                Example:  vtf log vkey
                """)

        @OptionGroup var global: LedgerOptions

        func run() throws {
            print(try global.openLedger(readOnly: true).logVerifierKey())
        }
    }
}
