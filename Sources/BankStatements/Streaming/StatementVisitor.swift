/// Receives a statement file as it is read, so that no reader ever holds all of its lines: each
/// booked line, then its statement's header and balances, statement after statement.
///
/// The order of calls is, for every statement: ``visit(line:)`` for each of its booked lines,
/// then either ``end(statement:)`` or ``setAside(_:)``. ``skipped(_:)`` may come between lines.
public protocol StatementVisitor {
    /// One booked line of the statement being read.
    mutating func visit(line: BankLine) throws(StatementError)
    /// The statement whose lines were just visited; its `lines` are empty.
    mutating func end(statement: BankStatement) throws(StatementError)
    /// The statement being read cannot be kept (e.g. a withdrawn currency): the lines visited
    /// since the last ``end(statement:)`` belong to it and must be forgotten.
    mutating func setAside(_ statement: SetAsideStatement) throws(StatementError)
    /// A camt entry that is pending or for information only.
    mutating func skipped(_ entry: SkippedEntry) throws(StatementError)
}

/// Collects what a reader visits into a ``StatementFile`` in memory: for tests and small files.
public struct StatementCollector: StatementVisitor {
    /// The file as read so far.
    public private(set) var file: StatementFile
    private var pending: [BankLine] = []

    /// An empty file named `fileName` in `format`.
    public init(fileName: String, format: StatementFormat) {
        file = StatementFile(fileName: fileName, format: format, statements: [])
    }

    /// Holds the line until its statement ends.
    public mutating func visit(line: BankLine) throws(StatementError) { pending.append(line) }

    /// Appends the statement with the lines visited since the last statement ended.
    public mutating func end(statement: BankStatement) throws(StatementError) {
        var statement = statement
        statement.lines = pending
        pending = []
        file.statements.append(statement)
    }

    /// Forgets the lines visited since the last statement ended and records the statement as set aside.
    public mutating func setAside(_ statement: SetAsideStatement) throws(StatementError) {
        pending = []
        file.setAside.append(statement)
    }

    /// Records the skipped entry in the file.
    public mutating func skipped(_ entry: SkippedEntry) throws(StatementError) { file.skipped.append(entry) }
}
