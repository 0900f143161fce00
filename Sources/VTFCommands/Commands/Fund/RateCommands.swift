import ArgumentParser
import Foundation
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund
import SafeIO

struct RatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rates",
        abstract: "UN operational rates of exchange (UNORE): currency units per 1 USD.",
        discussion: """
            A money entry in a currency needs a rate in force on its date: the latest one recorded \
            from that date or before. A monthly set takes effect on the 1st; a mid-month revision \
            lists only the currencies that changed.
            """,
        subcommands: [Set.self, Import.self, List.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record rates for a month, or a mid-month revision.",
            discussion: """
                A rate more than 25 % away from the currency's rate before is refused: check the UN \
                Treasury's table. A real move that large (a devaluation) is recorded with --request: \
                a certifying officer and an approving officer, two other people, confirm it \
                (vtf certify REF, vtf approve REF).
                Examples:
                  vtf rates set --month 2026-03 EUR=0.9200 GBP=0.7850 JPY=149.50
                  vtf rates set --from 2026-03-16 EUR=0.9050
                  vtf rates set --month 2026-04 ARS=1450.00 --request
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "The month, YYYY-MM: the set takes effect on the 1st.") var month: String?
        @Option(help: "A revision's first day, YYYY-MM-DD.") var from: String?
        @Flag(help: "Make a two-person request (it prints a REF) instead of recording the rates: for a move of more than 25 %.")
        var request = false
        @Option(help: "The request's ref (with --request; default: a new FX-YEAR-NNNN).") var ref: String?
        @Argument(help: "CUR=RATE pairs: units of CUR per 1 USD.") var rates: [String]

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let (start, revision) = try RatesCommand.effective(month: month, from: from)
            var pairs: [(Currency, Decimal64)] = []
            var seen: [Currency: Int] = [:]
            for (index, text) in rates.enumerated() {
                let pair = try RatesCommand.pair(text, context: "argument \(index + 1)")
                if let first = seen[pair.0] {
                    throw InputError("\(pair.0.code) is given twice for \(start): argument \(first + 1) (\(rates[first])) and argument \(index + 1) (\(text)); give one rate per currency and date")
                }
                seen[pair.0] = index
                pairs.append(pair)
            }
            let list = pairs.map { "\($0.0.code) \($0.1)" }.joined(separator: ", ")
            if request {
                let draft = FundDrafts.ratesRequest(pairs, from: start, revision: revision, date: start, ref: ref)
                try await global.recordRequest(draft, in: ledger, settings: settings, "UNORE rates from \(start)\(revision ? " (revision)" : ""): \(list)")
                return
            }
            guard ref == nil else { throw InputError("--ref names a request: give it with --request") }
            let draft = FundDrafts.rates(pairs, from: start, revision: revision, date: start)
            try await global.recordFund(draft, in: ledger, settings: settings, "recorded UNORE rates from \(start)\(revision ? " (revision)" : ""): \(list)")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record rates from a CSV file: effective,currency,rate (header line optional).",
            discussion: """
                One entry per effective date. Dates on the 1st are monthly sets; other dates are revisions.
                Example file:
                  effective,currency,rate
                  2026-01-01,EUR,0.9150
                  2026-01-01,GBP,0.7900
                  2026-01-16,EUR,0.9050
                Every line is checked before anything is recorded.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let text = try InputFile.text(file, option: "rates file", kind: .textTable)
            var byDate: [LedgerDate: [(Currency, Decimal64)]] = [:]
            var lineOf: [LedgerDate: [Currency: Int]] = [:]
            for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if line.isEmpty || (index == 0 && line.lowercased().hasPrefix("effective")) { continue }
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count == 3 else { throw InputError("\(file) line \(index + 1): expected effective,currency,rate") }
                let day: LedgerDate
                do { day = try LedgerDate(parsing: cells[0]) } catch { throw InputError("\(file) line \(index + 1): \(error)") }
                let pair = try RatesCommand.pair("\(cells[1])=\(cells[2])", context: "\(file) line \(index + 1)")
                if let first = lineOf[day]?[pair.0] {
                    throw InputError("\(file) line \(index + 1): \(pair.0.code) already has a rate for \(day) on line \(first); give one rate per currency and date (a later change is a revision from a later day)")
                }
                lineOf[day, default: [:]][pair.0] = index + 1
                byDate[day, default: []].append(pair)
            }
            guard !byDate.isEmpty else { throw InputError("\(file) holds no rates") }
            let drafts = byDate.keys.sorted().map { day in
                FundDrafts.rates(byDate[day] ?? [], from: day, revision: day.day != 1, date: day)
            }
            let entries = try await global.record(drafts, in: ledger)
            print("recorded \(byDate.values.map(\.count).reduce(0, +)) rates in \(entries.count) entries (\(entries.first?.body.seq ?? 0)…\(entries.last?.body.seq ?? 0)) for \(settings.fundName)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the recorded rates.",
            discussion: """
                Each rate in units per 1 USD, with the day it took effect.
                Example:  vtf rates list --currency EUR
                """)
        @OptionGroup var global: LedgerOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only this currency.") var currency: String?

        func run() async throws {
            let ledger = try await global.openReading()
            if output.isJSON { return try JSONOutput.document(try await Self.json(ledger, currency: currency)) }
            var table = TextTable([("CURRENCY", .left), ("FROM", .left), ("RATE PER USD", .right), ("KIND", .left), ("ENTRY", .right)])
            for record in try await ledger.allFundRecords() {
                guard let rate = try RateRecord(record) else { continue }
                if let currency, currency.uppercased() != rate.currency { continue }
                table.add([rate.currency, rate.from, rate.rate, rate.revision ? "revision" : "monthly", "\(rate.seq)"])
            }
            print(table.render(), terminator: "")
        }
    }

    static func effective(month: String?, from: String?) throws -> (LedgerDate, Bool) {
        switch (month, from) {
        case (let month?, nil):
            do { return (try LedgerDate(parsing: month + "-01"), false) } catch {
                throw InputError("--month \(month): expected YYYY-MM, e.g. 2026-03")
            }
        case (nil, let from?):
            let day = try parseDate(from, option: "--from")
            return (day, day.day != 1)
        default:
            throw InputError("give either --month YYYY-MM (a monthly set) or --from YYYY-MM-DD (a revision)")
        }
    }

    static func pair(_ text: String, context: String) throws -> (Currency, Decimal64) {
        let parts = text.split(separator: "=", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw InputError("\(context) \"\(text)\": expected CUR=RATE, e.g. EUR=0.9200") }
        do {
            let rate = try Decimal64(parsing: String(parts[1]))
            guard rate.significand > 0 else { throw InputError("\(context) \"\(text)\": a rate must be more than zero") }
            return (try Currency(code: String(parts[0]).uppercased()), rate)
        } catch let error as InputError { throw error } catch {
            throw InputError("\(context) \"\(text)\": \(error)")
        }
    }
}
