import ArgumentParser
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

extension GrantCommand {
    struct Accrue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accrue grant spending at year end (reported after 31 December, or estimated), reversed on 1 January.",
            discussion: """
                Records two entries together: grant.accrue dated 31 December (Dr 5100; Cr 1300.GRANT up to the \
                open advance, the rest Cr 2100.GRANT payable; PSC at the rate in force, Dr 5200 / Cr 2100) and \
                grant.accrue.reverse dated 1 January of the next year, its postings negated. The partner's report \
                is then recorded as usual (vtf grant report) in the new year. The closing year can be closed after it.
                Example:
                  vtf grant accrue G-2025-01 --amount 4200.00 --date 2025-12-31 \\
                      --basis "partner report of 2026-01-20"
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The grant's ref.") var grant: String
        @Option(help: "The spending accrued, in the fund currency.") var amount: String
        @Option(help: "31 December of the year it is accrued in.") var date: String
        @Option(help: "What the figure rests on, e.g. \"partner report of 2026-01-20\".") var basis: String?
        @Flag(help: "The figure is the fund's estimate (no report yet).") var estimate = false

        func run() async throws {
            guard (basis != nil) != estimate else {
                throw InputError("give the accrual's basis (--basis \"partner report of 2026-01-20\") or --estimate, one of the two")
            }
            let (ledger, settings) = try await global.openWritingFund()
            let money = try FundInput.positive(amount, currency: settings.currency.code)
            let drafts = FundDrafts.grantAccrual(
                grant: grant, amount: money, date: try parseDate(date), basis: basis, seq: try await ledger.entryCount())
            let entries = try await global.record(drafts, in: ledger)
            guard entries.count == 2 else { preconditionFailure("two drafts append two entries") }
            FundOutput.recorded(entries[0], "accrued \(money) of grant \(grant)'s spending", settings: settings)
            FundOutput.recorded(entries[1], "and reversed it on the next day", settings: settings)
        }
    }
}
