public import BankStatements
import CanonicalJSON
import Foundation
public import LedgerCore
public import LedgerJournal
import TrustFundRules
import TransparencyLog
public import LedgerStore
public import Reconciliation

/// A bank line no rule matched, with its suggestions, for the output.
public struct UnmatchedBankLine: Sendable {
    /// The bank line.
    public let line: BankLine
    /// Its place among all the lines of the files (1-based), for the output order.
    public let ordinal: Int
    /// Book lines that may be its match, best first, with their scores (never accepted).
    public let suggestions: [Suggestion]
}

/// One statement file matched against one account: what `vtf reconcile bank` shows and commits.
/// The file is read twice, never whole: a survey (``StatementInput``), then the lines that could
/// match (`ScopedBankLines`); memory grows with the books and the matchable lines, not with
/// the file. Made by ``reconcile(_:in:)``; ``book(in:date:keys:)`` records it.
public struct BankReconciliation: Sendable {
    /// The most unmatched bank lines listed (``unmatchedBank``; all are counted).
    public static let unmatchedLimit = ScopedBankLines.unmatchedLimit

    /// The statement files read, what was chosen of them and what was set aside.
    public let input: StatementInput
    /// The ledger's settings (its fund currency), for the output.
    public let settings: LedgerSettings
    /// The ledger account reconciled.
    public let account: AccountCode
    /// The statements' currency: the account's postings in it are the book side.
    public let currency: Currency
    /// The bank lines given to the matcher (those that could match), in file order.
    public let bank: [BankLine]
    /// The books' side: the account's postings in the window, and earlier reconciliations.
    public let book: BookSide
    /// What the matcher found: pairs with their rule, unmatched lines, duplicates, suggestions.
    public let result: MatchResult
    /// The first day the statements cover.
    public let from: LedgerDate
    /// The last day the statements cover.
    public let to: LedgerDate
    /// The last statement's closing balance.
    public let closing: BankStatement.Balance
    /// Whether the bank gave that closing balance (a CSV export may give none: then the
    /// statement's "closing" is only the sum of its lines, and is not compared with the books).
    public let closingGiven: Bool
    /// The account's balance in ``currency`` on the closing balance's day.
    public let bookBalance: Amount
    /// Book lines of the period that no bank line matched (earlier reconciliations excluded).
    public let unmatchedBook: [BookLine]
    /// The first ``unmatchedLimit`` unmatched bank lines in file order.
    public let unmatchedBank: [UnmatchedBankLine]
    /// How many bank lines are unmatched in all.
    public let unmatchedBankCount: Int
    /// Unmatched debit lines the bank marks as charges: booked on approval with --commit.
    public let charges: [BankLine]
    /// Book lines by id, for the output.
    let bookByID: [BookLineID: BookLine]
    /// The source lines of ``charges``.
    public let chargeLines: Set<Int>
    /// Bank lines of no amount (a bank's notice, a zero-value entry): information, neither
    /// matched nor left unmatched, so they cannot keep a statement from reconciling.
    public let zeroLines: [BankLine]

    /// Reads and scopes the statement files `request` names, builds the book side of its
    /// account from `ledger` and matches them. Refusals are ``BankReconciliationError``s (an
    /// account code that does not parse throws `AccountCodeError`); the ledger is only read.
    public static func reconcile(_ request: BankReconciliationRequest, in ledger: any StoreSnapshot) throws -> BankReconciliation {
        guard (0...31).contains(request.windowDays) else {
            throw BankReconciliationError(.badWindow, "--window-days must be 0…31")
        }
        guard let settings = try ledger.settings() else { throw BankReconciliationError(.noGenesis, "the ledger has no genesis entry") }
        let code = try AccountCode(request.account)
        guard try ledger.accounts().contains(where: { $0.code == code }) else {
            throw BankReconciliationError(.unknownAccount, "--account \(request.account): there is no such account (vtf account list shows them)")
        }
        let currencies = try ledger.accountCurrencies(code)
        let bankAccount = request.bankAccount
        let input = try StatementInput(
            paths: request.statements, format: request.statementFormat, mapping: request.mapping, encoding: request.encoding
        ) { statements, fileName in
            try StatementSelection.choose(statements, fileName: fileName, bankAccount: bankAccount, bookCurrencies: currencies)
        }
        return try BankReconciliation(input: input, settings: settings, ledger: ledger, account: code, windowDays: request.windowDays)
    }

    init(input: StatementInput, settings: LedgerSettings, ledger: any StoreSnapshot, account: AccountCode, windowDays: Int) throws {
        self.input = input
        self.settings = settings
        self.account = account
        let statements = input.statements
        let accounts = Set(statements.map(\.account))
        guard accounts.count == 1, let first = statements.first, let last = statements.last else {
            throw BankReconciliationError(.severalAccounts, "\(input.fileName) holds statements of several bank accounts (\(accounts.sorted().map(BankText.escaped).joined(separator: ", "))); choose one with --bank-account IBAN|ID")
        }
        currency = first.currency
        guard statements.allSatisfy({ $0.currency == first.currency }) else {
            throw BankReconciliationError(.severalCurrencies, "\(input.fileName) mixes currencies in account \(BankText.escaped(first.account)); split the file by currency")
        }
        from = min(input.survey.earliest ?? first.opening.date, first.opening.date, last.closing.date)
        to = max(input.survey.latest ?? last.closing.date, first.opening.date, last.closing.date)
        closing = last.closing
        closingGiven = last.balancesGiven
        let book = try BookSide(ledger, account: account, currency: currency, from: from.addingClamped(days: -windowDays), through: to.addingClamped(days: windowDays))
        self.book = book
        let options = MatchOptions(windowDays: windowDays, priorMatches: book.prior)
        var scoped = ScopedBankLines(scope: MatchScope(book: book.lines, options: options), ids: input.survey.ids)
        try input.rescan(&scoped)
        bank = scoped.lines
        // Book lines an earlier reconciliation matched are out of play, except for the bank lines
        // of that reconciliation seen again (rule 1 matches them the same way).
        let bankIDs = Set(bank.compactMap(\.bankID))
        let revisited = Set(book.prior.filter { bankIDs.contains($0.key) }.flatMap(\.value))
        let open = book.lines.filter { !book.reconciled.contains($0.id) || revisited.contains($0.id) }
        let result = Matcher.match(bank: bank, book: open, options: options)
        self.result = result
        bookByID = Dictionary(book.lines.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let unmatched = Set(result.unmatchedBook)
        let (from, to) = (from, to)
        unmatchedBook = book.lines.filter {
            unmatched.contains($0.id) && !book.reconciled.contains($0.id)
                && $0.date >= from && $0.date <= to
        }
        bookBalance = try ledger.accountBalance(account, currency: currency, asOf: closing.date)
        let bank = bank
        charges = result.unmatchedBank.map { bank[$0.index] }.filter { $0.amount.isNegative && Self.isCharge($0) }
        chargeLines = Set(charges.map(\.sourceLine))
        zeroLines = scoped.zero
        (unmatchedBank, unmatchedBankCount) = Self.unmatched(result, scoped: scoped)
    }

    /// The first unmatched bank lines in file order, merged from those the matcher left and
    /// those outside its scope, and how many there are.
    static func unmatched(_ result: MatchResult, scoped: ScopedBankLines) -> ([UnmatchedBankLine], Int) {
        let suggestions = Dictionary(grouping: result.suggestions, by: \.bank.index)
        let limit = ScopedBankLines.unmatchedLimit
        let inScope = result.unmatchedBank.prefix(limit).map { ref in
            UnmatchedBankLine(line: scoped.lines[ref.index], ordinal: scoped.ordinals[ref.index], suggestions: suggestions[ref.index] ?? [])
        }
        let outside = scoped.outside.map { UnmatchedBankLine(line: $0.line, ordinal: $0.ordinal, suggestions: []) }
        let merged = (inScope + outside).sorted { ($0.line.sourceLine, $0.ordinal) < ($1.line.sourceLine, $1.ordinal) }
        return (Array(merged.prefix(limit)), result.unmatchedBank.count + scoped.outsideCount)
    }

    /// Whether the bank marks a line as its charges (camt family/sub-family CHRG, MT940 NCHG or
    /// NCOM, or a text that says so).
    static func isCharge(_ line: BankLine) -> Bool {
        let code = (line.transactionCode ?? "").uppercased()
        if code.contains("CHRG") || code.hasSuffix("NCHG") || code.hasSuffix("NCOM") || code == "CHG" { return true }
        let text = line.text.lowercased()
        return ["bank charge", "service charge", "account fee", "frais bancaires", "commission"].contains { text.contains($0) }
    }

    /// Everything matched, the balances agree, every statement continuous.
    public var agrees: Bool {
        unmatchedBankCount == 0 && unmatchedBook.isEmpty && result.duplicates.isEmpty && closing.amount == bookBalance
            && input.continuity.isEmpty
    }

    /// A book line for people: "entry 12 contribution.receive AGR-1 2026-03-05 100.00".
    public func describe(_ id: BookLineID) -> String {
        guard let line = bookByID[id] else { return "entry \(id.seq)" }
        let ref = line.references.first.map { " \($0)" } ?? ""
        return "entry \(line.seq) \(line.kind)\(ref) \(line.date) \(line.amount.decimalString)"
    }

    /// The `data` of the `bank.reconcile` entry.
    func commitData(charges: [String]) -> JSONObject {
        var data: JSONObject = [
            "statement_sha256": .string(input.sha256), "account": .string(account.rawValue), "currency": .string(currency.code),
            "from": .string(from.description), "to": .string(to.description), "closing": .string(closing.amount.decimalString),
            "book_balance": .string(bookBalance.decimalString),
            "pairs": .array(result.matches.map { match in
                let line = bank[match.bank.index]
                var pair: JSONObject = [
                    "line": .integer(Int64(line.sourceLine)), "amount": .string(line.amount.decimalString),
                    "seqs": .array(match.book.map { .integer(Int64($0.seq)) }), "lines": .array(match.book.map { .integer(Int64($0.line)) }),
                    "rule": .integer(Int64(match.rule.rawValue)),
                ]
                if let bankID = line.bankID { pair["bank_id"] = .string(bankID) }
                return .object(pair)
            }),
        ]
        if !charges.isEmpty { data["charges"] = .array(charges.map(JSONValue.string)) }
        return data
    }
}
