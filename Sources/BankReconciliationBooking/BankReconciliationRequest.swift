/// What a bank reconciliation is asked to do: which statement files, read how, against which
/// ledger account (``BankReconciliation/reconcile(_:in:)``).
public struct BankReconciliationRequest: Sendable, Equatable {
    /// The statement files, in page order (one file, or the pages a bank sends apart).
    public var statements: [String]
    /// `camt053`, `mt940` or `csv`; nil tells the format from the file (CSV needs ``mapping``).
    public var statementFormat: String?
    /// For CSV: the mapping file (columns, date format, decimal separator).
    public var mapping: String?
    /// For MT940: the file's code page (e.g. `windows-1250`); nil means UTF-8, else ISO-8859-1.
    public var encoding: String?
    /// The ledger account the statement is for, e.g. `1100`.
    public var account: String
    /// When the file holds several bank accounts: the one to reconcile (IBAN or the bank's id).
    public var bankAccount: String?
    /// How many days a book date may be from the bank's value date (rules 3 and 4), 0…31.
    public var windowDays: Int

    /// A request to reconcile `statements` against `account`.
    public init(
        statements: [String], statementFormat: String? = nil, mapping: String? = nil, encoding: String? = nil,
        account: String, bankAccount: String? = nil, windowDays: Int = 3
    ) {
        self.statements = statements
        self.statementFormat = statementFormat
        self.mapping = mapping
        self.encoding = encoding
        self.account = account
        self.bankAccount = bankAccount
        self.windowDays = windowDays
    }
}
