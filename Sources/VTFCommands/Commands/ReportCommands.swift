import ArgumentParser
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore

struct BalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "The trial balance: every account's balance per currency, debits positive.",
        discussion: """
            Each line shows the amount in its own currency and its value in the fund's currency. \
            The values of all lines sum to zero. --as-of includes entries dated on that day.
            JSON: {"as_of": DATE|null, "rows": [{"account", "currency", "amount", "value"}]}
            (schema: Schemas/json/balance.schema.json).
            """)

    @OptionGroup var global: LedgerOptions

    @Option(help: "Only entries dated on or before this day (YYYY-MM-DD).")
    var asOf: String?

    @Option(help: "Output format: text, csv or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let date = try asOf.map { try parseDate($0, option: "--as-of") }
        let store = try await global.openReading()
        let (settings, rows) = try await store.read { ledger in
            guard let settings = try ledger.settings() else { throw InputError("the ledger has no genesis entry") }
            return (settings, try ledger.trialBalance(asOf: date))
        }
        switch format {
        case .text: print(TrialBalanceText.render(rows, settings: settings, asOf: date), terminator: "")
        case .csv:
            print(CSV.line(["account", "currency", "amount", "value"]) + rows.map {
                CSV.line([$0.account.rawValue, $0.amount.currency.code, $0.amount.decimalString, $0.value.decimalString])
            }.joined(), terminator: "")
        case .json:
            let items: [JSONValue] = rows.map {
                .object(JSONObject([
                    ("account", .string($0.account.rawValue)), ("currency", .string($0.amount.currency.code)),
                    ("amount", .string($0.amount.decimalString)), ("value", .string($0.value.decimalString)),
                ]))
            }
            let object = JSONObject([("as_of", date.map { .string($0.description) } ?? .null), ("rows", .array(items))])
            print(try JSONCanonicalizer.canonicalString(.object(object)))
        }
    }
}

/// The trial balance as a table for people, with debit and credit columns and their totals.
enum TrialBalanceText {
    static func render(_ rows: [TrialBalanceRow], settings: LedgerSettings, asOf: LedgerDate?) -> String {
        let fund = settings.currency
        var table = TextTable([
            ("ACCOUNT", .left), ("CURRENCY", .left), ("AMOUNT", .right),
            ("DEBIT \(fund.code)", .right), ("CREDIT \(fund.code)", .right),
        ])
        var debits = Amount.zero(fund)
        var credits = Amount.zero(fund)
        for row in rows {
            let isDebit = row.value.minorUnits > 0
            if isDebit { debits = (try? debits.adding(row.value)) ?? debits } else { credits = (try? credits.subtracting(row.value)) ?? credits }
            let credit = (try? row.value.negated())?.decimalString ?? ""
            table.add([
                row.account.rawValue, row.amount.currency.code, PeopleNumber.grouped(row.amount.decimalString),
                isDebit ? PeopleNumber.grouped(row.value.decimalString) : "", isDebit ? "" : PeopleNumber.grouped(credit),
            ])
        }
        table.add(["total", "", "", PeopleNumber.grouped(debits.decimalString), PeopleNumber.grouped(credits.decimalString)])
        let title = "Trial balance of \(settings.fundName)" + (asOf.map { " as of \($0)" } ?? "")
        return title + "\n\n" + table.render()
    }
}

struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Export the signed journal.",
        discussion: """
            Each line of the export is the exact signed bytes of one entry, in order: what auditors recompute \
            from.
            Example:  vtf journal export --out journal.jsonl
            """,
        subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the journal as JSON Lines: each line the RFC 8785 bytes of one signed entry.",
            discussion: """
                This file, the checkpoints and the public keys are all an outside verifier needs (see \
                Audit/AUDITOR-GUIDE.md). --format csv writes it for spreadsheets instead: a row per posting \
                (seq, date, recorded, kind, ref, memo, signer, account, currency, amount, value), an entry \
                without postings as one row; UTF-8 with a byte-order mark, so that Excel reads the accents; \
                a text cell a spreadsheet would run as a formula (=, +, -, @) starts with '; amounts stay numbers.
                Example:  vtf journal export --format csv --out journal.csv
                """)

        /// JSON Lines (the signed bytes) or CSV for spreadsheets.
        enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }

        @OptionGroup var global: LedgerOptions

        @Option(help: "jsonl (the signed entries, for verifiers) or csv (a row per posting, for spreadsheets).")
        var format: Format = .jsonl

        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var out: String?

        @Flag(help: "Replace the --out file if it exists (never a ledger).")
        var force = false

        /// Entries read per call: memory stays flat whatever the journal's size.
        static let pageSize: UInt64 = 4_096

        /// The output, opened outside `run()`: Swift 6.3's optimiser crashes (signal 11, splitting
        /// the coroutine) when OutputSink's typed-throws initialiser is inlined into an async function.
        @inline(never)
        static func openSink(_ path: String?, guard outputGuard: OutputGuard, force: Bool) throws -> OutputSink {
            try OutputSink(path: path, guard: outputGuard, force: force)
        }

        /// One line per entry (not inlined either: its writes throw typed errors too).
        @inline(never)
        static func write(_ lines: [[UInt8]], to sink: OutputSink, finishing: Bool = false) throws {
            for line in lines {
                try sink.write(line)
                if line.last != 0x0A { try sink.write([0x0A]) }
            }
            if finishing { try sink.finish() }
        }

        func run() async throws {
            let store = try await global.openReading()
            let currency = try await store.settings()?.currency
            let sink = try Self.openSink(out, guard: global.outputGuard(), force: force)
            if format == .csv { try Self.write([JournalCSV.header], to: sink) }
            // The size is read first: entries appended meanwhile are left for the next export.
            let count = try await store.entryCount()
            var next: UInt64 = 0
            while next < count {
                let page = next..<min(count, next + Self.pageSize)
                let lines = try await store.exportLines(page)
                try Self.write(format == .csv ? try JournalCSV.rows(lines, from: page.lowerBound, fundCurrency: currency) : lines, to: sink)
                next = page.upperBound
            }
            try Self.write([], to: sink, finishing: true)
            if let out { Terminal.note("wrote \(count) entries to \(out)") }
        }
    }
}
