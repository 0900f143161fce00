import ArgumentParser
import LedgerCore
import LedgerJournal
import LedgerStore
import TrustFund
import TrustFundRules

/// `vtf secretariat cost`: the secretariat's own direct costs (5300), two-person.
struct SecretariatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secretariat",
        abstract: "The secretariat's direct costs: Board meetings, evaluations, the audit fee (two-person).",
        discussion: """
            What the Fund's secretariat spends itself, as opposed to grants, is charged to 5300 and carries \
            PSC at the fund's rate (5200), like grant spending. Each cost is a request that a certifying \
            officer certifies (the cost and its PSC fit in the funds available and in the cash on its date) \
            and another person approves; the approval pays it from cash (1100).
            Example:
              vtf secretariat cost --category board --payee "UN Vienna" --amount 4200.00 \\
                  --invoice VIC-118
            """,
        subcommands: [Cost.self])

    struct Cost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cost",
            abstract: "Request the payment of a secretariat cost: Dr 5300 and its PSC Dr 5200, Cr 1100 at approval.",
            discussion: """
                The amount is in the fund currency; the PSC on it is computed by the rules at the rate in force. \
                The request prints its REF; then vtf certify REF (certifying officer) and vtf approve REF \
                (approving officer, another person).
                Example:
                  vtf secretariat cost --category audit --payee "UN Board of Auditors" \\
                      --amount 3000.00 --invoice BOA-07
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "What it was for: board, evaluation, audit or other.") var category: String
        @Option(help: "Who is paid.") var payee: String
        @Option(help: "The cost, in the fund currency (PSC comes on top).") var amount: String
        @Option(help: "The payee's invoice number.") var invoice: String
        @Option(help: "What the cost was (printed on the request).") var description: String?
        @Option(help: "The accounting date (default: today).") var date: String?
        @Option(help: "The request's REF (default: a new SEC-YEAR-NNNN).") var ref: String?

        func run() async throws {
            guard let kind = SecretariatRules.Category(rawValue: category) else {
                let known = SecretariatRules.Category.allCases.map(\.rawValue).joined(separator: ", ")
                throw InputError("--category \(category): use one of \(known)")
            }
            let (ledger, settings) = try await global.openWritingFund()
            let day = try parseDate(date)
            let money = try FundInput.positive(amount, currency: settings.currency.code)
            let draft = FundDrafts.secretariatCostRequest(
                category: kind, payee: payee, amount: money, invoice: invoice, description: description, date: day, ref: ref)
            try await global.recordRequest(draft, in: ledger, settings: settings, "a secretariat cost (\(kind.rawValue)) of \(money) to \(payee)")
        }
    }
}
