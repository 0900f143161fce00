import BankStatements
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Reconciliation

/// A bank line no rule matched, with its suggestions, for the output.
struct UnmatchedBankLine {
    let line: BankLine
    let ordinal: Int
    let suggestions: [Suggestion]
}

/// One statement file matched against one account: what `vtf reconcile bank` shows and commits.
/// The file is read twice, never whole: a survey (``StatementInput``), then the lines that could
/// match (``ScopedBankLines``); memory grows with the books and the matchable lines, not with
/// the file.
struct BankReconciliation {
    let input: StatementInput
    let account: AccountCode
    let currency: Currency
    /// The bank lines given to the matcher (those that could match), in file order.
    let bank: [BankLine]
    let book: BookSide
    let result: MatchResult
    let from: LedgerDate
    let to: LedgerDate
    /// The last statement's closing balance, and the account's balance on that day.
    let closing: BankStatement.Balance
    let bookBalance: Amount
    /// Book lines of the period that no bank line matched (earlier reconciliations excluded).
    let unmatchedBook: [BookLine]
    /// The first ``ScopedBankLines/unmatchedLimit`` unmatched bank lines in file order, and how
    /// many there are in all.
    let unmatchedBank: [UnmatchedBankLine]
    let unmatchedBankCount: Int
    /// Unmatched debit lines the bank marks as charges: booked on approval with --commit.
    let charges: [BankLine]
    /// Book lines by id, for the output.
    let bookByID: [BookLineID: BookLine]
    let chargeLines: Set<Int>

    init(input: StatementInput, ledger: LedgerFile, account: AccountCode, windowDays: Int) throws {
        self.input = input
        self.account = account
        let statements = input.statements
        let accounts = Set(statements.map(\.account))
        guard accounts.count == 1, let first = statements.first, let last = statements.last else {
            throw InputError("\(input.fileName) holds statements of several bank accounts (\(accounts.sorted().map(BankText.escaped).joined(separator: ", "))); choose one with --bank-account IBAN|ID")
        }
        currency = first.currency
        guard statements.allSatisfy({ $0.currency == first.currency }) else {
            throw InputError("\(input.fileName) mixes currencies in account \(BankText.escaped(first.account)); split the file by currency")
        }
        from = min(input.survey.earliest ?? first.opening.date, first.opening.date, last.closing.date)
        to = max(input.survey.latest ?? last.closing.date, first.opening.date, last.closing.date)
        closing = last.closing
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
    var agrees: Bool {
        unmatchedBankCount == 0 && unmatchedBook.isEmpty && result.duplicates.isEmpty && closing.amount == bookBalance
            && input.continuity.isEmpty
    }

    func describe(_ id: BookLineID) -> String {
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
