import ArgumentParser
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund
import SafeIO

struct PostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Record a manual journal voucher: postings that balance, signed with your key.",
        discussion: """
            From a file:
              vtf post --file entry.json
            where entry.json is
              {"date": "2026-03-02", "memo": "Opening cash", "ref": "V-001",
               "postings": [{"account": "1100", "amount": "1500.00", "currency": "USD"},
                            {"account": "3100", "amount": "-1500.00", "currency": "USD"}]}

            Or with flags, one --posting ACCOUNT:AMOUNT[:CURRENCY[:VALUE]] per line:
              vtf post --date 2026-03-02 --memo "Opening cash" --posting 1100:1500.00 \\
                  --posting 3100:-1500.00

            Debits are positive, credits negative. Amounts are decimal strings in the currency's minor \
            unit (USD 1500.00, JPY 1500). A posting in another currency needs its value in the fund's \
            currency: 1100:1000.00:EUR:1086.96. Per currency the amounts must sum to zero, and the \
            values must sum to zero. A ref is unique: posting the same ref twice is refused.

            On a fund ledger (vtf init --template unvtf) a manual voucher needs two people: vtf post \
            records a request and prints its REF; a certifying officer runs vtf certify REF and an \
            approving officer vtf approve REF, which posts it.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Option(help: ArgumentHelp("A JSON file with the entry (see above).", valueName: "file"))
    var file: String?

    @Option(help: "The accounting date, YYYY-MM-DD (default: today).")
    var date: String?

    @Option(help: "What the entry is about, for people.")
    var memo: String?

    @Option(help: "An external reference, unique among vouchers (e.g. the voucher number).")
    var ref: String?

    @Option(help: ArgumentHelp("ACCOUNT:AMOUNT[:CURRENCY[:VALUE]]; repeat for each line.", valueName: "line"))
    var posting: [String] = []

    func run() async throws {
        let ledger = try await global.openWriting()
        guard let settings = try await ledger.settings() else { throw InputError("the ledger has no genesis entry") }
        let draft: EntryDraft
        if let file {
            guard date == nil, memo == nil, ref == nil, posting.isEmpty else {
                throw InputError("give either --file or --date/--memo/--ref/--posting, not both")
            }
            let bytes = try InputFile.read(file, option: "--file")
            let json: JSONValue
            do { json = try JSONParser.parse([UInt8](bytes)) } catch { throw InputError("\(file): not valid JSON: \(error)") }
            draft = try VoucherInput.draft(json: json, fundCurrency: settings.currency, context: file)
        } else {
            guard let memo else { throw InputError("--memo is needed (or --file)") }
            guard posting.count >= 2 else { throw InputError("give at least two --posting lines (or --file)") }
            let postings = try posting.enumerated().map { try VoucherInput.posting(flag: $1, fundCurrency: settings.currency, index: $0) }
            draft = EntryDraft(kind: .voucher, date: try parseDate(date), ref: ref, memo: memo, postings: postings)
        }
        if try await StoreRecords.isControlled("voucher", in: ledger) {
            let day = draft.date
            let request = FundDrafts.voucherRequest(postings: draft.postings, date: day, ref: draft.ref, memo: draft.memo)
            try await global.recordRequest(request, in: ledger, settings: settings, "a manual voucher of \(draft.postings.count) postings")
            return
        }
        let entry = try await global.record(draft, in: ledger)
        print("posted entry \(entry.body.seq) (\(entry.body.postings.count) postings\(entry.body.ref.map { ", ref \($0)" } ?? ""))")
    }
}

struct ReverseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reverse",
        abstract: "Correct an entry by posting its exact negation (nothing is ever edited or deleted).",
        discussion: """
            Example:  vtf reverse 42 --memo "Posted to the wrong account"

            On a fund ledger a correction needs two people: vtf reverse records a request (it prints \
            a REF); a certifying officer runs vtf certify REF and an approving officer vtf approve REF, \
            which posts the negation and puts the fund's records (agreement, grant, …) back as they \
            were. Entries are undone in reverse order: a receipt before the agreement it paid.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Argument(help: "The seq of the entry to reverse (see vtf journal export).")
    var seq: UInt64

    @Option(help: "Why (default: \"Reversal of entry SEQ\").")
    var memo: String?

    @Option(help: "The accounting date of the reversal (default: today).")
    var date: String?

    func run() async throws {
        let ledger = try await global.openWriting()
        guard let target = try await ledger.entry(at: seq) else {
            let count = try await ledger.entryCount()
            throw InputError("there is no entry \(seq) (the journal has \(count) entries)")
        }
        guard !target.body.postings.isEmpty else {
            throw RuleViolation(.notReversible, "entry \(seq) (\(target.body.kind.rawValue)) has no postings to reverse")
        }
        if try await StoreRecords.isControlled("reversal", in: ledger) {
            guard let settings = try await ledger.settings() else { throw InputError("the ledger has no genesis entry") }
            let day = try parseDate(date)
            let request = FundDrafts.reversalRequest(
                of: seq, date: day, ref: nil, memo: memo ?? "Reversal of entry \(seq)")
            try await global.recordRequest(request, in: ledger, settings: settings, "the reversal of entry \(seq) (\(target.body.kind.rawValue))")
            return
        }
        let draft = EntryDraft(
            kind: .reversal, date: try parseDate(date), memo: memo ?? "Reversal of entry \(seq)",
            postings: try LedgerRules.negated(target.body.postings), data: JSONObject([("reverses", .integer(Int64(seq)))]))
        let entry = try await global.record(draft, in: ledger)
        print("posted entry \(entry.body.seq), reversing entry \(seq)")
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record many vouchers from a JSON Lines file (one `vtf post --file` object per line).",
        discussion: """
            All or nothing. Every line is checked first, without holding the ledger's write lock \
            (others can record meanwhile); if any is refused, nothing is recorded and the line is named. \
            Then the vouchers are signed (on every core) and appended in ONE transaction (one checkpoint \
            per batch), as checked; if others recorded meanwhile, they are first checked again against \
            the ledger as it then stands. Exit status 2 means nothing was recorded. With --format json, \
            stdout holds each entry recorded, one `vtf journal export` line each.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Option(help: ArgumentHelp("The JSON Lines file.", valueName: "file"))
    var file: String

    @Option(help: "Entries per transaction.")
    var batchSize: Int = 4000

    func run() async throws {
        guard batchSize >= 1 && batchSize <= 100_000 else { throw InputError("--batch-size must be between 1 and 100000") }
        try InputFile.check(file, option: "--file")
        let ledger = try await global.openWriting()
        guard let settings = try await ledger.settings() else { throw InputError("the ledger has no genesis entry") }
        let keys = try await global.writeKeys(for: ledger)
        let started = Date()
        let (path, currency) = (file, settings.currency)
        let seqs = try await ledger.appendBulk(
            { try VoucherLines(path: path, fundCurrency: currency) }, keys: keys, batchSize: batchSize, threads: Parallel.coreCount,
            progress: { Terminal.progress("signed \($0) entries") })
        Terminal.endProgress()
        guard !seqs.isEmpty else { throw InputError("--file \(file) holds no vouchers (blank lines only): nothing was recorded") }
        let seconds = Date().timeIntervalSince(started)
        print("imported \(seqs.count) entries in \(String(format: "%.2f", seconds)) s")
        // The import's entries follow each other (one transaction); read back one at a time.
        if OutputMode.json {
            for seq in seqs { JSONOutput.wrote(try await ledger.entry(at: seq).map { [$0] } ?? []) }
        }
    }
}
