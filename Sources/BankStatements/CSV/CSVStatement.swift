import LedgerCore

/// The one statement of a CSV file: the mapping's balances when it gives both, else zero to the
/// lines' sum, marked as having no balances (so no continuity check).
struct CSVStatement {
    let rows: CSVRowReader
    let tally: StatementTally

    func statement() throws(StatementError) -> BankStatement {
        let mapping = rows.mapping
        guard let first = tally.earliest, let last = tally.latest else {
            throw StatementError("\(rows.fileName): the CSV file has no rows")
        }
        let opening = try balance(mapping.openingBalance, name: "opening_balance")
        let closing = try balance(mapping.closingBalance, name: "closing_balance")
        let given = opening != nil && closing != nil
        let zero = Amount.zero(rows.currency)
        let openingAmount = given ? (opening ?? zero) : zero
        let closingAmount = given ? (closing ?? zero) : try sum(from: zero)
        var statement = BankStatement(
            id: rows.statementID, account: mapping.account, currency: rows.currency,
            opening: .init(amount: openingAmount, date: first), closing: .init(amount: closingAmount, date: last),
            lines: [], sourceLine: 1)
        statement.balancesGiven = given
        return statement
    }

    private func balance(_ text: String?, name: String) throws(StatementError) -> Amount? {
        guard let text else { return nil }
        do throws(FieldIssue) { return try rows.style.amount(text, currency: rows.currency) } catch {
            throw StatementError("\(rows.fileName): mapping \(name): \(error.reason)")
        }
    }

    private func sum(from start: Amount) throws(StatementError) -> Amount {
        if let line = tally.overflowLine {
            throw .at(rows.fileName, line: line, statement: rows.statementID, "the running total overflows")
        }
        do { return try start.adding(tally.total ?? start) } catch {
            throw .at(rows.fileName, line: 1, statement: rows.statementID, "the running total overflows")
        }
    }
}
