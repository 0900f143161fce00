import ArgumentParser
import Foundation
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

struct DonorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "donor",
        abstract: "Donors of the fund: add one, list them, refund one.",
        discussion: """
            Each donor's contributions receivable are kept apart, under 1200.ID.
            Example:  vtf donor add BEL --name Belgium --type member-state --country BE
            """,
        subcommands: [Add.self, List.self, Refund.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a donor; its contributions receivable go to account 1200.ID.",
            discussion: """
                The ID is short and stable (letters, digits, '-', '_'): it becomes part of account codes.
                Contributions go to revenue by donor type: member-state and intergovernmental to 4100; \
                private-sector, foundation and ngo to 4110; individual to 4120.

                Example:  vtf donor add BEL --name "Belgium" --type member-state --country BE
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The donor's ID, e.g. BEL.") var id: String
        @Option(help: "The donor's name.") var name: String
        @Option(help: "member-state, private-sector, foundation, individual, intergovernmental or ngo.") var type: String
        @Option(help: "ISO 3166 alpha-2 country code, e.g. BE.") var country: String?
        @Option(help: "The accounting date (default: today).") var date: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let draft = FundDrafts.donor(id: id, name: name, type: type, country: country, date: try parseDate(date))
            try await global.recordFund(draft, in: ledger, settings: settings, "added donor \(id) (\(name)), receivable account 1200.\(id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the donors.",
            discussion: """
                Every donor recorded with vtf donor add.
                Example:  vtf donor list --format json
                """)
        @OptionGroup var global: LedgerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let ledger = try await global.openReading()
            if output.isJSON { return try JSONOutput.document(Self.json(try await ledger.fundRecords("donor"))) }
            var table = TextTable([("ID", .left), ("NAME", .left), ("TYPE", .left), ("COUNTRY", .left), ("SINCE", .left)])
            for donor in try await ledger.fundRecords("donor") {
                let field = { (name: String) in donor.fields[name]?.stringValue ?? "" }
                table.add([donor.id, field("name"), field("type"), field("country"), field("since")])
            }
            print(table.render(), terminator: "")
        }
    }

    struct Refund: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Request a refund to a donor (two-person approval).",
            discussion: """
                Pays first what the fund owes the donor (its over-payments, account 2300.ID); anything \
                more returns part of its contribution (debits revenue). Cash leaves at its carrying value; \
                the difference is a realised FX gain or loss.

                Example:  vtf donor refund BEL --amount 100.00 --currency EUR --date 2026-07-01
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The donor's ID.") var donor: String
        @Option(help: "The amount.") var amount: String
        @Option(help: "Its currency.") var currency: String
        @Option(help: "The accounting date (default: today).") var date: String?
        @Option(help: "The request's REF (default: a new RFD-YEAR-NNNN).") var ref: String?
        @Option(help: "Why, for people.") var memo: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let day = try parseDate(date)
            let money = try FundInput.positive(amount, currency: currency)
            let draft = FundDrafts.donorRefundRequest(
                donor: donor, amount: money, date: day, ref: ref, memo: memo)
            try await global.recordRequest(draft, in: ledger, settings: settings, "a refund of \(money) to donor \(donor)")
        }
    }
}

struct PledgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pledge",
        abstract: "Record a pledge: a memo item (9100), never revenue.",
        discussion: """
            A pledge is a promise, not a binding agreement (IPSAS 23): it is kept on the memo account \
            9100, valued at the day's UN operational rate, and never reaches revenue. When the donor \
            signs, record the agreement with --pledge REF to release the memo line.

            Example:
              vtf pledge --donor BEL --amount 2000000.00 --currency EUR \\
                  --date 2026-04-02 --ref PL-BEL-2026
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Option(help: "The donor's ID.") var donor: String
    @Option(help: "The amount pledged.") var amount: String
    @Option(help: "Its currency.") var currency: String
    @Option(help: "The accounting date (default: today).") var date: String?
    @Option(help: "The pledge's reference (default: PL-DONOR-DATE).") var ref: String?

    func run() async throws {
        let (ledger, settings) = try await global.openWritingFund()
        let day = try parseDate(date)
        let money = try FundInput.positive(amount, currency: currency)
        let draft = FundDrafts.pledge(donor: donor, amount: money, date: day, ref: ref ?? "PL-\(donor)-\(day)")
        try await global.recordFund(draft, in: ledger, settings: settings, "recorded a pledge of \(money) by \(donor) (memo only, not revenue)")
    }
}
