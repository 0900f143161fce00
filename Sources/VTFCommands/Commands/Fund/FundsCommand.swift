import ArgumentParser
import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

struct FundsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funds", abstract: "The funds a certifying officer may obligate or pay.",
        discussion: """
            Funds available are cash less what is held for others, the operating reserve and open commitments; \
            receivables never count.
            Example:  vtf funds available --as-of 2026-06-30
            """,
        subcommands: [Available.self])

    struct Available: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Funds available, line by line, as certification and approval compute them.",
            discussion: """
                Cash (1100, every currency at its carrying value) less what it holds for others (2100 \
                payables, 2200 deferred revenue of conditional agreements as far as cash was received for \
                it, 2300 refunds payable, 2400 unidentified receipts), less the operating reserve \
                (reserve_rate × planned_expenditure in force), less open commitments (9200 and grant \
                awards certified, not yet approved). Receivables do not count. --as-of counts postings \
                dated on or before that day.
                Example:  vtf funds available --as-of 2026-06-30 --format json
                """)
        @OptionGroup var global: LedgerOptions
        @Option(help: "The date (default: today).") var asOf: String?
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let (ledger, settings) = try await global.openReadingFund()
            let day = try parseDate(asOf, option: "--as-of")
            let funds = try await ledger.read { try $0.fundsAvailable(asOf: day) }
            switch format {
            case .json: print(try JSONCanonicalizer.canonicalString(FundsAvailableOutput.json(funds)))
            case .text, .csv:
                print("Funds available in \(settings.fundName) as of \(funds.asOf) (\(funds.currency.code))\n")
                print(funds.render())
            }
        }
    }
}

/// `vtf funds available --format json` (Schemas/json/funds-available.schema.json).
enum FundsAvailableOutput {
    static func json(_ funds: FundsAvailable) -> JSONValue {
        .object([
            "as_of": .string(funds.asOf.description), "currency": .string(funds.currency.code),
            "lines": .array(funds.lines.map { line in
                .object([
                    "label": .string(line.label), "account": line.account.map { .string($0) } ?? .null,
                    "amount": .string(line.amount.decimalString),
                ])
            }),
            "available": .string(funds.available.decimalString),
        ])
    }
}
