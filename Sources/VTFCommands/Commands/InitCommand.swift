import ArgumentParser
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerLog
import LedgerStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new ledger: its genesis entry, signed by the admin key.",
        discussion: """
            The genesis entry fixes the ledger's origin (its name in every entry and checkpoint), the \
            fund's name and functional currency, and its first two keys: the admin key (registers other \
            keys) and the log key (signs a checkpoint after every write). The ledger remembers the log \
            key's path; VTF_LOG_KEY overrides it.

            Example:
              vtf key generate --out admin.pem --name "Ana Admin"
              vtf key generate --out log.pem --name "UNVTF log"
              vtf init --ledger unvtf.ledger --origin unodc.org/unvtf --fund-name "UNVTF" \\
                       --admin-key admin.pem --log-key log.pem
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The ledger's origin: a name like unodc.org/unvtf (no spaces or '+').")
    var origin: String

    @Option(help: "The fund's name, for reports.")
    var fundName: String

    @Option(help: ArgumentHelp("The admin's private key file (signs the genesis entry).", valueName: "path"))
    var adminKey: String

    @Option(help: ArgumentHelp("The person who holds the admin key (default: the key's label, else 'admin').", valueName: "person"))
    var adminHolder: String?

    @Option(help: ArgumentHelp("The log key's private key file (signs checkpoints).", valueName: "path"))
    var logKey: String

    @Option(help: "The functional currency (ISO 4217) every value is kept in.")
    var currency: String = "USD"

    @Option(help: "The accounting date of the genesis entry (default: today).")
    var date: String?

    func run() throws {
        let path = try global.ledgerPath()
        try LedgerRules.checkOrigin(origin)
        let fundCurrency = try Currency(code: currency)
        let admin = try GlobalOptions.readPrivateKey(at: adminKey, passphraseVariable: "VTF_KEY_PASSPHRASE")
        let log = try GlobalOptions.readPrivateKey(at: logKey, passphraseVariable: "VTF_LOG_KEY_PASSPHRASE")
        guard admin.publicKey != log.publicKey else {
            throw InputError("the admin key and the log key must be different keys")
        }
        let holder = adminHolder ?? KeyFile.label(at: adminKey) ?? "admin"
        let adminRecord = KeyRecord(
            publicKey: admin.publicKey, holder: holder, name: KeyFile.label(at: adminKey) ?? "admin", roles: [.admin])
        let logRecord = KeyRecord(
            publicKey: log.publicKey, holder: origin, name: "log key of \(origin)", roles: [.log])
        let draft = EntryDraft(
            kind: .genesis, date: try parseDate(date),
            data: JSONObject([
                ("fund_name", .string(fundName)), ("currency", .string(fundCurrency.code)),
                ("keys", .array([adminRecord.jsonValue, logRecord.jsonValue])),
            ]))
        let absoluteLogKey = URL(fileURLWithPath: logKey).standardizedFileURL.path
        try LedgerFile.createLedger(
            at: path, origin: origin, genesis: draft, keys: WriteKeys(author: admin, log: log),
            localSettings: [LocalSettings.logKeyPath: absoluteLogKey])
        print("""
            created \(path): \(fundName) (\(origin)), functional currency \(fundCurrency.code)
              entry 0 ledger.genesis, signed by the admin key \(admin.publicKey.keyID)
              log key \(log.publicKey.keyID) (signs checkpoints; kept at \(absoluteLogKey))
            next: register the people who record entries, e.g.
              vtf key register --ledger \(path) --key \(adminKey) --public-key alice.pem.pub --holder alice --name "Alice" --role fund-manager
            """)
    }
}
