import ArgumentParser
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

/// `vtf budget set`, `vtf budget list`: the Board-approved budget of a year (IPSAS 24), by
/// category, recorded under two-person approval; `vtf report budget` compares it with the
/// actual amounts.
struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget",
        abstract: "The Board-approved budget of a year by category (grants, secretariat costs, PSC): two-person, effective-dated.",
        discussion: """
            A budget posts nothing: vtf report budget compares it with the actual amounts (IPSAS 24). A revision \
            is a new budget from its day.
            Example:
              vtf budget set --year 2027 --grants 300000.00 --secretariat 40000.00 \\
                  --psc 39000.00 --from 2027-01-01
            """,
        subcommands: [Set.self, List.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Request the budget the Board approved for a year, from a date (two-person approval; nothing is posted).",
            discussion: """
                Amounts are in the fund's currency, zero or more: grants (compared with 5100), secretariat \
                and fund management costs (5300, 5400 and 5500), programme support costs (5200). The budget \
                in force on a date is the approved one with the latest --from on or before it: the first \
                approved for a year is its original budget, the one in force at year end its final budget. \
                --from is a day of the year, or of the year before (a Board session before the year begins). \
                A closed year's budget cannot change; a revision takes effect from another day.
                Example:
                  vtf budget set --year 2026 --grants 300000.00 --secretariat 40000.00 \\
                      --psc 39000.00 \\
                    --from 2026-01-01 --memo "Board session 15, decision 2"
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "The budget's year, YYYY.") var year: Int
        @Option(help: "Grants to CSOs (5100), in the fund currency.") var grants: String
        @Option(help: "Secretariat and fund management costs (5300, 5400, 5500), in the fund currency.") var secretariat: String
        @Option(help: "Programme support costs (5200), in the fund currency.") var psc: String
        @Option(help: "The first day it is in force, YYYY-MM-DD.") var from: String
        @Option(help: "The request's date (default: today).") var date: String?
        @Option(help: "The request's REF (default: a new BUD-YEAR-NNNN).") var ref: String?
        @Option(help: "The Board's decision it records, e.g. \"Board session 15, decision 2\".") var memo: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let day = try parseDate(date)
            let start = try parseDate(from, option: "--from")
            // Amounts the rules can read are written in their canonical form; the rules refuse the others, saying why.
            let amount = { (text: String) in
                (try? Amount(parsing: text, currency: settings.currency, mode: .input)).map(\.decimalString) ?? text
            }
            let draft = FundDrafts.budgetRequest(
                year: year, grants: amount(grants), secretariat: amount(secretariat), psc: amount(psc), from: start, date: day,
                ref: ref, decision: memo)
            try await global.recordRequest(
                draft, in: ledger, settings: settings,
                "the \(year) budget from \(start): grants \(grants), secretariat \(secretariat), PSC \(psc) \(settings.currency.code)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every approved budget, by year and the day it took effect; the original and the one in force at year end marked.",
            discussion: """
                Example:  vtf budget list --year 2027
                """)
        @OptionGroup var global: LedgerOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only this year's budgets.") var year: Int?

        func run() async throws {
            let (ledger, settings) = try await global.openReadingFund()
            if output.isJSON { return try JSONOutput.document(try await Self.json(ledger, currency: settings.currency, year: year)) }
            let prefix = "budget."
            let years = try await ledger.allFundRecords().compactMap { record -> Int64? in
                guard record.collection.hasPrefix(prefix) else { return nil }
                return Int64(record.collection.dropFirst(prefix.count))
            }
            var table = TextTable([
                ("YEAR", .left), ("FROM", .left), ("GRANTS", .right), ("SECRETARIAT", .right), ("PSC", .right), ("TOTAL", .right),
                ("BUDGET", .left), ("REQUEST", .left), ("APPROVED", .left), ("ENTRY", .right), ("DECISION", .left),
            ])
            for budgetYear in Array(Swift.Set(years)).sorted() where year.map({ Int64($0) == budgetYear }) ?? true {
                let budgets = try await ledger.fundRecords(BudgetRules.collection(budgetYear)).map {
                    try ApprovedBudget($0, year: budgetYear, currency: settings.currency)
                }
                let first = budgets.min { $0.seq < $1.seq }?.seq
                let last = budgets.last?.seq
                for budget in budgets {
                    let role = [budget.seq == first ? "original" : "revision", budget.seq == last ? "in force at year end" : nil]
                        .compactMap { $0 }.joined(separator: ", ")
                    table.add([
                        "\(budgetYear)", budget.from.description, PeopleNumber.grouped(budget.grants.decimalString),
                        PeopleNumber.grouped(budget.secretariat.decimalString), PeopleNumber.grouped(budget.psc.decimalString),
                        PeopleNumber.grouped(budget.total.decimalString), role, budget.request,
                        "\(budget.approvedOn) by \(budget.approver)", "\(budget.seq)", budget.decision ?? "",
                    ])
                }
            }
            if table.rows.isEmpty {
                print("no budget is approved\(year.map { " for \($0)" } ?? ""); the fund manager requests one with vtf budget set (two-person approval)")
            } else {
                print(table.render(), terminator: "")
                print("amounts in \(settings.currency.code); the budget in force on a date is the approved one with the latest FROM on or before it")
            }
        }
    }
}
