/// Why a bank reconciliation could not be made: a stable ``Code`` for programs and tests beside
/// a message naming what is wrong and the fix. Every one is a refusal of the input (the
/// statement files, the mapping, the account, the options): exit status 2, and the ledger is
/// left byte for byte as it was.
public struct BankReconciliationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable name (published in Audit/ERROR-CODES.md; raw values never
    /// change meaning).
    public enum Code: String, Sendable, CaseIterable, Codable {
        /// The matching window is outside 0…31 days. Fix: give a window in range.
        case badWindow = "bad-window"
        /// The ledger has no genesis entry. Fix: create it with `vtf init`.
        case noGenesis = "no-genesis"
        /// The ledger account named does not exist. Fix: name one `vtf account list` shows.
        case unknownAccount = "unknown-account"
        /// No statement file was given. Fix: give the statement file.
        case noStatement = "no-statement"
        /// A statement or mapping file cannot be read safely: not a regular file (a FIFO, a
        /// device, a folder), missing, or larger than allowed. Fix: give the regular file.
        case unreadableFile = "unreadable-file"
        /// The file changed between the two passes that read it. Fix: read it again when
        /// nothing writes to it.
        case statementChanged = "statement-changed"
        /// The statement format named is unknown, or the file is none vtf can tell. Fix: name
        /// camt053, mt940 or csv (with a mapping).
        case unknownFormat = "unknown-format"
        /// The code page named for an MT940 file is unknown. Fix: name one vtf lists.
        case badEncoding = "bad-encoding"
        /// The CSV mapping file is malformed. Fix: correct it as the message says.
        case badMapping = "bad-mapping"
        /// The statement file is malformed (or an interim report, or too many statements), as
        /// its parser says. Fix: as the message says.
        case malformedStatement = "malformed-statement"
        /// The file holds no booked statement. Fix: give the day's statement.
        case emptyStatement = "empty-statement"
        /// The file holds statements of several bank accounts and none can be chosen. Fix:
        /// choose one with `--bank-account`.
        case severalAccounts = "several-accounts"
        /// The bank account named holds no statement in the file. Fix: name one the message lists.
        case noSuchBankAccount = "no-such-bank-account"
        /// The statements of one account are in several currencies and none can be chosen. Fix:
        /// split the file by currency.
        case severalCurrencies = "several-currencies"
    }

    /// What went wrong, stable for programs and tests.
    public let code: Code
    /// What is wrong and the fix, for a person.
    public let message: String

    /// An error with a stable code and a message naming what is wrong and the fix.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
