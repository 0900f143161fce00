import BankStatements
import Reconciliation

/// The second pass over a statement file: keeps only the bank lines that could take part in
/// matching (in the ``MatchScope``, a bank id that may repeat, or bank charges), and of the
/// others only the first ``unmatchedLimit`` and their count: they are unmatched whatever the
/// matcher does. Each line gets its ordinal in the file, for output order.
struct ScopedBankLines: StatementVisitor {
    /// The most unmatched bank lines listed (JSON `unmatched_bank`).
    static let unmatchedLimit = 1_000

    let scope: MatchScope
    let ids: RepeatedIDFilter
    /// The lines kept for the matcher, in file order, and their ordinals.
    private(set) var lines: [BankLine] = []
    private(set) var ordinals: [Int] = []
    /// The first lines outside the scope with their ordinals, and how many there are.
    private(set) var outside: [(line: BankLine, ordinal: Int)] = []
    private(set) var outsideCount = 0
    /// Lines of no amount (a bank's notice): information, kept out of matching (at most
    /// ``unmatchedLimit``).
    private(set) var zero: [BankLine] = []
    private var ordinal = 0
    /// The statement being read (0-based), given to each line for the duplicate check.
    private var statementNumber = 0
    private var mark = (lines: 0, outside: 0, outsideCount: 0, zero: 0)

    init(scope: MatchScope, ids: RepeatedIDFilter) {
        self.scope = scope
        self.ids = ids
    }

    mutating func visit(line: BankLine) throws(StatementError) {
        var line = line
        line.statementOrdinal = statementNumber
        // The bank's own id is a reference too: people record it as a receipt's --bank-ref.
        if let bankID = line.bankID, !line.references.contains(bankID) { line.references.append(bankID) }
        ordinal += 1
        if line.amount.isZero {
            if zero.count < Self.unmatchedLimit { zero.append(line) }
        } else if keeps(line) {
            lines.append(line)
            ordinals.append(ordinal)
        } else {
            outsideCount += 1
            if outside.count < Self.unmatchedLimit { outside.append((line, ordinal)) }
        }
    }

    private func keeps(_ line: BankLine) -> Bool {
        if let id = line.bankID, ids.isSuspect(id) { return true }
        if line.amount.isNegative && BankReconciliation.isCharge(line) { return true }
        return scope.contains(line)
    }

    mutating func end(statement: BankStatement) throws(StatementError) {
        mark = (lines.count, outside.count, outsideCount, zero.count)
        statementNumber += 1
    }

    /// Forgets the lines of a statement set aside.
    mutating func setAside(_ statement: SetAsideStatement) throws(StatementError) {
        lines.removeSubrange(mark.lines...)
        ordinals.removeSubrange(mark.lines...)
        outside.removeSubrange(mark.outside...)
        outsideCount = mark.outsideCount
        zero.removeSubrange(mark.zero...)
        statementNumber += 1
    }

    mutating func skipped(_ entry: SkippedEntry) throws(StatementError) {}
}
