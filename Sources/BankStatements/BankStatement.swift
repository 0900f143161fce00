public import LedgerCore

/// One bank statement (a camt.053 `Stmt`, an MT940 message from `:20:` to `:62F:`/`:62M:`, or
/// the lines of a CSV export): the account, its opening and closing booked balances, and the
/// entries in between. Amounts are exact (minor units); debits are negative, credits positive,
/// as the bank sees the account (money in is positive).
public struct BankStatement: Sendable, Equatable {
    /// The statement's own id (camt `Stmt/Id`, MT940 `:20:` + `:28C:`), for messages.
    public var id: String
    /// The account: IBAN or the bank's account number (camt `Acct/Id`, MT940 `:25:`).
    public var account: String
    /// The account's currency; every amount of the statement is in it.
    public var currency: Currency
    /// Sequence number when the bank gives one (camt `ElctrncSeqNb`/`LglSeqNb`, MT940 `:28C:`).
    public var sequence: String?
    /// Opening booked balance (camt OPBD or PRCD, MT940 `:60F:`/`:60M:`), signed, and its date.
    public var opening: Balance
    /// Closing booked balance (camt CLBD, MT940 `:62F:`/`:62M:`), signed, and its date.
    public var closing: Balance
    /// Whether the balances are intermediate (MT940 `:60M:`/`:62M:`: a page of a longer statement).
    public var intermediate: Bool
    /// The booked lines between the opening and closing balances, in the bank's order.
    public var lines: [BankLine]
    /// Where the statement starts in its file (1-based line), for messages.
    public var sourceLine: Int
    /// Whether the bank gave the opening and closing balances. A CSV export without them gets
    /// zero and the lines' sum instead, and ``Continuity`` reports it as not checked.
    public var balancesGiven: Bool
    /// The page, when the bank splits one statement over several (camt `StmtPgntn`); pages of
    /// one account that follow each other are merged into one statement before the balance
    /// checks (``StatementPages``).
    public var page: Page?

    /// A statement; `balancesGiven` is false when the bank gave no balances (a CSV export without them).
    public init(
        id: String, account: String, currency: Currency, sequence: String? = nil, opening: Balance, closing: Balance,
        intermediate: Bool = false, lines: [BankLine], sourceLine: Int, balancesGiven: Bool = true
    ) {
        self.id = id
        self.account = account
        self.currency = currency
        self.sequence = sequence
        self.opening = opening
        self.closing = closing
        self.intermediate = intermediate
        self.lines = lines
        self.sourceLine = sourceLine
        self.balancesGiven = balancesGiven
    }

    /// One page of a statement split over several: its number, whether the bank marks it as the
    /// last, and which of its balances the bank gave (a middle page may have none; a missing
    /// balance holds zero and is never checked).
    public struct Page: Sendable, Equatable {
        /// The page number the bank gives (camt `PgNb`), from 1.
        public var number: Int
        /// camt `LastPgInd`.
        public var isLast: Bool
        /// Whether the bank gave this page's opening balance.
        public var hasOpening: Bool
        /// Whether the bank gave this page's closing balance.
        public var hasClosing: Bool

        /// A page numbered `number`; `hasOpening` and `hasClosing` say which balances the bank gave.
        public init(number: Int, isLast: Bool, hasOpening: Bool = true, hasClosing: Bool = true) {
            self.number = number
            self.isLast = isLast
            self.hasOpening = hasOpening
            self.hasClosing = hasClosing
        }
    }

    /// A booked balance: signed amount (negative when the bank says debit) on a date.
    public struct Balance: Sendable, Equatable {
        /// Signed: negative when the bank says debit (the account is overdrawn), in the statement's
        /// currency.
        public var amount: Amount
        /// The date the balance is at.
        public var date: LedgerDate

        /// A balance of `amount` (signed, negative for debit) on `date`.
        public init(amount: Amount, date: LedgerDate) {
            self.amount = amount
            self.date = date
        }
    }
}

/// One booked line of a statement (camt `Ntry`, MT940 `:61:` with its `:86:`, a CSV row).
public struct BankLine: Sendable, Equatable {
    /// The bank's unique id for the line when it gives one (camt `AcctSvcrRef` or `NtryRef`,
    /// MT940 the `//` bank reference of `:61:`); re-imports are recognised by it.
    public var bankID: String?
    /// Signed: credits (money in) positive, debits negative.
    public var amount: Amount
    /// The booking date (camt `BookgDt`, MT940 `:61:` entry date, the CSV `date` column); the value
    /// date when camt or MT940 gives none.
    public var bookingDate: LedgerDate
    /// The value date (camt `ValDt`, MT940 `:61:` value date); matching uses it.
    public var valueDate: LedgerDate
    /// The originator's end-to-end id (camt `EndToEndId`, MT940 `EREF+`), nil when absent or
    /// `NOTPROVIDED`.
    public var endToEndID: String?
    /// Structured references: camt `Strd/CdtrRefInf/Ref`, `InstrId`, `PmtInfId`, MT940 owner
    /// reference (`:61:` before `//`, unless `NONREF`), `KREF+`, `MREF+`.
    public var references: [String]
    /// The other party's name (camt `RltdPties/Dbtr|Cdtr/Nm`, MT940 `?32`/`?33`), when given.
    public var counterparty: String?
    /// The other party's account (IBAN or number), when given.
    public var counterpartyAccount: String?
    /// Free text: camt `Ustrd` and `AddtlNtryInf`, MT940 `:86:` purpose text (`?20`–`?29`, `SVWZ+`).
    public var text: String
    /// The bank's transaction code (camt `BkTxCd` Domn/Fmly/SubFmly or Prtry, MT940 `:61:` type
    /// such as `NTRF`, `NCHG`), e.g. to recognise bank charges.
    public var transactionCode: String?
    /// How many transactions a batch booking holds (camt `Btch/NbOfTxs` or the count of
    /// `TxDtls`), when more than one.
    public var batchCount: Int?
    /// Whether the bank marks the line as a reversal (camt `RvslInd`, MT940 `RC`/`RD`).
    public var isReversal: Bool
    /// Line in the source file (1-based) where this entry starts, for messages.
    public var sourceLine: Int
    /// Which statement of its file the line is in (0-based), when the caller numbers them: two
    /// lines of one statement are never duplicates of each other (its balance counts both).
    public var statementOrdinal: Int?

    /// A line; `amount` is signed, credits (money in) positive, debits negative.
    public init(
        bankID: String? = nil, amount: Amount, bookingDate: LedgerDate, valueDate: LedgerDate, endToEndID: String? = nil,
        references: [String] = [], counterparty: String? = nil, counterpartyAccount: String? = nil, text: String = "",
        transactionCode: String? = nil, batchCount: Int? = nil, isReversal: Bool = false, sourceLine: Int
    ) {
        self.bankID = bankID
        self.amount = amount
        self.bookingDate = bookingDate
        self.valueDate = valueDate
        self.endToEndID = endToEndID
        self.references = references
        self.counterparty = counterparty
        self.counterpartyAccount = counterpartyAccount
        self.text = text
        self.transactionCode = transactionCode
        self.batchCount = batchCount
        self.isReversal = isReversal
        self.sourceLine = sourceLine
    }
}

/// A statement file that cannot be read, naming the file, the statement and the line.
public struct StatementError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What cannot be read and where: the file, the statement and the line, with the fix when known.
    public let message: String

    /// An error with `message`, which names the file, statement and line.
    public init(_ message: String) { self.message = message }

    /// The ``message``.
    public var description: String { message }
}

/// The formats vtf reads.
public enum StatementFormat: String, Sendable, CaseIterable {
    case camt053, mt940, csv
}
