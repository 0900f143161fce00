import ArgumentParser
import Foundation
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Contribution agreements (IPSAS 23): sign, recognise a met condition, list.",
        discussion: """
            vtf agreement sign records what a donor has bound itself to give; a conditional agreement stays \
            deferred revenue until vtf agreement recognise; receipts (vtf receive) settle it.
            Example:
              vtf agreement sign --donor BEL --amount 2000000.00 --currency EUR \\
                  --date 2026-04-15 --ref AGR-BEL
            """,
        subcommands: [Sign.self, Recognise.self, List.self])

    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a binding contribution agreement.",
            discussion: """
                Posts Dr 1200.DONOR (receivable), Cr contribution revenue (4100/4110/4120 by donor type) \
                at the UN operational rate of the date, rounded half to even. A --conditional agreement \
                (money returnable if a stipulation is not met) goes to deferred revenue 2200.DONOR \
                instead; vtf agreement recognise moves it to revenue when the condition is met. \
                Multi-year unconditional agreements are recognised in full on signature; --instalments \
                only records when money is due (for the receivables ageing).

                Example:
                  vtf agreement sign --donor BEL --amount 2000000.00 --currency EUR \\
                      --date 2026-04-15 --ref AGR-BEL-2026 \\
                      --instalments 1000000.00@2026-05-01,1000000.00@2027-05-01
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "The donor's ID.") var donor: String
        @Option(help: "The total amount.") var amount: String
        @Option(help: "The agreement's currency.") var currency: String
        @Option(help: "The date it became binding (default: today).") var date: String?
        @Option(help: "The agreement's reference (unique).") var ref: String
        @Option(help: "What the donor earmarked the money for, if anything.") var earmark: String?
        @Flag(help: "The agreement has conditions (a return-of-funds obligation): deferred revenue.") var conditional = false
        @Option(help: "AMOUNT@DATE,… when instalments are due (they must add up to --amount).") var instalments: String?
        @Option(help: "The pledge this agreement fulfils (releases its memo line).") var pledge: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let day = try parseDate(date)
            let money = try FundInput.positive(amount, currency: currency)
            let schedule = try instalments.map { try Self.schedule($0, currency: currency) } ?? []
            let draft = FundDrafts.agreement(
                ref: ref, donor: donor, amount: money, date: day, conditional: conditional, earmark: earmark,
                instalments: schedule, pledge: pledge)
            try await global.recordFund(draft, in: ledger, settings: settings, "signed agreement \(ref) with \(donor): \(money)\(conditional ? " (conditional: deferred revenue)" : "")")
        }

        static func schedule(_ text: String, currency: String) throws -> [FundDrafts.Instalment] {
            try text.split(separator: ",").enumerated().map { index, item in
                let parts = item.split(separator: "@")
                guard parts.count == 2 else { throw InputError("--instalments item \(index + 1) \"\(item)\": expected AMOUNT@YYYY-MM-DD") }
                return FundDrafts.Instalment(
                    amount: try FundInput.positive(String(parts[0]), currency: currency, option: "--instalments item \(index + 1)"),
                    due: try parseDate(String(parts[1]), option: "--instalments item \(index + 1)"))
            }
        }
    }

    struct Recognise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A condition of a conditional agreement is met: deferred revenue becomes revenue.",
            discussion: """
                Example:
                  vtf agreement recognise AGR-SE-2026 --amount 500000.00 --date 2026-09-30
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The agreement's ref.") var agreement: String
        @Option(help: "How much is now earned, in the agreement's currency.") var amount: String
        @Option(help: "The accounting date (default: today).") var date: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let money = try FundInput.positive(amount, currency: try await StoreRecords.agreementCurrency(agreement, in: ledger))
            try await global.recordFund(
                FundDrafts.recognise(agreement: agreement, amount: money, date: try parseDate(date)), in: ledger, settings: settings,
                "recognised \(money) of agreement \(agreement) as revenue")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the agreements and what each still expects.",
            discussion: """
                Example:  vtf agreement list --format json
                """)
        @OptionGroup var global: LedgerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let store = try await global.openReading()
            let positions = try await store.read { try AgreementPosition.all($0, asOf: nil) }
            if output.isJSON { return try JSONOutput.document(Self.json(positions)) }
            var table = TextTable([
                ("REF", .left), ("DONOR", .left), ("DATE", .left), ("CUR", .left), ("AMOUNT", .right), ("RECEIVED", .right),
                ("OUTSTANDING", .right), ("TERMS", .left),
            ])
            for position in positions {
                let record = position.agreement
                let terms = record.conditional ? "conditional" : "unconditional"
                table.add([record.ref, record.donor, record.date.description, position.currency.code, position.amount.decimalString,
                           position.received.decimalString, position.outstanding.decimalString, terms])
            }
            print(table.render(), terminator: "")
        }
    }
}

struct ReceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Record money received from a donor (or held in suspense until someone can place it).",
        discussion: """
            Posts Dr cash 1100 in the currency received, valued at the receipt date's UN operational \
            rate; Cr the donor's receivable at its carrying value. The difference is a realised FX \
            gain (4900) or loss (5900). Bank charges deducted on the way go to 5400. More than the \
            agreement still expects is owed back to the donor (2300.DONOR); less leaves the rest \
            outstanding.

            Examples:
              vtf receive --agreement AGR-BEL-2026 --amount 1000000.00 --currency EUR \\
                  --date 2026-05-03 --bank-ref BNK-0503-1
              vtf receive --unidentified --amount 5000.00 --currency USD \\
                  --date 2026-05-04 --bank-ref BNK-0504-7
              vtf receive apply BNK-0504-7 --agreement AGR-ACME-2026
            """,
        subcommands: [Record.self, Apply.self],
        defaultSubcommand: Record.self)

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record", abstract: "Record a receipt (the default).",
            discussion: """
                Name the --agreement it pays, or --unidentified to hold it in suspense (2400) until vtf receive \
                apply. --bank-ref must be unique, so one bank line is never booked twice.
                Example:
                  vtf receive --agreement AGR-BEL --amount 1000000.00 --currency EUR \\
                      --date 2026-05-03 --bank-ref BNK-1
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "The agreement it pays.") var agreement: String?
        @Flag(help: "Nobody can place it yet: hold it in suspense (2400).") var unidentified = false
        @Option(help: "The amount credited by the bank, before its charges.") var amount: String
        @Option(help: "Its currency.") var currency: String
        @Option(help: "Bank charges deducted from it, in the same currency.") var charges: String?
        @Option(help: "The value date (default: today).") var date: String?
        @Option(help: "The bank statement's reference (unique).") var bankRef: String

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let day = try parseDate(date)
            let money = try FundInput.positive(amount, currency: currency)
            if unidentified {
                guard agreement == nil, charges == nil else { throw InputError("--unidentified takes no --agreement or --charges") }
                try await global.recordFund(
                    FundDrafts.unidentifiedReceipt(amount: money, date: day, bankRef: bankRef), in: ledger, settings: settings,
                    "held \(money) in suspense (2400); place it later with: vtf receive apply \(bankRef) --agreement REF")
                return
            }
            guard let agreement else { throw InputError("which agreement does it pay? Give --agreement REF, or --unidentified") }
            let fee = try charges.map { try FundInput.money($0, currency: currency, option: "--charges") }
            try await global.recordFund(
                FundDrafts.receipt(agreement: agreement, amount: money, charges: fee, date: day, bankRef: bankRef), in: ledger,
                settings: settings, "received \(money) against agreement \(agreement)")
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Place a receipt held in suspense against an agreement.",
            discussion: """
                Moves the receipt with this bank reference out of suspense (2400) onto the agreement it pays.
                Example:  vtf receive apply BNK-2 --agreement AGR-ACME
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The receipt's bank reference.") var bankRef: String
        @Option(help: "The agreement it pays.") var agreement: String
        @Option(help: "The accounting date (default: today).") var date: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            try await global.recordFund(
                FundDrafts.applyReceipt(bankRef: bankRef, agreement: agreement, date: try parseDate(date)), in: ledger,
                settings: settings, "applied receipt \(bankRef) to agreement \(agreement)")
        }
    }
}
