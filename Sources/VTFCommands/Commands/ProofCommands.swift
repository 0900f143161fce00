import ArgumentParser
import AuditBundle
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
import Statements

struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Print Merkle proofs (RFC 9162) that others check against signed checkpoints.",
        discussion: """
            An inclusion proof shows an entry is in the journal a checkpoint signs; a consistency proof shows a \
            later checkpoint extends an earlier one, nothing rewritten; a balance proof shows an account's \
            balance as of a date, from a balances seal (vtf seal). vtf proof check checks each offline.
            Example:  vtf prove inclusion 7
            """,
        subcommands: [Inclusion.self, Consistency.self, Balance.self])

    struct Inclusion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove that entry SEQ is in the tree of N entries.",
            discussion: """
                Prints {"leaf_index", "tree_size", "leaf_hash", "path": [hex…]} (Schemas/json/inclusion-proof.schema.json). \
                Check it with: vtf proof check --checkpoint CHECKPOINT --vkey VKEY --proof PROOF --entry LINE
                --format tlog-proof prints a C2SP tlog-proof instead (c2sp.org/tlog-proof): the entry's journal line \
                (as its extra data), the proof and the signed checkpoint with its cosignatures, in one file that \
                vtf proof check --proof FILE --vkey VKEY checks alone.
                Example:  vtf prove inclusion 7 --format tlog-proof > entry-7.tlog-proof
                """)

        @OptionGroup var global: LedgerOptions

        @Argument(help: "The entry's seq (its leaf index).")
        var seq: UInt64

        @Option(help: "The tree size (default: the latest checkpoint's).")
        var size: UInt64?

        enum Format: String, ExpressibleByArgument, CaseIterable { case json, tlogProof = "tlog-proof" }

        @Option(help: "json (the proof alone), or tlog-proof (C2SP: the entry's journal line, its proof and the signed checkpoint, in one file).")
        var format: Format = .json

        func run() async throws {
            let store = try await global.openReading()
            let latest = size == nil ? try await store.latestNote()?.size : nil
            guard let treeSize = size ?? latest else { throw InputError("the ledger has no checkpoint yet") }
            let proof = try await store.inclusionProof(seq: seq, size: treeSize)
            switch format {
            case .json:
                print(try ProofDocuments.inclusion(seq: seq, treeSize: treeSize, leafHash: proof.leafHash, path: proof.path))
            case .tlogProof:
                guard let note = try await store.storedNote(size: treeSize), let entry = try await store.entry(at: seq) else {
                    throw InputError("no signed checkpoint of size \(treeSize) is stored; give --size of one (vtf checkpoint list)")
                }
                print(TLogProof(extra: entry.exportLine(), index: seq, path: proof.path, checkpoint: note.note).text, terminator: "")
            }
        }
    }

    struct Balance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove an account's balance as of a date, from a balances seal, to the latest checkpoint.",
            discussion: """
                Prints a vtf-balance-proof/1 document (Schemas/json/balance-proof.schema.json): the balance's leaf \
                and its path to the root of the latest balances seal as of --as-of (vtf seal), the seal entry's \
                journal line and its inclusion proof, and the signed checkpoint. A zero balance is proven by the \
                two leaves around its place. Anyone checks it offline with the log's vkey: \
                vtf proof check --proof FILE --vkey VKEY (Audit/BALANCE-PROOFS.md shows it by hand). When an entry \
                dated on or before --as-of was recorded after the latest seal of that day, the books' balance is no \
                longer the seal's: vtf refuses and says to seal again, or to prove what that seal held (--seal SEQ).
                Example:
                  vtf prove balance 1100 --currency EUR --as-of 2025-12-31 > cash-eur.json
                """)

        @OptionGroup var global: LedgerOptions

        @Argument(help: "The account's code.")
        var account: String

        @Option(help: "The currency (default: the fund currency).")
        var currency: String?

        @Option(help: "The seal's date (YYYY-MM-DD).")
        var asOf: String

        @Option(help: ArgumentHelp(
            "Prove what this seal entry held (a balances.seal as of --as-of), even if entries recorded after it changed the balance as of that day.",
            valueName: "seq"))
        var seal: UInt64?

        func run() async throws {
            let date = try parseDate(asOf, option: "--as-of")
            let code = try AccountCode(account)
            let store = try await global.openReading()
            guard let settings = try await store.settings() else { throw InputError("the ledger has no genesis entry") }
            let currency = try currency.map { try Currency(code: $0) } ?? settings.currency
            do {
                let proof = try await BalanceProof.make(store, account: code, currency: currency, asOf: date, seal: seal)
                print(try JSONCanonicalizer.canonicalString(proof.json))
            } catch let error as BalanceProofError {
                if error.kind == .failed { throw StoreError(.damaged, error.message) }
                throw InputError(error.message)
            }
        }
    }

    struct Consistency: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove that the tree of OLD entries is a prefix of the tree of NEW entries.",
            discussion: """
                Prints {"old_size", "new_size", "path": [hex…]} (Schemas/json/consistency-proof.schema.json). \
                Check it with: vtf proof check --checkpoint NEW --old-checkpoint OLD --vkey VKEY --proof PROOF
                """)

        @OptionGroup var global: LedgerOptions

        @Argument(help: "The older tree size.")
        var old: UInt64

        @Argument(help: "The newer tree size.")
        var new: UInt64

        func run() async throws {
            let store = try await global.openReading()
            let path = try await store.consistencyProof(oldSize: old, newSize: new)
            print(try ProofDocuments.consistency(oldSize: old, newSize: new, path: path))
        }
    }
}

struct ProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proof", abstract: "Check proofs offline, without any ledger.",
        discussion: """
            Example:
              vtf proof check --checkpoint cp.note --vkey VKEY --proof p.json \\
                  --entry LINE
            """,
        subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an inclusion or consistency proof against a checkpoint signed by the log.",
            discussion: """
                Needs no ledger: only the signed checkpoint, the log's verifier key (vkey) and the proof. \
                For an inclusion proof, --entry gives the journal line (from `vtf journal export`) whose \
                hash must be the proven leaf. For a consistency proof, --old-checkpoint gives the older \
                signed checkpoint. --witness VKEY (repeatable) also requires a valid cosignature by that \
                auditor. Exit status 0 when everything checks, 1 when something does not.
                """)

        @Option(help: ArgumentHelp("The signed checkpoint note (the newer one for consistency; a balance proof carries its own).", valueName: "file"))
        var checkpoint: String?

        @Option(help: ArgumentHelp("The log's verifier key, origin+keyid+base64 (see vtf log vkey); may be left out when --policy names the log.", valueName: "vkey"))
        var vkey: String?

        @Option(help: ArgumentHelp("A C2SP tlog-policy: the logs accepted and the quorum of witnesses that must have cosigned the checkpoint.", valueName: "file"))
        var policy: String?

        @Option(help: ArgumentHelp("The proof JSON from vtf prove.", valueName: "file"))
        var proof: String

        @Option(help: ArgumentHelp("For an inclusion proof: the entry's journal line (JSON), or @FILE holding it.", valueName: "line"))
        var entry: String?

        @Option(help: ArgumentHelp("For a consistency proof: the older signed checkpoint.", valueName: "file"))
        var oldCheckpoint: String?

        @Option(help: ArgumentHelp("A witness verifier key whose cosignature the checkpoint must carry.", valueName: "vkey"))
        var witness: [String] = []

        func run() throws {
            let text = try ProofFiles.text(at: proof)
            let trust = try ProofTrust(vkey: vkey, policy: policy, witnesses: witness)
            if text.hasPrefix(TLogProof.header) { return try checkTLogProof(text, trust: trust) }
            let json = try ProofFiles.json(text, from: proof)
            let fields = try JSONFields(json, context: proof)
            if fields.object["format"]?.stringValue == BalanceProof.format { return try checkBalance(json, trust: trust) }
            if fields.has("report") { return try checkReport(fields.object, trust: trust) }
            if fields.object["format"]?.stringValue == StatementJSON.format {
                throw InputError("\(proof) is a donor statement: check it with vtf statement verify \(proof) --vkey VKEY")
            }
            guard let checkpoint else { throw InputError("give --checkpoint FILE: the signed checkpoint the proof leads to") }
            let new = try trust.checkpoint(note: try ProofFiles.text(at: checkpoint), from: checkpoint)
            if fields.has("leaf_index") {
                try checkInclusion(fields, against: new)
            } else {
                try checkConsistency(fields, against: new, trust: trust)
            }
        }

        func checkInclusion(_ fields: JSONFields, against checkpoint: Checkpoint) throws {
            try fields.allowOnly(["leaf_index", "tree_size", "leaf_hash", "path"])
            let index = try fields.integer("leaf_index")
            let size = try fields.integer("tree_size")
            let leafHash = try ProofFiles.hash(try fields.string("leaf_hash"), context: "leaf_hash")
            let path = try ProofFiles.path(fields)
            guard index >= 0, index < size else {
                throw InputError("\(proof): leaf_index \(index) is not an entry of a tree of \(size) (it must be 0 or more and less than tree_size)")
            }
            guard UInt64(exactly: size) == checkpoint.size else {
                throw CheckFailure("the proof is for a tree of \(size) entries, the checkpoint signs \(checkpoint.size)")
            }
            if let raw = try givenEntry() {
                _ = try Self.body(of: raw, seq: index, proofFor: "leaf")
                guard MerkleHash.leaf(raw.bodyBytes).bytes == leafHash else {
                    throw CheckFailure("the entry's leaf hash is not the proof's leaf_hash: the entry differs from the one in the log")
                }
            }
            do {
                try MerkleVerifier.verifyInclusion(
                    leafIndex: UInt64(index), treeSize: UInt64(size), leafHash: leafHash, proof: path, root: checkpoint.rootHash.bytes)
            } catch {
                throw CheckFailure("the inclusion proof does not lead to the checkpoint's root: \(error)")
            }
            print("ok: entry \(index) is in \(checkpoint.origin) at tree size \(size)\(entry == nil ? " (leaf hash only; give --entry to check the entry itself)" : "")")
        }

        /// The journal line --entry gives (or the file @FILE holds), split into its bytes and
        /// signature; nil without --entry.
        func givenEntry() throws -> RawEntry? {
            guard let entry else { return nil }
            let line = entry.hasPrefix("@") ? try ProofFiles.text(at: String(entry.dropFirst())) : entry
            return try RawEntry(exportLine: Array(line.trimmingCharacters(in: .newlines).utf8), lineNumber: 1)
        }

        /// The body of `raw`, after checking it is entry `seq`, the one the proof is for (its
        /// "leaf" or "index", as the proof names it).
        static func body(of raw: RawEntry, seq: Int64, proofFor name: String) throws -> JSONFields {
            let body = try JSONFields(try JSONParser.parse(raw.bodyBytes), context: "the entry")
            guard try body.integer("seq") == seq else {
                throw CheckFailure("the entry is seq \(try body.integer("seq")), the proof is for \(name) \(seq)")
            }
            return body
        }

        /// A C2SP tlog-proof: the entry is its extra data (a journal line) or --entry; the checkpoint
        /// is in the file.
        func checkTLogProof(_ text: String, trust: ProofTrust) throws {
            if checkpoint != nil || oldCheckpoint != nil { throw InputError("a tlog-proof carries its checkpoint: leave out --checkpoint and --old-checkpoint") }
            let parsed: TLogProof
            do { parsed = try TLogProof(text: text) } catch { throw InputError("\(proof): \(error)") }
            let checkpoint = try trust.checkpoint(note: parsed.checkpoint, from: proof)
            let raw: RawEntry
            if let given = try givenEntry() {
                raw = given
            } else if let extra = parsed.extra {
                raw = try RawEntry(exportLine: extra, lineNumber: 1)
            } else {
                throw InputError("\(proof) carries no entry (no extra line): give the journal line with --entry")
            }
            let body = try Self.body(of: raw, seq: Int64(clamping: parsed.index), proofFor: "index")
            guard try body.string("ledger") == checkpoint.origin else {
                throw CheckFailure("the entry is of \(try body.string("ledger")), the checkpoint of \(checkpoint.origin)")
            }
            do {
                try MerkleVerifier.verifyInclusion(
                    leafIndex: parsed.index, treeSize: checkpoint.size, leafHash: MerkleHash.leaf(raw.bodyBytes), proof: parsed.path, root: checkpoint.rootHash)
            } catch {
                throw CheckFailure("the inclusion proof does not lead to the checkpoint's root: the entry is not the log's (\(error))")
            }
            print("ok: entry \(parsed.index) (\(try body.string("kind"))) is in \(checkpoint.origin) at tree size \(checkpoint.size)\(trust.summary)")
        }

        /// A report with proofs (`vtf report … --format json --proofs`): its checkpoint, signed by
        /// the log key, and each figure's proof by sealed balances in it.
        func checkReport(_ report: JSONObject, trust: ProofTrust) throws {
            if entry != nil || oldCheckpoint != nil || checkpoint != nil {
                throw InputError("a report with proofs carries its checkpoint: leave out --checkpoint, --entry and --old-checkpoint")
            }
            guard let carried = report["checkpoint"]?.objectValue, let note = carried["note"]?.stringValue, let size = carried["size"]?.integerValue,
                report["proofs"] != nil
            else { throw InputError("\(proof) is a report without proofs: make it with vtf report NAME --format json --proofs") }
            let checked = try trust.checkpoint(note: note, from: proof)
            guard checked.size == UInt64(clamping: size) else {
                throw CheckFailure("\(proof): the checkpoint signs \(checked.size) entries; the report says \(size)")
            }
            let rules: ReportFigureRules.Rules
            do throws(BalanceProofError) { rules = try ReportFigureRules.rules(for: report) } catch { throw InputError("\(proof): \(error.message)") }
            let figures: CheckedFigures
            do throws(BalanceProofError) {
                figures = try FigureProofs.check(
                    report["proofs"], definitions: rules.definitions, unprovable: rules.unprovable.map(\.figure),
                    stated: { ReportFigureRules.stated($0.figure, in: report, currency: $0.measure.currency) }, checkpoint: checked, absent: "")
            } catch {
                if error.kind == .malformed { throw InputError("\(proof): \(error.message)") }
                throw CheckFailure("\(proof): \(error.message)")
            }
            if let problem = ReportArithmetic.problems(in: report).first { throw CheckFailure("\(proof): \(problem)") }
            let name = report["report"]?.stringValue ?? "report"
            let dates = [report["from"]?.stringValue, report["as_of"]?.stringValue].compactMap { $0 }.joined(separator: " to ")
            print("ok: \(figures.proven.count) figures of the \(name) report (\(dates)) are proven by sealed balances in \(checked.origin) at tree size \(checked.size)\(trust.summary)")
            print("  proven: " + (figures.proven.isEmpty ? "none" : figures.proven.joined(separator: ", ")))
            for line in figures.notProven { print("  not proven: \(line)") }
            print("  the report's sums hold (each total is its lines'); a report is not signed: its labels and the figures not proven are its maker's word")
        }

        /// A balance proof (`vtf prove balance`): it carries its checkpoint; --checkpoint is not needed.
        func checkBalance(_ json: JSONValue, trust: ProofTrust) throws {
            if entry != nil || oldCheckpoint != nil { throw InputError("--entry and --old-checkpoint are for inclusion and consistency proofs, not a balance proof") }
            let balance: BalanceProof
            let checked: CheckedBalance
            do throws(BalanceProofError) { balance = try BalanceProof(json: json) } catch { throw InputError("\(proof): \(error.message)") }
            let logKey = try trust.logKey(for: balance.checkpoint)
            do throws(BalanceProofError) {
                checked = try balance.check(vkey: logKey)
            } catch {
                if error.kind == .failed { throw CheckFailure("\(proof): \(error.message)") }
                throw InputError("\(proof): \(error.message)")
            }
            if let checkpoint {
                let given = try trust.checkpoint(note: try ProofFiles.text(at: checkpoint), from: checkpoint)
                guard given.size == checked.checkpoint.size, given.rootHash == checked.checkpoint.rootHash else {
                    throw CheckFailure("the proof leads to the checkpoint of size \(checked.checkpoint.size), not to \(checkpoint)'s (size \(given.size))")
                }
            }
            _ = try trust.checkpoint(note: balance.checkpoint, from: proof)
            let figure = balance.balance.map { "\($0.amount) \(balance.currency) (value \($0.value))" } ?? "zero (no leaf)"
            print("ok: the balance of \(balance.account) in \(balance.currency) as of \(balance.asOf) is \(figure): in seal \(checked.sealSeq) of \(checked.leaves) balances, in \(checked.checkpoint.origin) at tree size \(checked.checkpoint.size)")
        }

        func checkConsistency(_ fields: JSONFields, against checkpoint: Checkpoint, trust: ProofTrust) throws {
            try fields.allowOnly(["old_size", "new_size", "path"])
            guard let oldCheckpoint else { throw InputError("a consistency proof needs --old-checkpoint") }
            let old = try trust.checkpoint(note: try ProofFiles.text(at: oldCheckpoint), from: oldCheckpoint, quorum: false)
            let oldSize = try fields.integer("old_size")
            let newSize = try fields.integer("new_size")
            guard UInt64(exactly: oldSize) == old.size, UInt64(exactly: newSize) == checkpoint.size else {
                throw CheckFailure("the proof is for sizes \(oldSize) → \(newSize), the checkpoints sign \(old.size) → \(checkpoint.size)")
            }
            do {
                try MerkleVerifier.verifyConsistency(
                    oldSize: old.size, newSize: checkpoint.size, oldRoot: old.rootHash.bytes, newRoot: checkpoint.rootHash.bytes,
                    proof: try ProofFiles.path(fields))
            } catch {
                throw CheckFailure("the checkpoints are not consistent: the log of size \(old.size) is not a prefix of the log of size \(checkpoint.size) (\(error))")
            }
            print("ok: \(checkpoint.origin) at size \(checkpoint.size) extends the checkpoint of size \(old.size)")
        }
    }
}

/// Reading the files `vtf proof check` is given.
enum ProofFiles {
    static func text(at path: String) throws -> String {
        try InputFile.text(path, option: "file")
    }

    static func json(_ text: String, from path: String) throws -> JSONValue {
        do { return try JSONParser.parse(text) } catch {
            throw InputError("\(path): not valid JSON: \(error)")
        }
    }

    /// Checks the checkpoint `note` (read `from` a file, for messages) against the log's vkey
    /// and the required witnesses.
    static func checkpoint(note: String, from path: String, vkey: String, witnesses: [String]) throws -> Checkpoint {
        let checkpoint: Checkpoint
        // A checkpoint the witness's check refuses fails the check (exit status 1), named by its
        // file; a vkey that does not parse stays bad input (exit 2).
        do { checkpoint = try Witness.logCheckpoint(note, verifierKey: vkey) } catch let error as WitnessError {
            throw CheckFailure("\(path): \(error.message)")
        }
        for witness in witnesses {
            let verifier: NoteVerifier
            do { verifier = try NoteVerifier(verifierKey: witness) } catch { throw InputError("--witness \(witness): \(error)") }
            let signed = try SignedNote.parse(note)
            let cosigned = signed.signatures.contains { signature in
                signature.name == verifier.name && signature.keyID == verifier.keyID
                    && Cosignature.verify(signature, checkpointText: signed.text, verifier: verifier).ok
            }
            guard cosigned else { throw CheckFailure("\(path): no valid cosignature by \(verifier.name)") }
        }
        return checkpoint
    }

    static func hash(_ text: String, context: String) throws -> [UInt8] {
        guard let digest = SHA256Digest(hex: text), text.utf8.count == 64 else {
            throw InputError("\(context): \"\(text)\" is not a 64-digit hex hash")
        }
        return digest.bytes
    }

    static func path(_ fields: JSONFields) throws -> [[UInt8]] {
        try fields.array("path").enumerated().map { index, item in
            guard let text = item.stringValue else { throw InputError("path[\(index)] is not a string") }
            return try hash(text, context: "path[\(index)]")
        }
    }
}
