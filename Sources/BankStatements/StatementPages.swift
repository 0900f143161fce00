import LedgerCore

/// Statements split across pages (camt `StmtPgntn`: several `Stmt` of one account numbered 1, 2,
/// … with `LastPgInd` on the last) merged into one statement before the balance checks: the
/// first page's opening, the last page's closing, all the lines. Where a page gives interim
/// balances (`ITBD`), each page is checked on its own too, and each page's closing against the
/// next page's opening.
public enum StatementPages {
    /// A statement with the tally of its lines (whose `lines` may be empty when read streaming).
    public typealias Tallied = (statement: BankStatement, tally: StatementTally)

    /// `statements` with every run of pages merged, in file order, and what the pages' seams
    /// show: missing pages, interim balances that do not add up or do not follow each other.
    public static func merge(_ statements: [Tallied]) -> (statements: [Tallied], problems: [ContinuityProblem]) {
        var merged: [Tallied] = []
        var problems: [ContinuityProblem] = []
        var run: [Tallied] = []
        func flush() {
            guard !run.isEmpty else { return }
            let (statement, found) = combine(run)
            merged.append(statement)
            problems += found
            run = []
        }
        for item in statements {
            guard let page = item.statement.page else {
                flush()
                merged.append(item)
                continue
            }
            if let previous = run.last, !follows(previous.statement, item.statement) {
                if let gap = missing(between: previous.statement, and: item.statement) { problems.append(gap) }
                flush()
            }
            run.append(item)
            if page.isLast { flush() }
        }
        flush()
        return (merged, problems)
    }

    /// Whether `next` is the page after `previous` of the same statement.
    static func follows(_ previous: BankStatement, _ next: BankStatement) -> Bool {
        guard let before = previous.page, let page = next.page else { return false }
        return !before.isLast && page.number == before.number &+ 1 && previous.account == next.account
            && previous.currency == next.currency
    }

    /// The pages missing between `previous` and `next`, pages of one account that do not follow
    /// each other, when `previous` is not a last page.
    static func missing(between previous: BankStatement, and next: BankStatement) -> ContinuityProblem? {
        guard let before = previous.page, let page = next.page, !before.isLast, previous.account == next.account,
            page.number > before.number &+ 1
        else { return nil }
        let pages = page.number == before.number + 2 ? "page \(before.number + 1) is" : "pages \(before.number + 1) to \(page.number - 1) are"
        return problem(.sequenceGap, next, "statement \(quoted(next.id)): page \(page.number) follows page \(before.number): \(pages) missing; give every page")
    }

    /// One statement from the pages `run`, and the problems at its seams.
    static func combine(_ run: [Tallied]) -> (Tallied, [ContinuityProblem]) {
        guard let first = run.first, let last = run.last, let firstPage = first.statement.page,
            let lastPage = last.statement.page
        else { return (run[0], []) }
        var problems: [ContinuityProblem] = []
        let id = first.statement.id == last.statement.id ? first.statement.id : "\(first.statement.id) … \(last.statement.id)"
        let name = "statement \(quoted(id))"
        // A page that gives its own balances stands alone; one without them needs its neighbours.
        if firstPage.number != 1, !firstPage.hasOpening {
            problems.append(problem(.sequenceGap, first.statement, "\(name) starts at page \(firstPage.number): pages 1 to \(firstPage.number - 1) are missing; give every page"))
        }
        if !lastPage.isLast, !lastPage.hasClosing {
            problems.append(problem(.sequenceGap, last.statement, "\(name) ends at page \(lastPage.number), which is not its last (LastPgInd false): the pages after it are missing; give every page"))
        }
        if !firstPage.hasOpening {
            problems.append(problem(.notChecked, first.statement, "\(name): page \(firstPage.number) has no opening balance (OPBD, PRCD or ITBD)"))
        }
        if !lastPage.hasClosing {
            problems.append(problem(.notChecked, last.statement, "\(name): page \(lastPage.number) has no closing balance (CLBD or ITBD)"))
        }
        var tally = StatementTally()
        for (index, page) in run.enumerated() {
            tally.add(page.tally)
            guard let number = page.statement.page else { continue }
            if number.hasOpening, number.hasClosing, run.count > 1 {
                problems += Continuity.balance(page.statement, tally: page.tally).map { finding in
                    var finding = finding
                    finding.message = "page \(number.number) of " + finding.message
                    return finding
                }
            }
            if index > 0, let before = run[index - 1].statement.page, before.hasClosing, number.hasOpening,
                run[index - 1].statement.closing.amount != page.statement.opening.amount {
                let closing = run[index - 1].statement.closing.amount
                var finding = problem(.brokenChain, page.statement, "\(name): page \(number.number) opens with \(page.statement.opening.amount), but page \(before.number) closed with \(closing)")
                finding.expected = closing
                finding.stated = page.statement.opening.amount
                problems.append(finding)
            }
        }
        var statement = first.statement
        statement.id = id
        statement.closing = last.statement.closing
        statement.intermediate = false
        statement.page = nil
        statement.balancesGiven = run.allSatisfy(\.statement.balancesGiven) && firstPage.hasOpening && lastPage.hasClosing
        if !firstPage.hasOpening, let earliest = tally.earliest { statement.opening.date = earliest }
        return ((statement, tally), problems)
    }

    private static func problem(_ kind: ContinuityProblem.Kind, _ statement: BankStatement, _ message: String) -> ContinuityProblem {
        ContinuityProblem(
            kind: kind, statementID: statement.id, sourceLine: statement.sourceLine, expected: nil, stated: nil,
            difference: nil, message: message)
    }
}
