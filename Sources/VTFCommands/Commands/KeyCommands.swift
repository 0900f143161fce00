import ArgumentParser
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFund
import TrustFundRules
import TransparencyLog
import LedgerStore
import SafeIO

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Make, register, revoke and list signing keys.",
        discussion: """
            Each person has their own key. An admin registers it with the person's roles \
            (fund-manager, certifying-officer, approving-officer, auditor, admin, or donor: a donor's own key, \
            --holder the donor's id, which reads that donor's statements through a ledger service); from then on the \
            journal accepts what that key signs, within its roles, until the key is revoked.
            """,
        subcommands: [Generate.self, Register.self, Revoke.self, Delegate.self, List.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new Ed25519 key pair: PATH (private, mode 0600) and PATH.pub.",
            discussion: """
                Keep the private key file to yourself; give PATH.pub to the admin who registers it. \
                With --encrypt the private key is encrypted with a passphrase asked for on the \
                terminal (twice, not echoed); in a script, --passphrase-env VAR takes it from $VAR \
                (PKCS#8, readable by `openssl pkey`). Commands that use an encrypted key ask for its \
                passphrase on the terminal, or read $VTF_KEY_PASSPHRASE.
                """)

        @Option(help: ArgumentHelp("Where to write the private key (refuses to overwrite).", valueName: "path"))
        var out: String

        @Option(help: "A label for people, written into both files, e.g. \"Alice Martin\".")
        var name: String?

        @Option(help: ArgumentHelp("Encrypt the private key with the passphrase held in this environment variable.", valueName: "var"))
        var passphraseEnv: String?

        @Flag(help: "Encrypt the private key with a passphrase asked for on the terminal (twice, not echoed).")
        var encrypt = false

        func run() async throws {
            var passphrase: [UInt8]? = encrypt ? try PassphrasePrompt.newPassphrase(for: out, besides: passphraseEnv) : nil
            defer { PassphrasePrompt.wipe(&passphrase) }
            if let variable = passphraseEnv {
                guard let value = GlobalOptions.environment[variable], !value.isEmpty else {
                    throw InputError("--passphrase-env \(variable): the environment variable \(variable) is not set or empty")
                }
                if let short = PassphrasePrompt.tooShort(Array(value.utf8), for: out) { throw InputError("--passphrase-env \(variable): \(short)") }
                passphrase = Array(value.utf8)
            }
            let key = try Ed25519PrivateKey()
            for path in [out, out + ".pub"] { try OutputGuard().checkNotLedger(path) }
            try KeyFile.write(key, to: out, label: name, passphrase: passphrase)
            print("""
                key id: \(key.publicKey.keyID)
                private key: \(out) (mode 0600\(passphrase == nil ? "" : ", encrypted"))
                public key:  \(out).pub
                """)
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a person's public key with its roles (signed by an admin key).",
            discussion: """
                Example:
                  vtf key register --key admin.pem --public-key alice.pem.pub --holder alice \\
                                   --name "Alice Martin" --role fund-manager
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        @Option(help: ArgumentHelp("The public key file (SPKI PEM), e.g. alice.pem.pub.", valueName: "file"))
        var publicKey: String

        @Option(help: ArgumentHelp("The person who holds the key; two-person rules compare holders.", valueName: "person"))
        var holder: String

        @Option(help: "A name for people (default: the label in the key file, else the holder).")
        var name: String?

        @Option(help: ArgumentHelp("A role: admin, fund-manager, certifying-officer, approving-officer, auditor, donor. Repeat for several.", valueName: "role"))
        var role: [String] = []

        @Option(help: "The accounting date of the entry (default: today).")
        var date: String?

        @Flag(help: "The holder looks like a registered holder (e.g. Maria / maria / Cyrillic mаria) and is that same person.")
        var samePersonConfirmed = false

        @Flag(help: "The holder looks like a registered holder but is another person; the two-person rules will tell them apart.")
        var differentPersonConfirmed = false

        func run() async throws {
            let key = try KeyFile.readPublicKey(at: publicKey)
            guard !role.isEmpty else { throw InputError("give at least one --role") }
            guard !(samePersonConfirmed && differentPersonConfirmed) else {
                throw InputError("give --same-person-confirmed or --different-person-confirmed, not both")
            }
            let roles = try role.map { try Role(parsing: $0) }
            let label = name ?? KeyFile.label(at: publicKey) ?? holder
            let record = KeyRecord(publicKey: key, holder: holder, name: label, roles: roles)
            let ledger = try await global.openWriting()
            guard case .object(var data) = record.jsonValue else { throw InputError("a key record is not a JSON object") }
            try await addDecision(to: &data, ledger: ledger)
            let entry = try await global.record(EntryDraft(kind: .keyRegister, date: try parseDate(date), data: data), in: ledger)
            print("registered key \(key.keyID) for \(holder) (\(roles.map(\.rawValue).joined(separator: ", "))) at entry \(entry.body.seq)")
        }

        /// Lists the registered holders that look like this one under the decision the flags
        /// state; without a flag the rules refuse a look-alike and say which flag to give.
        func addDecision(to data: inout JSONObject, ledger: any LedgerReading) async throws {
            guard samePersonConfirmed || differentPersonConfirmed else { return }
            let identity = HolderIdentity(holder)
            let lookalikes = Set(try await ledger.keys().map(\.record.holder)).filter { $0 != holder && HolderIdentity($0) == identity }.sorted()
            guard !lookalikes.isEmpty else {
                throw InputError("no registered holder looks like \"\(holder)\"; leave out --same-person-confirmed and --different-person-confirmed")
            }
            let member = samePersonConfirmed ? HolderDecisions.sameMember : HolderDecisions.differentMember
            data[member] = .array(lookalikes.map(JSONValue.string))
        }
    }

    struct Delegate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a certifying or approving officer's delegation: amount limit and period (signed by an admin key).",
            discussion: """
                From then on the officer's key may certify or approve only requests dated in the \
                period and worth at most the limit (in the fund currency); the latest delegation \
                from on or before a request's date applies. A key without one has no limit.
                Example:
                  vtf key delegate --key admin.pem --key-id 3fa2c1d0 --limit 50000.00 \\
                      --from 2026-01-01 --to 2026-12-31
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        @Option(help: ArgumentHelp("The officer's key id, or a unique prefix of it (at least 8 hex digits).", valueName: "key-id"))
        var keyID: String

        @Option(help: ArgumentHelp("The largest amount, in the fund currency, the officer may certify or approve.", valueName: "amount"))
        var limit: String

        @Option(help: "The first day of the delegation, YYYY-MM-DD.")
        var from: String

        @Option(help: "The last day of the delegation, YYYY-MM-DD.")
        var to: String

        @Option(help: "The accounting date of the entry (default: today).")
        var date: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let key = try await resolveKey(keyID, in: ledger)
            let start = try parseDate(from, option: "--from")
            let end = try parseDate(to, option: "--to")
            let amount = try FundInput.positive(limit, currency: settings.currency.code, option: "--limit")
            let draft = FundDrafts.delegation(keyID: key.record.keyID, limit: amount, from: start, to: end, date: try parseDate(date))
            try await global.recordFund(draft, in: ledger, settings: settings, "delegated to key \(key.record.keyID) (\(key.record.holder)) up to \(amount.decimalString) \(settings.currency.code) from \(start) to \(end)")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a key: entries it signs after this are invalid (signed by an admin key).",
            discussion: """
                The key stays in the journal and in vtf key list, marked revoked at this entry, so what it signed \
                before still verifies. The reason is recorded.
                Example:  vtf key revoke 3fa2c1d0 --key admin.pem --reason \"laptop lost\"
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        @Argument(help: ArgumentHelp("The key id, or a unique prefix of it (at least 8 hex digits).", valueName: "key-id"))
        var keyID: String

        @Option(help: "Why the key is revoked (recorded in the journal).")
        var reason: String

        @Option(help: "The accounting date of the entry (default: today).")
        var date: String?

        func run() async throws {
            let ledger = try await global.openWriting()
            let key = try await resolveKey(keyID, in: ledger)
            let data = JSONObject([("key_id", .string(key.record.keyID)), ("reason", .string(reason))])
            let entry = try await global.record(EntryDraft(kind: .keyRevoke, date: try parseDate(date), data: data), in: ledger)
            print("revoked key \(key.record.keyID) (\(key.record.name)) at entry \(entry.body.seq)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every key ever registered, with its roles and status.",
            discussion: """
                Revoked keys stay listed, with the entry that revoked them and why: older entries still name them.
                Example:  vtf key list --format csv
                """)

        @OptionGroup var global: LedgerOptions

        @Option(help: "Output format: text, csv or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let keys = try await global.openReading().keys()
            switch format {
            case .text:
                var table = TextTable([("KEY ID", .left), ("HOLDER", .left), ("NAME", .left), ("ROLES", .left), ("SINCE", .right), ("STATUS", .left)])
                for key in keys {
                    table.add([
                        String(key.record.keyID.prefix(16)) + "…", key.record.holder, key.record.name,
                        key.record.roles.map(\.rawValue).joined(separator: ","), "\(key.registeredSeq)",
                        key.revokedSeq.map { "revoked at \($0): \(key.revokeReason ?? "")" } ?? "active",
                    ])
                }
                print(table.render(), terminator: "")
            case .csv:
                var out = CSV.line(["key_id", "holder", "name", "roles", "registered_seq", "revoked_seq", "revoke_reason"])
                for key in keys {
                    out += CSV.line([
                        key.record.keyID, key.record.holder, key.record.name, key.record.roles.map(\.rawValue).joined(separator: " "),
                        "\(key.registeredSeq)", key.revokedSeq.map { "\($0)" } ?? "", key.revokeReason ?? "",
                    ])
                }
                print(out, terminator: "")
            case .json:
                let items: [JSONValue] = keys.map { key in
                    guard case .object(var object) = key.record.jsonValue else { preconditionFailure("a key record is an object") }
                    object["registered_seq"] = .integer(Int64(key.registeredSeq))
                    object["revoked_seq"] = key.revokedSeq.map { .integer(Int64($0)) } ?? .null
                    object["revoke_reason"] = key.revokeReason.map(JSONValue.string) ?? .null
                    return .object(object)
                }
                print(try JSONCanonicalizer.canonicalString(.object(JSONObject([("keys", .array(items))]))))
            }
        }
    }
}
