import ArgumentParser
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new ledger: its genesis entry, signed by the admin key.",
        discussion: """
            The genesis entry fixes the ledger's origin (its name in every entry and checkpoint), the \
            fund's name and functional currency, and its first two keys: the admin key (registers other \
            keys) and the log key (signs a checkpoint after every write). The ledger remembers the log \
            key's path; VTF_LOG_KEY overrides it. A trust fund's books need --template unvtf (the \
            chart of accounts and the fund's settings: without it the ledger holds vouchers only, and \
            a template cannot be added later), and --date on the first day of the earliest financial \
            year they hold.

            Example:
              vtf key generate --out admin.pem --name "Ana Admin"
              vtf key generate --out log.pem --name "UNVTF log"
              vtf init --ledger unvtf.ledger --origin unodc.org/unvtf --fund-name "UNVTF" \\
                       --admin-key admin.pem --log-key log.pem --template unvtf \\
                       --date 2026-01-01
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

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

    @Option(help: "The ledger's opening: its genesis entry's date (default: today). Nothing may be dated before it; to record a whole year, give its 1 January.")
    var date: String?

    @Option(help: ArgumentHelp(
        "unvtf: the UN trust-fund chart of accounts (DOMAIN §5), PSC, reserve and write-off settings, and two-person approval of grants, payments, write-offs, refunds, settings and manual vouchers.",
        valueName: "name"))
    var template: String?

    @Option(help: "With --template: programme support costs, percent of expenditure.")
    var pscRate: String = "13"

    @Option(help: "With --template: operating reserve, percent of planned annual expenditure.")
    var reserveRate: String = "15"

    @Option(help: "With --template: planned annual expenditure, in the fund's currency.")
    var plannedExpenditure: String = "0.00"

    @Option(help: "With --template: the largest write-off a certifying officer may certify.")
    var writeOffLimit: String = "10000.00"

    @Option(help: "With --template: monthly seals the balances of every month end in the journal as the books move past it (vtf seal, vtf prove balance).")
    var seal: String?

    /// The template's entries, after genesis: chart of accounts and fund settings.
    func templateDrafts(date: LedgerDate, currency: Currency) throws -> [EntryDraft] {
        guard let template else {
            if seal != nil { throw InputError("--seal is a fund policy: give it with --template unvtf") }
            return []
        }
        guard template == "unvtf" else { throw InputError("--template \(template): the only template is unvtf") }
        let settings = [
            "psc_rate": pscRate, "reserve_rate": reserveRate, "planned_expenditure": plannedExpenditure,
            "write_off_limit": writeOffLimit,
        ]
        for (name, value) in settings {
            do { try FundSettings.validate(name, value, fundCurrency: currency) } catch {
                throw InputError("--\(name.replacingOccurrences(of: "_", with: "-")) \(value): \(error.message)")
            }
        }
        if let seal, !FundSettings.sealPolicies.contains(seal) {
            throw InputError("--seal \(seal): the policies are \(FundSettings.sealPolicies.joined(separator: ", ")) (or leave --seal out)")
        }
        return FundDrafts.unvtfTemplate(date: date, settings: settings, seal: seal)
    }

    func run() async throws {
        let path = try global.ledgerPath()
        let location = try global.storeLocation()
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
        let more = try templateDrafts(date: draft.date, currency: fundCurrency)
        let created = try await location.create(
            origin: origin, genesis: draft, then: more, keys: WriteKeys(author: admin, log: log),
            localSettings: [LocalSettings.logKeyPath: absoluteLogKey], rules: .unvtf)
        if OutputMode.json {
            var written: [SignedEntry] = []
            for seq in 0..<(try await created.entryCount()) {
                if let entry = try await created.entry(at: seq) { written.append(entry) }
            }
            JSONOutput.wrote(written)
        }
        if template != nil {
            print("template unvtf: \(FundChart.accounts.count) accounts (DOMAIN §5), PSC \(pscRate) %, reserve \(reserveRate) % of planned expenditure \(plannedExpenditure), write-off limit \(writeOffLimit); two-person approval for \(FundSettings.controlledActions.joined(separator: ", "))")
        }
        print("""
            created \(path): \(fundName) (\(origin)), functional currency \(fundCurrency.code)
              entry 0 ledger.genesis, signed by the admin key \(admin.publicKey.keyID)
              log key \(log.publicKey.keyID) (signs checkpoints; kept at \(absoluteLogKey))
            """)
        Terminal.note("""
            next: register the people who record entries, e.g.
              vtf key register --ledger \(path) --key \(adminKey) --public-key alice.pem.pub --holder alice --name "Alice" --role fund-manager
            """)
    }
}
