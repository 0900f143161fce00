/// A text value from the XML with the line it was read on.
struct CamtField {
    var text: String
    var line: Int
}

/// A `Bal` being read.
struct CamtBalanceDraft {
    var type: String?
    var amount: CamtField?
    var currency: String?
    var creditDebit: String?
    var date: CamtField?
    var line: Int
}

/// A `TxDtls` being read.
struct CamtTransactionDraft {
    var endToEndID: String?
    var references: [String] = []
    var debtorName: String?
    var debtorAccount: String?
    var creditorName: String?
    var creditorAccount: String?
    var unstructured: [String] = []
}

/// An `Ntry` being read.
struct CamtEntryDraft {
    var line: Int
    var amount: CamtField?
    var currency: String?
    var creditDebit: CamtField?
    var reversal: String?
    var status: String?
    var bookingDate: CamtField?
    var valueDate: CamtField?
    var accountServicerReference: String?
    var entryReference: String?
    var domain: String?
    var family: String?
    var subFamily: String?
    var proprietaryCode: String?
    var additionalInfo: [String] = []
    var batchCount: CamtField?
    /// The first ``StatementLimits/maxTransactionDetails`` `TxDtls`; all are counted.
    var transactions: [CamtTransactionDraft] = []
    var transactionCount = 0
}

/// A `Stmt` being read.
struct CamtStatementDraft {
    var line: Int
    var id: String?
    var electronicSequence: String?
    var legalSequence: String?
    var iban: String?
    var otherAccount: String?
    var currency: String?
    var balances: [CamtBalanceDraft] = []
    /// `StmtPgntn/PgNb` and `StmtPgntn/LastPgInd`, when the statement is one page of several.
    var pageNumber: String?
    var lastPage: String?

    var displayID: String { id ?? "Stmt at line \(line)" }
}
