import BankReconciliationBooking
import BankStatements
import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Reconciliation

/// What `vtf reconcile bank` prints: text for a person (bank text escaped for the terminal) or
/// JSON (at most ``BankReconciliation/unmatchedLimit`` unmatched bank lines, all counted).
extension BankReconciliation {
    func text(settings: LedgerSettings) -> String {
        let counts = result.counts
        var out = "Bank reconciliation of \(BankText.escaped(input.fileName)) (sha256 \(input.sha256.prefix(16))…) against \(account) in \(currency.code)\n"
        out += "\(input.statements.count) statement(s), \(input.lineCount) bank lines, \(from) to \(to); \(book.lines.count) book lines in the window\n"
        out += notReconciledText + "\n"
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
        if unmatchedBankCount > 200 { out += "… and \(unmatchedBankCount - 200) more (--format json lists the first \(BankReconciliation.unmatchedLimit))\n" }
        if !zeroLines.isEmpty { out += "\nBank lines of no amount (information only): \(zeroLines.count)\n" }
        for line in zeroLines.prefix(200) {
            out += "  bank line \(line.sourceLine): \(line.bookingDate) \(BankText.escaped(String(line.text.prefix(40))))\n"
        }
        out += "\nUnmatched book lines: \(unmatchedBook.count)\n"
        for line in unmatchedBook.prefix(200) { out += "  " + describe(line.id) + "\n" }
        if !result.duplicates.isEmpty { out += "\nDuplicate bank lines (not matched): \(result.duplicates.count)\n" }
        for duplicate in result.duplicates {
            let line = bank[duplicate.bank.index]
            out += "  bank line \(line.sourceLine): \(line.bookingDate) \(line.amount.decimalString) \(BankText.escaped(String(line.text.prefix(40))))\n"
            out += "    \(BankText.escaped(duplicateReason(duplicate)))\n"
        }
        if closingGiven {
            out += "\nClosing balance \(closing.date): statement \(closing.amount.decimalString), books \(bookBalance.decimalString) \(currency.code)"
            out += closing.amount == bookBalance ? " — they agree\n" : " — DIFFERENCE \((try? closing.amount.subtracting(bookBalance).decimalString) ?? "?")\n"
        } else {
            out += "\nClosing balance \(closing.date): the statement gives none (its lines add up to \(closing.amount.decimalString)), "
                + "so it is not compared; the books hold \(bookBalance.decimalString) \(currency.code). Give the mapping "
                + "opening_balance and closing_balance as the bank prints them to compare\n"
        }
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
            "duplicates": .array(result.duplicates.map(duplicateJSON)),
            "closing": .object(["date": .string(closing.date.description), "statement": .string(closing.amount.decimalString), "books": .string(bookBalance.decimalString)]),
            "continuity": .array(input.continuity.map(JSONValue.string)),
            "set_aside": setAsideJSON, "skipped": skippedJSON, "skipped_count": .integer(Int64(input.skippedCount)),
            "agrees": .bool(agrees),
        ])
    }
}

extension BankReconciliation {
    /// Why a bank line is a duplicate, in one sentence.
    func duplicateReason(_ duplicate: Duplicate) -> String {
        let line = bank[duplicate.bank.index]
        let direction = (line.amount.isNegative ? "debit" : "credit") + (line.isReversal ? " reversal" : "")
        return "repeats bank line \(duplicate.first.sourceLine) of an earlier statement: same bank id \(line.bankID ?? ""), "
            + "amount \(line.amount.decimalString), booking date \(line.bookingDate) and direction (\(direction)); "
            + "not matched, as the same booking imported twice"
    }

    func duplicateJSON(_ duplicate: Duplicate) -> JSONValue {
        let line = bank[duplicate.bank.index]
        return .object([
            "bank_line": .integer(Int64(duplicate.bank.sourceLine)), "first_line": .integer(Int64(duplicate.first.sourceLine)),
            "bank_id": .string(line.bankID ?? ""), "amount": .string(line.amount.decimalString),
            "booking_date": .string(line.bookingDate.description), "value_date": .string(line.valueDate.description),
            "text": .string(line.text), "reason": .string(duplicateReason(duplicate)),
        ])
    }
}
