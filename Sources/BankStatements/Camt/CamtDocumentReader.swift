/// What the reader hands on as elements close: a whole entry (with its statement's header and
/// balances read so far), or a whole statement (without its entries).
enum CamtEvent {
    case entry(CamtEntryDraft, of: CamtStatementDraft)
    case statement(CamtStatementDraft)
}

/// Reads a camt.053 document's statements from the XML events: it keeps the element path and
/// the open `Stmt`, `Bal`, `Ntry` and `TxDtls`, and files each leaf's text by its path below them.
/// An entry is handed on when it closes and then forgotten, so memory does not grow with the
/// number of entries.
struct CamtDocumentReader {
    private var path: [String] = []
    private var statement: CamtStatementDraft?
    private var balance: CamtBalanceDraft?
    private var entry: CamtEntryDraft?
    private var transaction: CamtTransactionDraft?
    private var marks: (statement: Int, inner: Int) = (0, 0)

    var depth: Int { path.count }

    mutating func start(_ name: String, currency: String?, line: Int) {
        path.append(name)
        switch name {
        case "Stmt" where path.count >= 2 && path[path.count - 2] == "BkToCstmrStmt":
            statement = CamtStatementDraft(line: line)
            marks.statement = path.count
        case "Bal" where statement != nil && path.count == marks.statement + 1:
            balance = CamtBalanceDraft(line: line)
            marks.inner = path.count
        case "Ntry" where statement != nil && path.count == marks.statement + 1:
            entry = CamtEntryDraft(line: line)
            marks.inner = path.count
        case "TxDtls" where entry != nil:
            transaction = CamtTransactionDraft()
        case "Amt" where path.count == marks.inner + 1:
            balance?.currency = currency
            entry?.currency = currency
        default:
            return
        }
    }

    /// Files the closing element's text; returns an entry or statement that it completes.
    mutating func end(_ name: String, text: String, line: Int) -> CamtEvent? {
        let field = CamtField(text: text.trimmingSpaces, line: line)
        let inner = relativePath(from: marks.inner)
        if transaction != nil, let relative = relativePath(after: "TxDtls") {
            transaction?.take(relative, field.text)
        } else if entry != nil, path.count > marks.inner {
            entry?.take(inner, field)
        } else if balance != nil, path.count > marks.inner {
            balance?.take(inner, field)
        } else if statement != nil, path.count > marks.statement {
            let relative = relativePath(from: marks.statement)
            statement?.take(relative, field.text)
        }
        defer { path.removeLast() }
        return close(name)
    }

    private mutating func close(_ name: String) -> CamtEvent? {
        if name == "TxDtls", let transaction {
            entry?.transactionCount += 1
            if entry?.transactions.count ?? 0 < StatementLimits.maxTransactionDetails { entry?.transactions.append(transaction) }
            self.transaction = nil
        }
        if name == "Ntry", path.count == marks.inner, let entry, let statement {
            self.entry = nil
            return .entry(entry, of: statement)
        }
        if name == "Bal", path.count == marks.inner, let balance {
            if statement?.balances.count ?? 0 < 64 { statement?.balances.append(balance) }
            self.balance = nil
        }
        if name == "Stmt", path.count == marks.statement, let statement {
            self.statement = nil
            return .statement(statement)
        }
        return nil
    }

    /// The path below the element at depth `depth` (1-based), e.g. `Dt/Dt`.
    private func relativePath(from depth: Int) -> String {
        path.dropFirst(depth).joined(separator: "/")
    }

    /// The path below the innermost `name`.
    private func relativePath(after name: String) -> String? {
        guard let index = path.lastIndex(of: name), index + 1 < path.count else { return nil }
        return path[(index + 1)...].joined(separator: "/")
    }
}

extension CamtStatementDraft {
    mutating func take(_ path: String, _ text: String) {
        switch path {
        case "Id": id = text
        case "ElctrncSeqNb": electronicSequence = text
        case "LglSeqNb": legalSequence = text
        case "Acct/Id/IBAN": iban = text
        case "Acct/Id/Othr/Id": otherAccount = text
        case "Acct/Ccy": currency = text
        case "StmtPgntn/PgNb": pageNumber = text
        case "StmtPgntn/LastPgInd": lastPage = text
        default: return
        }
    }
}

extension CamtBalanceDraft {
    mutating func take(_ path: String, _ field: CamtField) {
        switch path {
        case "Tp/CdOrPrtry/Cd": type = field.text
        case "Amt": amount = field
        case "CdtDbtInd": creditDebit = field.text
        case "Dt/Dt", "Dt/DtTm": date = field
        default: return
        }
    }
}

extension CamtEntryDraft {
    mutating func take(_ path: String, _ field: CamtField) {
        switch path {
        case "Amt": amount = field
        case "CdtDbtInd": creditDebit = field
        case "RvslInd": reversal = field.text
        case "Sts", "Sts/Cd": if !field.text.isEmpty { status = field.text }
        case "BookgDt/Dt", "BookgDt/DtTm": bookingDate = field
        case "ValDt/Dt", "ValDt/DtTm": valueDate = field
        case "AcctSvcrRef": accountServicerReference = field.text
        case "NtryRef": entryReference = field.text
        case "BkTxCd/Domn/Cd": domain = field.text
        case "BkTxCd/Domn/Fmly/Cd": family = field.text
        case "BkTxCd/Domn/Fmly/SubFmlyCd": subFamily = field.text
        case "BkTxCd/Prtry/Cd": proprietaryCode = field.text
        case "AddtlNtryInf": if additionalInfo.count < 16 { additionalInfo.append(field.text) }
        case "NtryDtls/Btch/NbOfTxs": batchCount = field
        default: return
        }
    }
}

extension CamtTransactionDraft {
    mutating func take(_ path: String, _ text: String) {
        switch path {
        case "Refs/EndToEndId": if endToEndID == nil { endToEndID = text }
        case "Refs/InstrId", "Refs/PmtInfId", "RmtInf/Strd/CdtrRefInf/Ref":
            if references.count < 16 { references.append(text) }
        case "RltdPties/Dbtr/Nm", "RltdPties/Dbtr/Pty/Nm": debtorName = text
        case "RltdPties/DbtrAcct/Id/IBAN", "RltdPties/DbtrAcct/Id/Othr/Id": debtorAccount = text
        case "RltdPties/Cdtr/Nm", "RltdPties/Cdtr/Pty/Nm": creditorName = text
        case "RltdPties/CdtrAcct/Id/IBAN", "RltdPties/CdtrAcct/Id/Othr/Id": creditorAccount = text
        case "RmtInf/Ustrd": if unstructured.count < 16 { unstructured.append(text) }
        default: return
        }
    }
}
