import BankStatements
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerLog
import LedgerStore
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
            throw InputError("\(input.fileName) holds statements of several bank accounts (\(accounts.sorted().map(BankText.escaped).joined(separator: ", "))); split the file")
        }
        currency = first.currency
        guard statements.allSatisfy({ $0.currency == first.currency }) else {
            throw InputError("\(input.fileName) mixes currencies; split the file by currency")
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

    // MARK: Output

    func text(settings: LedgerSettings) -> String {
        let counts = result.counts
        var out = "Bank reconciliation of \(BankText.escaped(input.fileName)) (sha256 \(input.sha256.prefix(16))…) against \(account) in \(currency.code)\n"
        out += "\(input.statements.count) statement(s), \(input.lineCount) bank lines, \(from) to \(to); \(book.lines.count) book lines in the window\n\n"
        var matched = TextTable([("BANK LINE", .right), ("BANK ID", .left), ("VALUE DATE", .left), ("AMOUNT", .right), ("RULE", .left), ("BOOK", .left)])
        for match in result.matches.prefix(200) {
            let line = bank[match.bank.index]
            matched.add(["\(line.sourceLine)", BankText.escaped(line.bankID ?? ""), line.valueDate.description, line.amount.decimalString,
                         "\(match.rule.rawValue) \(match.rule.name)", match.book.map(describe).joined(separator: "; ")])
        }
        out += "Matched: \(counts.matchedBank) bank lines to \(counts.matchedBook) book lines"
        out += " (" + MatchRule.allCases.map { "rule \($0.rawValue): \(counts.matchedByRule[$0] ?? 0)" }.joined(separator: ", ") + ")\n"
        out += matched.render() + (result.matches.count > 200 ? "… and \(result.matches.count - 200) more (--format json lists all)\n" : "")
        out += "\nUnmatched bank lines: \(unmatchedBankCount)\n"
        var unmatchedBank = TextTable([("BANK LINE", .right), ("VALUE DATE", .left), ("AMOUNT", .right), ("TEXT", .left), ("SUGGESTION (score)", .left)])
        for unmatched in self.unmatchedBank.prefix(200) {
            let line = unmatched.line
            let best = unmatched.suggestions.first
            let charge = chargeLines.contains(line.sourceLine) ? "bank charges: booked on approval with --commit" : ""
            unmatchedBank.add(["\(line.sourceLine)", line.valueDate.description, line.amount.decimalString, BankText.escaped(String(line.text.prefix(40))),
                               best.map { "\(describe($0.book)) (\($0.score))" } ?? charge])
        }
        if unmatchedBankCount > 0 { out += unmatchedBank.render() }
        if unmatchedBankCount > 200 { out += "… and \(unmatchedBankCount - 200) more (--format json lists the first \(ScopedBankLines.unmatchedLimit))\n" }
        out += "\nUnmatched book lines: \(unmatchedBook.count)\n"
        for line in unmatchedBook.prefix(200) { out += "  " + describe(line.id) + "\n" }
        for duplicate in result.duplicates { out += "duplicate: bank line \(duplicate.bank.sourceLine) repeats the bank id of line \(duplicate.first.sourceLine)\n" }
        out += "\nClosing balance \(closing.date): statement \(closing.amount.decimalString), books \(bookBalance.decimalString) \(currency.code)"
        out += closing.amount == bookBalance ? " — they agree\n" : " — DIFFERENCE \((try? closing.amount.subtracting(bookBalance).decimalString) ?? "?")\n"
        for problem in input.continuity { out += "continuity: \(BankText.escaped(problem))\n" }
        out += agrees ? "ok: the bank and the books agree\n" : "NOT reconciled (see above)\n"
        return out
    }

    var json: JSONValue {
        let counts = result.counts
        return .object([
            "statement": .string(input.fileName), "sha256": .string(input.sha256), "account": .string(account.rawValue),
            "currency": .string(currency.code), "from": .string(from.description), "to": .string(to.description),
            "matched_count": .integer(Int64(counts.matchedBank)),
            "matches": .array(result.matches.map { match in
                let line = bank[match.bank.index]
                return .object([
                    "bank_line": .integer(Int64(line.sourceLine)), "bank_id": line.bankID.map(JSONValue.string) ?? .null,
                    "amount": .string(line.amount.decimalString), "value_date": .string(line.valueDate.description),
                    "rule": .integer(Int64(match.rule.rawValue)), "rule_name": .string(match.rule.name),
                    "book": .array(match.book.map { .object(["seq": .integer(Int64($0.seq)), "line": .integer(Int64($0.line))]) }),
                ])
            }),
            "unmatched_bank_count": .integer(Int64(unmatchedBankCount)),
            "unmatched_bank": .array(unmatchedBank.map { unmatched in
                let line = unmatched.line
                return .object([
                    "bank_line": .integer(Int64(line.sourceLine)), "bank_id": line.bankID.map(JSONValue.string) ?? .null,
                    "amount": .string(line.amount.decimalString), "value_date": .string(line.valueDate.description),
                    "text": .string(line.text), "charge": .bool(chargeLines.contains(line.sourceLine)),
                    "suggestions": .array(unmatched.suggestions.map { suggestion in
                        .object([
                            "seq": .integer(Int64(suggestion.book.seq)), "line": .integer(Int64(suggestion.book.line)),
                            "score": .integer(Int64(suggestion.score)), "amount": .string(suggestion.breakdown.amount.rawValue),
                            "days": .integer(Int64(suggestion.breakdown.dateDistance)),
                            "reference": .string(suggestion.breakdown.reference.rawValue),
                            "counterparty": .bool(suggestion.breakdown.counterparty),
                        ])
                    }),
                ])
            }),
            "unmatched_book": .array(unmatchedBook.map { line in
                .object([
                    "seq": .integer(Int64(line.seq)), "line": .integer(Int64(line.line)), "date": .string(line.date.description),
                    "amount": .string(line.amount.decimalString), "kind": .string(line.kind),
                ])
            }),
            "duplicates": .array(result.duplicates.map { .object(["bank_line": .integer(Int64($0.bank.sourceLine)), "first_line": .integer(Int64($0.first.sourceLine))]) }),
            "closing": .object(["date": .string(closing.date.description), "statement": .string(closing.amount.decimalString), "books": .string(bookBalance.decimalString)]),
            "continuity": .array(input.continuity.map(JSONValue.string)),
            "agrees": .bool(agrees),
        ])
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
