import BankReconciliationBooking
import BankStatements
import CanonicalJSON

/// What was read but not reconciled, for the output: statements set aside (another account, a
/// currency outside ISO 4217) and entries not booked (pending, information only). Nothing of a
/// file is left out without a word.
extension BankReconciliation {
    /// One line per statement set aside, then the skipped entries by status with their lines;
    /// empty when there are none.
    var notReconciledText: String {
        var out = ""
        for statement in input.setAside {
            out += "set aside: statement \(BankText.escaped(quoted(statement.statementID))) (line \(statement.sourceLine)): \(BankText.escaped(statement.reason))\n"
        }
        guard input.skippedCount > 0 else { return out }
        let byStatus = Dictionary(grouping: input.skipped, by: \.status)
        let statuses = byStatus.keys.sorted().map { "\(BankText.escaped($0)) \(byStatus[$0]?.count ?? 0)" }.joined(separator: ", ")
        let lines = input.skipped.prefix(20).map { String($0.sourceLine) }.joined(separator: ", ")
        let more = input.skippedCount > 20 ? ", …" : ""
        out += "skipped: \(input.skippedCount) \(input.skippedCount == 1 ? "entry" : "entries") not booked (\(statuses)), not matched: lines \(lines)\(more)\n"
        return out
    }

    var setAsideJSON: JSONValue {
        .array(input.setAside.map { statement in
            .object([
                "statement": .string(statement.statementID), "line": .integer(Int64(statement.sourceLine)),
                "reason": .string(statement.reason),
            ])
        })
    }

    var skippedJSON: JSONValue {
        .array(input.skipped.map { entry in
            .object([
                "statement": .string(entry.statementID), "line": .integer(Int64(entry.sourceLine)), "status": .string(entry.status),
            ])
        })
    }
}

/// `text` in double quotes.
private func quoted(_ text: String) -> String { "\"" + text + "\"" }
