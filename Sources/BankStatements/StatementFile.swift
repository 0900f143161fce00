
/// What a statement file holds once read: its statements, and what was left out on purpose.
public struct StatementFile: Sendable, Equatable {
    /// The file's name as given to the reader, for messages.
    public var fileName: String
    /// The format the file was read as.
    public var format: StatementFormat
    /// The booked statements, in file order.
    public var statements: [BankStatement]
    /// Entries that are not booked (camt `Sts` PDNG or INFO): counted, not turned into lines.
    public var skipped: [SkippedEntry]
    /// Statements that were read but cannot be represented, e.g. in a withdrawn currency (DEM)
    /// that the ledger's ISO 4217 table does not hold. Reported, never silently dropped.
    public var setAside: [SetAsideStatement]

    /// A read file; nothing skipped or set aside unless given.
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
    /// The id of the statement the entry is in.
    public var statementID: String
    /// The entry's status as the bank gives it, e.g. `PDNG` or `INFO`.
    public var status: String
    /// Where the entry starts in its file (1-based line).
    public var sourceLine: Int

    /// A skipped entry of statement `statementID` with the bank's `status`, at `sourceLine` (1-based).
    public init(statementID: String, status: String, sourceLine: Int) {
        self.statementID = statementID
        self.status = status
        self.sourceLine = sourceLine
    }
}

/// A statement that was read but not kept, with the reason.
public struct SetAsideStatement: Sendable, Equatable {
    /// The statement's id (camt `Stmt/Id`, MT940 `:20:` + `:28C:`).
    public var statementID: String
    /// Where the statement starts in its file (1-based line).
    public var sourceLine: Int
    /// Why it was not kept, as a sentence (e.g. its currency is not in the ISO 4217 table).
    public var reason: String

    /// A statement set aside, at `sourceLine` (1-based), for `reason`.
    public init(statementID: String, sourceLine: Int, reason: String) {
        self.statementID = statementID
        self.sourceLine = sourceLine
        self.reason = reason
    }
}
