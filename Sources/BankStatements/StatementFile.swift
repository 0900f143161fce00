
/// What a statement file holds once read: its statements, and what was left out on purpose.
public struct StatementFile: Sendable, Equatable {
    /// The file's name as given to the reader, for messages.
    public var fileName: String
    public var format: StatementFormat
    /// The booked statements, in file order.
    public var statements: [BankStatement]
    /// Entries that are not booked (camt `Sts` PDNG or INFO): counted, not turned into lines.
    public var skipped: [SkippedEntry]
    /// Statements that were read but cannot be represented, e.g. in a withdrawn currency (DEM)
    /// that the ledger's ISO 4217 table does not hold. Reported, never silently dropped.
    public var setAside: [SetAsideStatement]

    public init(
        fileName: String, format: StatementFormat, statements: [BankStatement], skipped: [SkippedEntry] = [],
        setAside: [SetAsideStatement] = []
    ) {
        self.fileName = fileName
        self.format = format
        self.statements = statements
        self.skipped = skipped
        self.setAside = setAside
    }
}

/// A camt entry that is pending or for information only, so not a booked line.
public struct SkippedEntry: Sendable, Equatable {
    public var statementID: String
    /// The entry's status as the bank gives it, e.g. `PDNG` or `INFO`.
    public var status: String
    public var sourceLine: Int

    public init(statementID: String, status: String, sourceLine: Int) {
        self.statementID = statementID
        self.status = status
        self.sourceLine = sourceLine
    }
}

/// A statement that was read but not kept, with the reason.
public struct SetAsideStatement: Sendable, Equatable {
    public var statementID: String
    public var sourceLine: Int
    public var reason: String

    public init(statementID: String, sourceLine: Int, reason: String) {
        self.statementID = statementID
        self.sourceLine = sourceLine
        self.reason = reason
    }
}
