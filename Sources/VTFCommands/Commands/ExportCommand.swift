import ArgumentParser
import LedgerJournal
import PlainTextLedgers
import SafeIO
import TrustFundRules

/// `vtf export hledger|ledger|beancount`: the books as journals the plain-text accounting tools
/// read (issue 16 point 3); `vtf export iati`: the fund as IATI 2.03 XML (issue 16 point 2).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the books for other tools: hledger, Ledger and Beancount journals; IATI 2.03 XML.",
        discussion: """
            Every entry that posts, read after the journal is checked against its signed checkpoints: \
            date, ref, memo, seq and kind; each posting's amount in its own currency and its value in \
            the fund currency. hledger and Beancount carry the value as the amount's total cost \
            (100.00 EUR @@ 110.00 USD: hledger bal -B, and Beancount's weight, report values); Ledger \
            in a FundValue tag (ledger bal --amount 'tag("FundValue")'), because Ledger 3.3 slows down on \
            many @@ totals. Accounts are named under the root of their type: 1200.BEL is \
            Assets:1200:BEL.
            Without --out the journal goes to standard output.
            vtf export iati writes the fund for the International Aid Transparency Initiative \
            (organisation.xml and activities.xml, version 2.03) into the folder --out names.
            Example:  vtf export hledger --ledger unvtf.ledger | hledger -f - bal -B
            """,
        subcommands: [Hledger.self, Ledger.self, Beancount.self, Iati.self])

    struct Hledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The books as an hledger journal (values as total costs, @@).",
            discussion: """
                hledger bal shows amounts in their own currencies, hledger bal -B values in the fund \
                currency; a value without an amount (a revaluation) is a fund-currency posting tagged \
                revalues:CUR.
                Example:
                  vtf export hledger --out unvtf.journal && hledger -f unvtf.journal bal -B
                """)
        @OptionGroup var export: PlainTextExportOptions
        func run() async throws { try await export.write(.hledger) }
    }

    struct Ledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The books as a Ledger journal (values in each posting's FundValue tag).",
            discussion: """
                ledger bal shows amounts in their own currencies; ledger bal --amount 'tag("FundValue")' \
                values in the fund currency. Where a transaction's amounts do not balance in a currency, \
                a posting to Equity:_conversion balances it.
                Example:
                  vtf export ledger --out unvtf.ledger.txt && ledger -f unvtf.ledger.txt bal
                """)
        @OptionGroup var export: PlainTextExportOptions
        func run() async throws { try await export.write(.ledger) }
    }

    struct Beancount: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The books as a Beancount file (values as total costs, @@).",
            discussion: """
                Every account is opened at the first entry's date with its name as metadata; each \
                entry's seq, kind and ref are metadata too. A posting's weight is its value.
                Example:
                  vtf export beancount --out unvtf.beancount && bean-check unvtf.beancount
                """)
        @OptionGroup var export: PlainTextExportOptions
        func run() async throws { try await export.write(.beancount) }
    }
}

/// What every `vtf export` of a plain-text journal takes.
struct PlainTextExportOptions: ParsableArguments {
    @OptionGroup var global: LedgerOptions

    @Option(help: ArgumentHelp("The file to write (default: standard output).", valueName: "path"))
    var out: String?

    @Flag(help: "Replace the file if it exists (never a ledger).")
    var force = false

    /// Reads the books (checked), writes them as `format`, and says what it wrote.
    func write(_ format: PlainTextFormat) async throws {
        let store = try await global.openReading()
        let books = try await store.read { try PlainTextBooks.read($0, kinds: LedgerRules.unvtf.kinds) }
        let text: String
        do { text = try books.render(format) } catch let error as PlainTextError { throw InputError(error.description) }
        guard let out else { return print(text, terminator: "") }
        try OutputFile.write(Array(text.utf8), to: out, guard: global.outputGuard(), force: force)
        Terminal.note("wrote \(out): \(books.entries.count) transactions in \(books.accounts.count) accounts, in \(format.rawValue)'s format")
    }
}
