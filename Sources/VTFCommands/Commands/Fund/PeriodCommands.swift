import ArgumentParser
import Foundation
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

struct ReceivableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receivable",
        abstract: "Contributions receivable: impair what may not be paid (an allowance), write off what will not be.",
        discussion: """
            Both are two-person requests (vtf pending shows them). An impairment is an allowance (Dr 5600, Cr \
            1210.DONOR) and the receivable remains; a write-off removes it, within the fund's write-off limit.
            Example:  vtf receivable impair AGR-X --amount 2500.00 --date 2026-12-31
            """,
        subcommands: [WriteOff.self, Impair.self])

    struct WriteOff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write-off",
            abstract: "Request a write-off of a receivable (two-person approval; within the write-off limit).",
            discussion: """
                Posts Cr 1200.DONOR at the receivable's carrying value: Dr 2200.DONOR for what of a conditional \
                agreement is still deferred (nothing in surplus or deficit), the rest Dr 1210.DONOR as far as the \
                allowance held for the donor goes, else Dr 5600. Certification (and approval) is refused when the \
                write-offs of the agreement in the request's year, this one included, pass the write-off limit in \
                force (vtf setting list).
                Example:
                  vtf receivable write-off --agreement AGR-XYZ-2024 --amount 2500.00 \\
                      --date 2026-12-15 --memo "Donor confirmed it will not pay"
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "The agreement.") var agreement: String
        @Option(help: "The amount, in the agreement's currency.") var amount: String
        @Option(help: "The accounting date (default: today).") var date: String?
        @Option(help: "The request's REF (default: a new WO-YEAR-NNNN).") var ref: String?
        @Option(help: "Why.") var memo: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let day = try parseDate(date)
            let money = try FundInput.positive(amount, currency: try await StoreRecords.agreementCurrency(agreement, in: ledger))
            let draft = FundDrafts.writeOffRequest(
                agreement: agreement, amount: money, date: day, ref: ref, memo: memo)
            try await global.recordRequest(draft, in: ledger, settings: settings, "a write-off of \(money) of agreement \(agreement)")
        }
    }
}

struct FXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fx", abstract: "Foreign exchange at period end.",
        discussion: """
            vtf fx revalue restates the foreign-currency balances of the monetary accounts at the day's UN rate \
            and books the unrealised gain or loss.
            Example:  vtf fx revalue --date 2026-12-31
            """,
        subcommands: [Revalue.self])

    struct Revalue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revalue every foreign-currency balance of the monetary accounts (unrealised FX).",
            discussion: """
                Cash, receivables, payables and suspense held in other currencies are restated at the UN \
                operational rate in force on the date; each change is a line of amount 0, and the net per \
                currency is an unrealised gain (4900) or loss (5900).
                Example:  vtf fx revalue --date 2026-12-31
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "The period end (default: today).") var date: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            try await global.recordFund(
                FundDrafts.revaluation(date: try parseDate(date)), in: ledger, settings: settings, "revalued foreign-currency balances")
        }
    }
}

struct InterestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interest", abstract: "The fund's share of the UN main cash pool.",
        discussion: """
            UN Treasury allocates the cash pool's income and costs to each fund; record the fund's share as \
            Treasury advises it.
            Example:
              vtf interest allocate --income 1834.20 --costs 61.05 --date 2026-06-30 \\
                  --ref TRY-Q2
            """,
        subcommands: [Allocate.self])

    struct Allocate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the cash pool's income and costs allocated to the fund by UN Treasury.",
            discussion: """
                Example:
                  vtf interest allocate --income 1834.20 --costs 61.05 --date 2026-06-30 \\
                      --ref TRY-2026-Q2
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Investment income allocated.") var income: String
        @Option(help: "Cash-pool costs allocated (default: none).") var costs: String?
        @Option(help: "The accounting date (default: today).") var date: String?
        @Option(help: "Treasury's allocation reference.") var ref: String

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let code = settings.currency.code
            let gain = try FundInput.money(income, currency: code, option: "--income")
            let cost = try costs.map { try FundInput.money($0, currency: code, option: "--costs") } ?? .zero(settings.currency)
            try await global.recordFund(
                FundDrafts.interest(income: gain, costs: cost, date: try parseDate(date), ref: ref), in: ledger, settings: settings,
                "allocated cash-pool income \(gain) and costs \(cost)")
        }
    }
}

struct ReserveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reserve", abstract: "The operating cash reserve (3300).",
        discussion: """
            The reserve is reserve_rate % of planned_expenditure (see vtf setting list); vtf reserve adjust \
            brings it there.
            Example:  vtf reserve adjust --date 2026-12-31
            """,
        subcommands: [Adjust.self])

    struct Adjust: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring the reserve to reserve_rate % of planned_expenditure (the settings in force).",
            discussion: "Example:  vtf reserve adjust --date 2026-01-31")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "The accounting date (default: today).") var date: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            try await global.recordFund(
                FundDrafts.reserveAdjustment(date: try parseDate(date)), in: ledger, settings: settings, "adjusted the operating reserve")
        }
    }
}

struct YearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "year", abstract: "The financial year.",
        discussion: """
            Closing a year moves its revenue and expenses to accumulated surplus; afterwards nothing may be \
            dated in it.
            Example:  vtf year close 2026 --ref CLOSE-2026
            """,
        subcommands: [Close.self])

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Request the close of a year (two-person approval): revenue and expenses go to accumulated surplus; entries dated in it are refused afterwards.",
            discussion: """
                A year can be closed only after it has ended, and only once the year before it is \
                closed (the first year with postings comes first). The fund manager requests the \
                close, a certifying officer certifies it (vtf certify REF) and an approving officer, \
                another person, approves it (vtf approve REF): that approval closes the year, dated \
                31 December. Every request dated in the year must be approved or rejected first. Run \
                vtf fx revalue and vtf reserve adjust for 31 December before closing.
                Example:  vtf year close 2026
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The year, e.g. 2026.") var year: Int
        @Option(help: "The request's REF (default: a new CLOSE-YEAR-NNNN).") var ref: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            guard (1970...9998).contains(year) else { throw InputError("year \(year) is not a year vtf can close (1970...9998)") }
            let end = try LedgerDate(year: year, month: 12, day: 31)
            let draft = FundDrafts.yearCloseRequest(
                year: year, ref: ref, date: end)
            try await global.recordRequest(draft, in: ledger, settings: settings, "the close of \(year)")
        }
    }
}

struct SettingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setting",
        abstract: "The fund's effective-dated settings: PSC rate, reserve, planned expenditure, write-off limit.",
        discussion: """
            A change is a two-person request (vtf pending shows it) and applies from its --from date; reports on \
            earlier dates keep the value then in force.
            Example:  vtf setting change psc_rate 7 --from 2027-01-01
            """,
        subcommands: [List.self, Change.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every value each setting has had, and from when.",
            discussion: """
                One line per value: the setting, the day it took effect, the value, the entry that set it, and what \
                it means.
                Example:  vtf setting list --format json
                """)
        @OptionGroup var global: LedgerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let ledger = try await global.openReading()
            if output.isJSON { return try JSONOutput.document(try await Self.json(ledger)) }
            var table = TextTable([("SETTING", .left), ("FROM", .left), ("VALUE", .right), ("ENTRY", .right), ("MEANING", .left)])
            for name in FundSettings.known.keys.sorted() {
                for record in try await ledger.fundRecords(FundSettings.collection(name)) {
                    let setting = try SettingRecord(record)
                    table.add([name, setting.from, setting.value, "\(setting.seq)", FundSettings.known[name] ?? ""])
                }
            }
            print(table.render(), terminator: "")
        }
    }

    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Request a new value from a date (two-person approval).",
            discussion: "Example:  vtf setting change psc_rate 7 --from 2027-01-01")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "psc_rate, reserve_rate, planned_expenditure or write_off_limit.") var name: String
        @Argument(help: "The new value: a percentage, or an amount in the fund's currency.") var value: String
        @Option(help: "The first day it applies.") var from: String
        @Option(help: "The request's date (default: today).") var date: String?
        @Option(help: "The request's REF (default: a new SET-YEAR-NNNN).") var ref: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let day = try parseDate(date)
            let draft = FundDrafts.settingRequest(
                name: name, value: value, from: try parseDate(from, option: "--from"), date: day,
                ref: ref)
            try await global.recordRequest(draft, in: ledger, settings: settings, "\(name) = \(value) from \(from)")
        }
    }
}

struct CashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cash", abstract: "Cash held in another currency: convert it into the fund's currency.",
        discussion: """
            Example:  vtf cash convert --amount 200000.00 --currency EUR --date 2026-05-10
            """,
        subcommands: [Convert.self])

    struct Convert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert cash held in another currency into the fund's currency at the day's UN rate.",
            discussion: """
                Grants are paid in the fund's currency; donors pay in theirs. Treasury converts: Dr 1100 \
                in USD at the day's UN operational rate, Cr 1100 in the other currency at its carrying \
                value; the difference is a realised FX gain (4900) or loss (5900).
                Example:
                  vtf cash convert --amount 200000.00 --currency EUR --date 2026-03-15 \\
                      --ref TRY-FX-0315
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "How much to convert.") var amount: String
        @Option(help: "The currency it is held in.") var currency: String
        @Option(help: "The conversion date (default: today).") var date: String?
        @Option(help: "Treasury's reference.") var ref: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let money = try FundInput.positive(amount, currency: currency)
            try await global.recordFund(
                FundDrafts.conversion(amount: money, date: try parseDate(date), ref: ref), in: ledger, settings: settings,
                "converted \(money) into \(settings.currency.code)")
        }
    }
}
