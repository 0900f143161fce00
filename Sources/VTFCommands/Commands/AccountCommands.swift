import ArgumentParser
import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Open, close and list the accounts of the chart of accounts.",
        discussion: """
            Accounts are opened and closed by signed entries; vtf init --template unvtf opens the fund's whole \
            chart.
            Example:  vtf account open 1100 --name \"Cash - main cash pool\" --type asset
            """,
        subcommands: [Open.self, Close.self, List.self])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open an account.",
            discussion: """
                Codes use letters, digits, '.', '_' and '-'; sub-accounts extend a code with a dot, \
                e.g. 1200.BEL for Belgium's receivable. Types: asset, liability, net-assets, revenue, \
                expense, memo (off-balance items such as pledges).

                Example:  vtf account open 1100 --name "Cash - main cash pool" --type asset
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        @Argument(help: "The account code, e.g. 1100 or 1200.BEL.")
        var code: String

        @Option(help: "The account's name.")
        var name: String

        @Option(help: "asset, liability, net-assets, revenue, expense or memo.")
        var type: String

        @Option(help: "The accounting date of the entry (default: today).")
        var date: String?

        func run() async throws {
            let account = try AccountCode(code)
            guard let accountType = AccountType(rawValue: type) else {
                throw InputError("--type \(type): use one of \(AccountType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let ledger = try await global.openWriting()
            let data = JSONObject([("code", .string(account.rawValue)), ("name", .string(name)), ("type", .string(accountType.rawValue))])
            let entry = try await global.record(EntryDraft(kind: .accountOpen, date: try parseDate(date), data: data), in: ledger)
            print("opened account \(account) \"\(name)\" (\(accountType.rawValue)) at entry \(entry.body.seq)")
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close an account whose balance is zero; nothing may post to it afterwards.",
            discussion: """
                The account stays listed, closed at this entry; its history remains.
                Example:  vtf account close 1150 --date 2026-12-31
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        @Argument(help: "The account code.")
        var code: String

        @Option(help: "The accounting date of the entry (default: today).")
        var date: String?

        func run() async throws {
            let account = try AccountCode(code)
            let ledger = try await global.openWriting()
            let data = JSONObject([("code", .string(account.rawValue))])
            let entry = try await global.record(EntryDraft(kind: .accountClose, date: try parseDate(date), data: data), in: ledger)
            print("closed account \(account) at entry \(entry.body.seq)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the accounts.",
            discussion: """
                Every account ever opened, with its type and whether it is open or closed (and at which entry).
                Example:  vtf account list --format json
                """)

        @OptionGroup var global: LedgerOptions

        @Option(help: "Output format: text, csv or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let accounts = try await global.openReading().accounts()
            switch format {
            case .text:
                var table = TextTable([("CODE", .left), ("NAME", .left), ("TYPE", .left), ("STATUS", .left)])
                for account in accounts {
                    table.add([account.code.rawValue, account.name, account.type.rawValue, account.closedSeq.map { "closed at \($0)" } ?? "open"])
                }
                print(table.render(), terminator: "")
            case .csv:
                print(CSV.line(["code", "name", "type", "opened_seq", "closed_seq"]) + accounts.map {
                    CSV.line([$0.code.rawValue, $0.name, $0.type.rawValue, "\($0.openedSeq)", $0.closedSeq.map { "\($0)" } ?? ""])
                }.joined(), terminator: "")
            case .json:
                let items: [JSONValue] = accounts.map {
                    .object(JSONObject([
                        ("code", .string($0.code.rawValue)), ("name", .string($0.name)), ("type", .string($0.type.rawValue)),
                        ("opened_seq", .integer(Int64($0.openedSeq))), ("closed_seq", $0.closedSeq.map { .integer(Int64($0)) } ?? .null),
                    ]))
                }
                print(try JSONCanonicalizer.canonicalString(.object(JSONObject([("accounts", .array(items))]))))
            }
        }
    }
}
