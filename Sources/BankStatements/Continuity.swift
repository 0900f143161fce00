public import LedgerCore

/// A finding of the balance-continuity check. Findings are not parse errors: the statement was
/// read; its figures do not add up, or cannot be checked.
public struct ContinuityProblem: Sendable, Equatable, CustomStringConvertible {
    /// What the finding is.
    public enum Kind: Sendable, Equatable {
        /// Opening + Σ lines ≠ closing; `expected` is opening + Σ lines, `stated` the closing.
        case unbalanced
        /// A balance is in another currency than the statement; no difference can be taken.
        case currencyMismatch
        /// The closing balance of a statement is not the next statement's opening (same account);
        /// `expected` is that closing, `stated` the next opening.
        case brokenChain
        /// Sequence numbers of consecutive statements of one account leave a gap or go back.
        case sequenceGap
        /// The sum of the lines overflows the amount range.
        case overflow
        /// The statement has no balances (a CSV export without them): nothing to check.
        case notChecked
    }

    /// What the finding is.
    public var kind: Kind
    /// The statement the finding is about (for a broken chain or gap: the later one).
    public var statementID: String
    /// Where the statement (``statementID``) starts in its file (1-based line).
    public var sourceLine: Int
    /// The figure the check computed (see ``Kind``), signed; nil when there is none to compare.
    public var expected: Amount?
    /// The figure the bank states (see ``Kind``), signed; nil when there is none to compare.
    public var stated: Amount?
    /// `stated − expected`, when both are in one currency.
    public var difference: Amount?
    /// One sentence naming the statement and the figures.
    public var message: String

    /// The ``message``.
    public var description: String { message }
}

/// The balance-continuity check (LEDGERS.md §4): per statement opening + Σ lines = closing;
/// between consecutive statements of one account, closing(n) = opening(n+1) and sequence numbers
/// without gaps when both are given.
public enum Continuity {
    /// The findings for every statement of `file`, in file order; empty when all is continuous.
    public static func check(_ file: StatementFile) -> [ContinuityProblem] {
        check(file.statements)
    }

    /// The findings for `statements`, taken in this order.
    public static func check(_ statements: [BankStatement]) -> [ContinuityProblem] {
        check(tallied: statements.map { ($0, StatementTally($0.lines)) })
    }

    /// The findings for statements read as a stream: each without its lines, with the tally of
    /// its lines, taken in this order.
    /// Pages of one statement are merged first (``StatementPages``).
    public static func check(tallied statements: [(statement: BankStatement, tally: StatementTally)]) -> [ContinuityProblem] {
        let (merged, seams) = StatementPages.merge(statements)
        var problems: [ContinuityProblem] = seams
        var previousByAccount: [String: BankStatement] = [:]
        for (statement, tally) in merged {
            problems += balance(statement, tally: tally)
            if let previous = previousByAccount[statement.account], previous.balancesGiven, statement.balancesGiven {
                problems += chain(previous, statement)
            }
            previousByAccount[statement.account] = statement
        }
        return problems
    }

    /// Opening + Σ lines against closing for one statement.
    static func balance(_ statement: BankStatement, tally: StatementTally) -> [ContinuityProblem] {
        let id = statement.id
        guard statement.balancesGiven else {
            let message = "statement \(quoted(id)) has no opening and closing balances: continuity not checked"
            return [problem(.notChecked, statement, message: message)]
        }
        let sum = tally.overflowLine == nil ? (tally.total ?? Amount.zero(statement.opening.amount.currency)) : nil
        guard let sum, let total = try? statement.opening.amount.adding(sum) else {
            let place = tally.overflowLine ?? statement.sourceLine
            let message = "statement \(quoted(id)): the sum of the lines overflows or mixes currencies at line \(place)"
            return [problem(.overflow, statement, message: message)]
        }
        return compare(expected: total, stated: statement.closing.amount, statement: statement, kind: .unbalanced) {
            "statement \(quoted(id)) does not balance: opening \($0.opening.amount) + lines \($1) = \($2), closing says \($3)"
        }
    }

    /// Closing of `previous` against opening of `next`, and their sequence numbers.
    static func chain(_ previous: BankStatement, _ next: BankStatement) -> [ContinuityProblem] {
        var problems = compare(
            expected: previous.closing.amount, stated: next.opening.amount, statement: next, kind: .brokenChain
        ) { _, _, expected, stated in
            "statement \(quoted(next.id)) opens with \(stated), but \(quoted(previous.id)) closed with \(expected)"
        }
        if let gap = SequenceNumber.gap(from: previous.sequence, to: next.sequence) {
            let message = "statement \(quoted(next.id)): sequence \(gap) after \(quoted(previous.id))"
            problems.append(problem(.sequenceGap, next, message: message))
        }
        return problems
    }

    /// A finding when `stated` differs from `expected`; the closure words it from the statement,
    /// the lines' sum, `expected` and `stated`.
    private static func compare(
        expected: Amount, stated: Amount, statement: BankStatement, kind: ContinuityProblem.Kind,
        words: (BankStatement, String, Amount, Amount) -> String
    ) -> [ContinuityProblem] {
        guard expected != stated else { return [] }
        let linesSum = expected.minorUnits.subtractingReportingOverflow(statement.opening.amount.minorUnits)
        let sumText = linesSum.overflow ? "?" : Amount(minorUnits: linesSum.partialValue, currency: expected.currency).decimalString
        var finding = problem(kind, statement, message: words(statement, sumText, expected, stated))
        finding.expected = expected
        finding.stated = stated
        guard expected.currency == stated.currency else {
            finding.kind = .currencyMismatch
            finding.message += " (\(stated.currency.code) against \(expected.currency.code): no difference taken)"
            return [finding]
        }
        finding.difference = try? stated.subtracting(expected)
        finding.message += "; difference \(finding.difference.map(\.description) ?? "out of range")"
        return [finding]
    }

    private static func problem(_ kind: ContinuityProblem.Kind, _ statement: BankStatement, message: String) -> ContinuityProblem {
        ContinuityProblem(
            kind: kind, statementID: statement.id, sourceLine: statement.sourceLine, expected: nil, stated: nil,
            difference: nil, message: message)
    }
}

/// Statement numbers as banks write them: `n` or `n/page` (MT940 `:28C:`), digits only. Number
/// 0 is no number: Rabobank writes `:28C:0` (or `00000`) on every statement.
enum SequenceNumber {
    /// A description of the gap between `previous` and `next`, or nil when they follow each
    /// other (next number, or same number and next page) or cannot be compared (either is 0).
    static func gap(from previous: String?, to next: String?) -> String? {
        guard let previous, let next, let a = parse(previous), let b = parse(next) else { return nil }
        guard a.number != 0, b.number != 0 else { return nil }
        if b.number == a.number, let pageA = a.page, let pageB = b.page, pageB == pageA &+ 1 { return nil }
        if b.number == a.number &+ 1 { return nil }
        return "\(next) does not follow \(previous)"
    }

    private static func parse(_ text: String) -> (number: Int, page: Int?)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let number = digits(parts[0]) else { return nil }
        guard parts.count == 2 else { return (number, nil) }
        guard let page = digits(parts[1]) else { return nil }
        return (number, page)
    }

    private static func digits(_ text: Substring) -> Int? {
        let bytes = Array(text.utf8)
        return SwiftDates.number(bytes[...])
    }
}
