import ArgumentParser
import Foundation
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

struct GrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grants to the organisations that assist victims: from recommendation to closure.",
        discussion: """
            The cycle:
              vtf grant recommend   the Board of Trustees' recommendation (posts nothing)
              vtf grant award       request the award; then vtf certify and vtf approve
                                    (the obligation: memo 9200)
              vtf grant disburse    request a tranche; then certify and approve
                                    (Dr 1300 advance, Cr 1100 cash)
              vtf grant report      the partner's accepted financial report
                                    (Dr 5100 expense, its PSC Dr 5200)
              vtf grant refund      money a partner returns (the advance first, then
                                    spending reported, with its PSC)
              vtf grant close       releases what was never paid
              vtf grant accrue      year-end accrual of spending reported after
                                    31 December (reversed on 1 January)
            """,
        subcommands: [Recommend.self, Award.self, Disburse.self, Report.self, Refund.self, Close.self, Accrue.self, List.self])

    struct Recommend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a Board recommendation (advice: nothing is posted).",
            discussion: """
                Example:
                  vtf grant recommend --ref REC-10.2-04 --grantee SAFEHAVEN \\
                      --grantee-name "Safe Haven" --amount 20000.00 --cycle 10.2
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "The recommendation's reference.") var ref: String
        @Option(help: "The organisation's ID.") var grantee: String
        @Option(help: "The organisation's name.") var granteeName: String
        @Option(help: "The amount recommended, USD.") var amount: String?
        @Option(help: "The grant cycle, e.g. 10.2.") var cycle: String?
        @Option(help: "The Board session.") var session: String?
        @Option(help: "The accounting date (default: today).") var date: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let money = try amount.map { try FundInput.positive($0, currency: settings.currency.code) }
            let draft = FundDrafts.recommendation(
                ref: ref, grantee: grantee, granteeName: granteeName, amount: money, cycle: cycle, session: session, date: try parseDate(date))
            try await global.recordFund(draft, in: ledger, settings: settings, "recorded the Board's recommendation \(ref) for \(granteeName)")
        }
    }

    struct Award: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Request a grant award (two-person approval); the grant's ref is the request's REF.",
            discussion: """
                Example:
                  vtf grant award --grantee SAFEHAVEN --grantee-name "Safe Haven" \\
                      --amount 20000.00 --currency USD \\
                      --date 2026-03-10 --ref G-2026-01 --tranches 12000.00,8000.00 \\
                      --country NG --sector 15180
                  vtf certify G-2026-01 --key certifier.pem
                  vtf approve G-2026-01 --key approver.pem

                What may be published (IATI, a public site): --country where the grantee \
                works, --sector its OECD DAC CRS purpose code (e.g. 15180 ending violence against \
                women and girls, 15190 migration, 16010 social protection, 15160 human rights) and \
                --public-name how it may be named. Without a public name the grantee is published \
                only as "a partner in COUNTRY": a shelter must never be locatable through published data.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "The organisation's ID.") var grantee: String
        @Option(help: "The organisation's name (default: its recommendation's, else its ID).") var granteeName: String?
        @Option(help: "The grant amount.") var amount: String
        @Option(help: "The grant currency (the fund's currency).") var currency: String = "USD"
        @Option(help: "The award date (default: today).") var date: String?
        @Option(help: "The grant's reference, e.g. G-2026-01.") var ref: String
        @Option(help: "Tranche amounts, comma-separated; they add up to --amount (default: one tranche).") var tranches: String?
        @Option(help: "The Board recommendation it follows.") var recommendation: String?
        @Option(help: "The earmark of a signed agreement whose restricted money this grant spends.") var earmark: String?
        @Option(help: "Where the grantee works: ISO 3166-1 alpha-2 code, e.g. NG.") var country: String?
        @Option(help: "The OECD DAC CRS purpose code (5 digits), e.g. 15180.") var sector: String?
        @Option(help: "How the grantee may be named in public (default: only \"a partner in COUNTRY\").") var publicName: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            guard currency.uppercased() == settings.currency.code else {
                throw InputError("grants are awarded in the fund's currency, \(settings.currency.code), not \(currency)")
            }
            let money = try FundInput.positive(amount, currency: currency)
            let parts = try tranches.map { try FundInput.amounts($0, currency: currency, option: "--tranches") } ?? [money]
            let recommended = if let recommendation { try await ledger.fundRecord("recommendation", recommendation)?.fields["grantee_name"]?.stringValue } else { String?.none }
            let name = granteeName ?? recommended ?? grantee
            let draft = FundDrafts.awardRequest(
                grant: ref, grantee: grantee, granteeName: name, amount: money, tranches: parts,
                date: try parseDate(date), recommendation: recommendation, earmark: earmark,
                country: country, sector: sector, publicName: publicName)
            try await global.recordRequest(draft, in: ledger, settings: settings, "grant \(ref) of \(money) to \(name) in \(parts.count) tranche(s)")
        }
    }

    struct Disburse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Request the payment of a tranche (two-person approval).",
            discussion: """
                Example:
                  vtf grant disburse G-2026-01 --tranche 1 --date 2026-03-20 \\
                      --ref PAY-2026-01
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The grant's ref.") var grant: String
        @Option(help: "Which tranche, from 1.") var tranche: Int
        @Option(help: "The amount, if not the tranche's.") var amount: String?
        @Option(help: "The payment date (default: today).") var date: String?
        @Option(help: "The payment's reference (default: a new PAY-YEAR-NNNN).") var ref: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            guard let record = try await StoreRecords.grant(grant, in: ledger) else {
                throw InputError("grant \(grant) is not recorded (an award becomes a grant when it is approved)")
            }
            let planned = record.tranches
            guard tranche >= 1, tranche <= planned.count else {
                throw InputError("grant \(grant) has tranches 1…\(planned.count), not \(tranche)")
            }
            let text = amount ?? (planned[tranche - 1].stringValue ?? "")
            let money = try FundInput.positive(text, currency: settings.currency.code)
            let day = try parseDate(date)
            let draft = FundDrafts.disbursementRequest(
                grant: grant, tranche: tranche, amount: money, date: day, ref: ref)
            try await global.recordRequest(draft, in: ledger, settings: settings, "payment of tranche \(tranche) of \(grant): \(money)")
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a partner's accepted financial report: expense, and PSC on it.",
            discussion: """
                Posts Dr 5100 grant expense, Cr 1300.GRANT advance; and programme support costs at the \
                rate in force on the date (13 % by default): Dr 5200, Cr 1100.
                Example:  vtf grant report G-2026-01 --spent 11500.00 --date 2026-07-31
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The grant's ref.") var grant: String
        @Option(help: "What the partner spent, accepted.") var spent: String
        @Option(help: "The date the report was accepted (default: today).") var date: String?
        @Option(help: "The report's reference.") var ref: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let money = try FundInput.positive(spent, currency: settings.currency.code, option: "--spent")
            try await global.recordFund(
                FundDrafts.grantReport(grant: grant, spent: money, date: try parseDate(date), ref: ref), in: ledger, settings: settings,
                "recorded the financial report of \(grant): \(money) spent")
        }
    }

    struct Refund: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record money a partner returned.",
            discussion: """
                It clears what is still advanced (Cr 1300.GRANT) first. The rest returns spending already \
                reported, latest first, with the PSC charged on it at the rate that charged it: of this \
                year's spending, Cr 5100 and Cr 5200; of an earlier year's, Cr 4300 for both.

                Example:
                  vtf grant refund G-2026-01 --amount 500.00 --date 2026-09-30 \\
                      --bank-ref BNK-0930-2
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The grant's ref.") var grant: String
        @Option(help: "The amount returned.") var amount: String
        @Option(help: "The value date (default: today).") var date: String?
        @Option(help: "The bank statement's reference (default: GRANT-RF-DATE).") var bankRef: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let money = try FundInput.positive(amount, currency: settings.currency.code)
            let day = try parseDate(date)
            try await global.recordFund(
                FundDrafts.grantRefund(grant: grant, amount: money, date: day, bankRef: bankRef ?? "\(grant)-RF-\(day)"), in: ledger,
                settings: settings, "recorded the refund of \(money) from \(grant)")
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a grant whose advances are all reported or refunded; its unpaid commitment is released.",
            discussion: """
                Refused while an advance is neither reported nor refunded. Tranches never paid leave the open \
                commitments (9200).
                Example:  vtf grant close G-1
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The grant's ref.") var grant: String
        @Option(help: "The accounting date (default: today).") var date: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            try await global.recordFund(
                FundDrafts.grantClose(grant: grant, date: try parseDate(date)), in: ledger, settings: settings, "closed grant \(grant)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the grants (vtf report grants has the full picture).",
            discussion: """
                Example:  vtf grant list --format json
                """)
        @OptionGroup var global: LedgerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let store = try await global.openReading()
            if output.isJSON { return try JSONOutput.document(try await store.read { try Self.json($0) }) }
            var table = TextTable([
                ("GRANT", .left), ("GRANTEE", .left), ("COUNTRY", .left), ("SECTOR", .left), ("AWARDED", .left), ("AMOUNT", .right), ("PAID", .right), ("SPENT", .right),
                ("PSC", .right), ("REFUNDED", .right), ("STATUS", .left),
            ])
            // Paid, spent, PSC and refunded from the one source every report reads (reversals netted),
            // in the same snapshot as the grants.
            let (records, figures) = try await store.read { ledger in
                let currency = try ledger.settings()?.currency
                return (try ledger.grantRecords(), try currency.map { ($0, try GrantPositions(ledger, currency: $0).positions()) })
            }
            if let (currency, positions) = figures {
                for grant in records {
                    let position = positions[grant.id] ?? GrantPosition(currency)
                    table.add([grant.id, grant.granteeName, grant.country ?? "-", grant.sector ?? "-", grant.awarded.description, grant.amount, position.paid.decimalString,
                               position.spent.decimalString, position.psc.decimalString, position.refunded.decimalString, grant.status.rawValue])
                }
            }
            print(table.render(), terminator: "")
        }
    }
}
