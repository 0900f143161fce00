import ArgumentParser
import BankReconciliationBooking
import BankStatements
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import Reconciliation
import TrustFund

struct BankReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bank",
        abstract: "Match a bank statement (camt.053, MT940, CSV) against an account of the books.",
        discussion: """
            Bank lines are matched to the account's postings in the statement's currency, in this \
            order, each rule taking only a unique hit:
              1 the bank's unique id, matched by an earlier committed reconciliation (re-imports match the same)
              2 an end-to-end id or structured reference equal to a receipt's --bank-ref, an agreement or a payment ref
              3 the exact amount within --window-days of the value date, with the same counterparty
              4 one batch bank line against several book lines (a bounded subset-sum)
              5 fuzzy candidates, shown as suggestions with their score, never accepted
            It lists the matched pairs with their rule, the unmatched bank and book lines, and the \
            statement's closing balance against the account's balance at that date; every statement \
            is checked for continuity (opening + lines = closing, and each against the next).
            Exit 0 when everything is matched and the balances agree, else 1.

            The statement is read as a stream, twice, in bounded memory whatever its size: it must \
            be a regular file (not a FIFO or device), with lines up to 64 KiB; a CSV file must be \
            UTF-8 unless its mapping says "encoding": "ISO-8859-1". The JSON lists the first 1,000 \
            unmatched bank lines and counts them all (unmatched_bank_count). Bank text is printed \
            with control characters escaped.

            --commit records the reconciliation as a signed entry (the statement's SHA-256, its \
            period and the matched pairs) and, on a fund ledger, requests the bank charges found on \
            the statement (booked when certified and approved). Committing the same statement again \
            changes nothing.

            A file of several bank accounts (camt Stmt of several IBANs, MT940 with several :25:) \
            is read for the account --bank-account names, or, without it, for its one account in a \
            currency the ledger account has postings in; the other statements are set aside and \
            listed, as are entries not booked (pending, information). camt.052/054 and MT942 are \
            interim reports, refused by name: reconcile the day's statement. Pages of one statement \
            (camt StmtPgntn, interim ITBD balances), in one file or several given in page order, are \
            merged into one statement before the balance checks.

            Examples:
              vtf reconcile bank --statement march.xml --account 1100
              vtf reconcile bank --statement march.sta --account 1100 --format json
              vtf reconcile bank --statement all-accounts.xml --account 1100 \\
                  --bank-account BE71096123456769
              vtf reconcile bank --statement march-p1.xml --statement march-p2.xml \\
                  --account 1100
              vtf reconcile bank --statement export.csv --statement-format csv \\
                  --mapping bank.json --account 1100 --commit
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(
        "The statement file; repeat it for a statement the bank sends in several files (pages), in page order.",
        valueName: "file"))
    var statement: [String]
    @Option(help: "camt053, mt940 or csv (default: told from the file; csv needs --mapping).") var statementFormat: String?
    @Option(help: ArgumentHelp("For CSV: the mapping file (columns, date format, decimal separator).", valueName: "file"))
    var mapping: String?
    @Option(help: ArgumentHelp("For MT940: the file's code page, e.g. windows-1250, CP852, CP850 (default: UTF-8, else ISO-8859-1).", valueName: "name"))
    var encoding: String?
    @Option(help: "The ledger account the statement is for, e.g. 1100.") var account: String
    @Option(help: ArgumentHelp(
        "When the file holds several bank accounts: the one to reconcile (its IBAN or the bank's account id).",
        valueName: "IBAN|ID"))
    var bankAccount: String?
    @Option(help: "How many days a book date may be from the bank's value date (rules 3 and 4).") var windowDays: Int = 3
    @Option(help: "Output format: text or json (csv is refused: the result is not one table).") var format: OutputFormat = .text
    @Flag(help: "Record the reconciliation as a signed entry (needs --key).") var commit = false
    @Option(help: "With --commit: the accounting date of the entry (default: today).") var date: String?

    func run() async throws {
        guard (0...31).contains(windowDays) else { throw InputError("--window-days must be 0…31") }
        guard format != .csv else {
            throw InputError("--format csv: reconcile bank writes text or json (its result is several tables); use --format json")
        }
        let writing: (any LedgerWriting)? = commit ? try await global.openWriting() : nil
        let store: any LedgerReading = if let writing { writing } else { try await global.openReading() }
        let request = BankReconciliationRequest(
            statements: statement, statementFormat: statementFormat, mapping: mapping, encoding: encoding,
            account: account, bankAccount: bankAccount, windowDays: windowDays)
        let run = try await store.read { try BankReconciliation.reconcile(request, in: $0) }
        switch format {
        case .json: print(try JSONCanonicalizer.canonicalString(run.json))
        case .text, .csv: print(run.text(settings: run.settings), terminator: "")
        }
        if let writing {
            switch try await run.book(in: writing, date: { try parseDate(date) }, keys: { try await global.writeKeys(for: writing) }) {
            case .alreadyBooked(let seq):
                Terminal.note("this statement was committed for \(run.account) in entry \(seq); nothing changed")
            case .booked(let seq, let pairs, let charges):
                Terminal.note("committed: entry \(seq) (bank.reconcile) records \(pairs) matched pairs of \(run.input.fileName)")
                if !charges.isEmpty {
                    Terminal.note("requested bank charges: \(charges.joined(separator: ", ")); a certifying and an approving officer book them (vtf pending)")
                }
            }
        }
        if !run.agrees { throw ExitCode(1) }
    }
}
