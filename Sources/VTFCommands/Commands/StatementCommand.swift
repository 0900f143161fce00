import ArgumentParser
import AuditBundle
import CanonicalJSON
import Foundation
import LedgerClient
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import SafeIO
import Statements

struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "Donor contribution statements, signed and checkable by the donor; in English or French.",
        discussion: """
            A statement holds the donor's agreements and pledges; its receipts (date, amount and \
            currency, UN rate, USD value, bank reference); what it still owes by instalment; refunds; \
            and how the fund used its money in the period (grants committed, paid and spent, PSC, \
            fund balance, reserve). It is "unaudited" unless an auditor cosigned a checkpoint that \
            covers the period with a key the ledger registered as auditor (vtf key register --role \
            auditor); audited_by names them. The ledger is read checked: the journal against its \
            signed checkpoint, the tables against the journal; if they differ nothing is signed \
            (exit 3).

            The JSON statement is signed by the fund's log key, and every receipt and refund in it \
            carries its signed journal line and its inclusion proof to the checkpoint it names: the \
            donor checks it with  vtf statement verify FILE --vkey VKEY  (offline, no ledger), or with \
            openssl (Audit/DONOR-STATEMENT.md). HTML is one printable A4 file with a chart of the \
            receipts; CSV is one flat table.

            Examples:
              vtf statement --donor BEL --from 2026-01-01 --to 2026-12-31 --format json \\
                  --out bel-2026.json
              vtf statement --donor BEL --from 2026-01-01 --to 2026-12-31 --format html \\
                  --lang fr --out bel-2026.html
              vtf statement --all --to 2026-12-31 --out statements/
              vtf statement verify bel-2026.json --vkey 'unodc.org/unvtf+1a2b3c4d+AZ…' \\
                  --witness 'un.org/boa+5e6f7a8b+BA…'
            """,
        subcommands: [Make.self, Verify.self],
        defaultSubcommand: Make.self)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, html, csv }

    struct Make: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "make", abstract: "Write a statement (the default).",
            discussion: """
                A JSON statement is signed by the log key and carries an inclusion proof for every receipt, so the \
                donor can check it with vtf statement verify.
                Example:
                  vtf statement --donor BEL --from 2026-01-01 --to 2026-12-31 --format html \\
                      --lang fr --out bel-2026.html
                """)
        @OptionGroup var global: LedgerOptions
        @Option(help: "The donor's ID.") var donor: String?
        @Flag(help: "One statement per donor, into the --out folder.") var all = false
        @Option(help: "The first day of the period (default: 1 January of --to's year).") var from: String?
        @Option(help: "The last day of the period (default: today).") var to: String?
        @Option(help: "json (signed, with proofs), html or csv.") var format: Format = .json
        @Option(help: "en or fr.") var lang: String = "en"
        @Option(help: ArgumentHelp("The file to write (a folder with --all; --all writes all three formats).", valueName: "path"))
        var out: String
        @Flag(help: "Replace files that exist already (never a ledger).") var force = false

        func run() async throws {
            guard let language = StatementLanguage(rawValue: lang) else { throw InputError("--lang \(lang): use en or fr") }
            let end = try parseDate(to, option: "--to")
            let start = try from.map { try parseDate($0, option: "--from") } ?? LedgerDate(year: end.year, month: 1, day: 1)
            let service: RemoteLocation? = if case .service(let location) = try global.storeLocation() { location } else { nil }
            if let service, format == .json, let id = donor, !all {
                // The service signs it with the log key it alone holds; a donor's own key may ask.
                let signed = try await ServiceMirror.statement(service, donor: id, from: start.description, to: end.description)
                try write(signed, to: out)
                let audits = (try? JSONParser.parse(signed))?.objectValue?["audited_by"]?.arrayValue ?? []
                Terminal.note("wrote \(out): json statement of \(id) for \(start) to \(end)\(audits.isEmpty ? " (unaudited)" : ""), signed by the service")
                return
            }
            let (store, _) = try await global.openReadingFund()
            // The signed JSON comes from the log key: the service's, or the one given here.
            let sign: @Sendable (DonorStatement) async throws -> [UInt8]
            if let service {
                sign = { try await ServiceMirror.statement(service, donor: $0.donor.id, from: start.description, to: end.description) }
            } else {
                let logKey = try await GlobalOptions.logKey(for: store)
                sign = { try StatementSeal.sign($0, logKey: logKey) }
            }
            let wanted: [String]? = switch (donor, all) {
            case (let id?, false): [id]
            case (nil, true): nil
            default: []
            }
            let statements = try await Self.statements(store, donors: wanted, from: start, to: end, issued: LedgerDate.today())
            switch (donor, all) {
            case (let id?, false):
                let statement = statements[0]
                try write(try await render(statement, format, language, sign), to: out)
                Terminal.note("wrote \(out): \(format.rawValue) statement of \(id) for \(start) to \(end)\(statement.isAudited ? "" : " (unaudited)")")
            case (nil, true):
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
                    try global.outputGuard().checkNotLedger(out)
                    throw InputError("--all writes into a folder, and \(out) is a file; give a folder")
                }
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                for statement in statements {
                    for kind in Format.allCases {
                        try write(try await render(statement, kind, language, sign), to: "\(out)/\(statement.donor.id)-\(end).\(kind.rawValue)")
                    }
                }
                Terminal.note("wrote \(statements.count) statements (json, html, csv) to \(out)/ for \(start) to \(end)")
            default:
                throw InputError("give --donor ID, or --all with --out FOLDER")
            }
        }

        /// The statements of `donors` (every donor when nil), built in one snapshot of the ledger
        /// after one checked read of it (`CheckedJournal`): what is signed rests on that check.
        static func statements(
            _ store: any LedgerReading, donors: [String]?, from start: LedgerDate, to end: LedgerDate, issued: LedgerDate
        ) async throws -> [DonorStatement] {
            do {
                return try await DonorStatements.build(store, donors: donors, from: start, to: end, issued: issued)
            } catch let error as StatementError {
                throw InputError(error.message)
            }
        }

        /// `statement` as `format`: JSON signed by `sign`, HTML and CSV rendered here (unsigned).
        func render(
            _ statement: DonorStatement, _ format: Format, _ language: StatementLanguage, _ sign: (DonorStatement) async throws -> [UInt8]
        ) async throws -> [UInt8] {
            switch format {
            case .json: return try await sign(statement)
            case .html: return Array(StatementHTML.render(statement, language: language).utf8)
            case .csv: return Array(StatementCSV.render(statement, language: language).utf8)
            }
        }

        /// Through ``OutputFile``: never over the ledger, over an existing file only with --force.
        func write(_ bytes: [UInt8], to path: String) throws {
            try OutputFile.write(bytes, to: path, guard: global.outputGuard(), force: force)
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a JSON statement offline: the fund's signature, its checkpoint, and every receipt's proof.",
            discussion: """
                Needs no ledger: only the statement and the fund's log verifier key (vtf log vkey prints \
                it; get it from the fund through another channel). Exit 0 when everything holds, 1 when \
                something does not, saying what.
                An audit is checked against the auditor's own witness key, which you get from the \
                auditor (not from the fund): --witness VKEY, repeatable; each must have a valid \
                cosignature on the statement's checkpoint. --policy FILE (a C2SP tlog-policy) requires the \
                quorum of witnesses it defines instead, so "audited" means cosigned by a quorum you chose. \
                Without --witness the audits named are \
                reported as "not checked".
                Example:
                  vtf statement verify bel-2026.json --vkey 'unodc.org/unvtf+1a2b3c4d+AZ…' \\
                      --witness 'un.org/boa+5e6f7a8b+BA…'
                """)
        @Argument(help: "The JSON statement.") var file: String
        @Option(help: "The fund's log verifier key.") var vkey: String
        @Option(help: ArgumentHelp("An auditor's witness verifier key whose cosignature the checkpoint must carry (repeatable).", valueName: "vkey"))
        var witness: [String] = []
        @Option(help: ArgumentHelp("A C2SP tlog-policy: the quorum of witnesses that must have cosigned the statement's checkpoint.", valueName: "file"))
        var policy: String?

        func run() throws {
            let data = try InputFile.read(file, option: "statement file")
            try Self.checkInput(data, file: file, vkey: vkey, witnesses: witness)
            let trust = try policy.map { try ProofTrust(vkey: vkey, policy: $0, witnesses: []) }
            do {
                let verified = try StatementSeal.verify(data, vkey: vkey, witnesses: witness)
                if let trust {
                    let note = try JSONParser.parse(data).objectValue?["checkpoint"]?.objectValue?["note"]?.stringValue ?? ""
                    _ = try trust.checkpoint(note: note, from: file)
                }
                print("""
                    ok: \(file) is signed by the fund's log key; all \(verified.receipts) receipts and \(verified.refunds) refunds are in the books (checkpoint of \(verified.checkpointSize) entries) and say what their journal entries say
                      donor \(verified.donor), \(verified.from) to \(verified.to), received \(verified.currency) \(verified.receivedValue)
                      \(Self.audit(verified))\(trust?.summary ?? "")
                    \(Self.figures(verified.figures))
                    """)
            } catch let error as StatementError {
                throw CheckFailure("\(file): \(error.message)")
            }
        }

        /// What is not a statement or not a key is bad input (exit 2), as `vtf proof check` says
        /// of a malformed proof: exit 1 is kept for a statement whose checks fail, which a donor
        /// reads as a forgery.
        static func checkInput(_ data: [UInt8], file: String, vkey: String, witnesses: [String]) throws {
            do { _ = try NoteVerifier(verifierKey: vkey) } catch { throw InputError("--vkey: not the fund's verifier key (\(error)); vtf log vkey prints it") }
            for witness in witnesses {
                do { _ = try NoteVerifier(verifierKey: witness) } catch {
                    throw InputError("--witness \(witness.prefix(60)): not a witness verifier key (\(error))")
                }
            }
            let parsed: JSONValue
            do { parsed = try JSONParser.parse(data) } catch {
                throw InputError("\(file): not JSON (\(error)); a statement is the JSON that vtf statement --format json writes")
            }
            guard let object = parsed.objectValue, object["format"]?.stringValue == StatementJSON.format else {
                throw InputError("\(file): not a \(StatementJSON.format) statement (its \"format\" member says what it is)")
            }
        }

        /// Which figures the sealed balances prove, and which are the fund's word, with why.
        static func figures(_ figures: CheckedFigures) -> String {
            var lines = ["  proven by sealed balances: " + (figures.proven.isEmpty ? "none" : figures.proven.joined(separator: ", "))]
            lines += figures.notProven.map { "  not proven: \($0)" }
            return lines.joined(separator: "\n")
        }

        /// Who audited it, and whether that was checked against witness keys the donor gave.
        static func audit(_ verified: StatementSeal.Verified) -> String {
            let named = verified.auditedBy.isEmpty
                ? "unaudited" : "covered by a checkpoint cosigned by \(verified.auditedBy.joined(separator: ", "))"
            if verified.auditedBy.isEmpty, verified.witnessesChecked.isEmpty { return named }
            guard verified.witnessesChecked.isEmpty else {
                return named + "; witness keys checked: \(verified.witnessesChecked.joined(separator: ", ")) each cosigned it"
            }
            return named + "; not checked: no --witness given (get each auditor's witness key from the auditor and pass --witness VKEY)"
        }
    }
}
