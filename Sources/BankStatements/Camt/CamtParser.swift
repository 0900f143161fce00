import Foundation
import LedgerCore

/// Reads camt.053 (.001.02 through .001.08) documents: every `Stmt` becomes a ``BankStatement``;
/// booked entries become lines, pending and information entries are counted as skipped.
enum CamtParser {
    static func read(bytes: [UInt8], fileName: String) throws(StatementError) -> StatementFile {
        if let problem = Self.encodingProblem(bytes) {
            throw .at(fileName, line: problem.line, statement: nil, problem.message)
        }
        if let line = Self.declarationLine(bytes) {
            throw .at(fileName, line: line, statement: nil, "DTDs and entity declarations are not allowed in camt.053")
        }
        let handler = CamtXMLHandler()
        if let problem = handler.run(Data(bytes)) {
            throw .at(fileName, line: problem.line, statement: nil, problem.message)
        }
        var file = StatementFile(fileName: fileName, format: .camt053, statements: [])
        for draft in handler.reader.statements {
            try CamtStatementBuilder(fileName: fileName, draft: draft).add(to: &file)
        }
        guard !file.statements.isEmpty || !file.setAside.isEmpty else {
            throw StatementError("\(fileName): the camt.053 document holds no statement (Stmt)")
        }
        return file
    }

    /// Why `bytes` are no UTF-8 XML, if they are not: camt.053 is UTF-8, and invalid bytes must
    /// never reach the XML parser (Foundation's parser on Linux traps on names that are not UTF-8).
    static func encodingProblem(_ bytes: [UInt8]) -> (line: Int, message: String)? {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            let line = Self.lineOfFirstInvalidByte(bytes)
            return (line, "the document is not valid UTF-8")
        }
        if bytes.contains(0) { return (1, "the document contains a NUL byte") }
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
        guard head.hasPrefix("<?xml"), let end = head.firstIndex(of: ">") else { return nil }
        let declaration = head[..<end].lowercased().replacing("'", with: "\"")
        guard declaration.contains("encoding") else { return nil }
        return declaration.contains("encoding=\"utf-8\"") ? nil : (1, "the XML declaration names another encoding than UTF-8")
    }

    /// The 1-based line on which `bytes` stop being valid UTF-8.
    private static func lineOfFirstInvalidByte(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\n" { line += 1 }
        }
        return line
    }

    /// The line of a `<!DOCTYPE` or `<!ENTITY` declaration, if any: camt needs none, and refusing
    /// them keeps entity expansion out entirely.
    static func declarationLine(_ bytes: [UInt8]) -> Int? {
        let text = TextDecoding.decode(bytes)
        for (number, line) in TextDecoding.lines(text) where line.contains("<!DOCTYPE") || line.contains("<!ENTITY") {
            return number
        }
        return nil
    }
}

/// Checks one `Stmt` draft and turns it into a statement.
struct CamtStatementBuilder {
    let fileName: String
    let draft: CamtStatementDraft

    private func error(_ line: Int, _ what: String) -> StatementError {
        .at(fileName, line: line, statement: draft.displayID, what)
    }

    func add(to file: inout StatementFile) throws(StatementError) {
        let currencyCode = draft.currency ?? draft.balances.first { Self.isOpening($0.type) }?.currency
        guard let code = currencyCode else { throw error(draft.line, "no account currency (Acct/Ccy or Bal/Amt@Ccy)") }
        let currency: Currency
        do throws(FieldIssue) { currency = try MT940StatementBuilder.currency(code) } catch {
            if error.setsAside {
                file.setAside.append(SetAsideStatement(statementID: draft.displayID, sourceLine: draft.line, reason: error.reason))
                return
            }
            throw self.error(draft.line, error.reason)
        }
        try build(currency: currency, into: &file)
    }

    private func build(currency: Currency, into file: inout StatementFile) throws(StatementError) {
        guard let account = draft.iban ?? draft.otherAccount, !account.isEmpty else {
            throw error(draft.line, "no account (Acct/Id/IBAN or Acct/Id/Othr/Id)")
        }
        let opening = try balance(named: "opening (OPBD or PRCD)", where: Self.isOpening)
        let closing = try balance(named: "closing (CLBD)") { $0 == "CLBD" }
        var lines: [BankLine] = []
        for entry in draft.entries {
            let status = entry.status ?? "BOOK"
            guard status == "BOOK" else {
                file.skipped.append(SkippedEntry(statementID: draft.displayID, status: status, sourceLine: entry.line))
                continue
            }
            lines.append(try CamtEntryBuilder(statement: self, entry: entry, currency: currency).line())
        }
        file.statements.append(
            BankStatement(
                id: draft.displayID, account: account, currency: currency,
                sequence: draft.electronicSequence ?? draft.legalSequence, opening: opening, closing: closing,
                lines: lines, sourceLine: draft.line))
    }

    static func isOpening(_ type: String?) -> Bool { type == "OPBD" || type == "PRCD" }

    /// The first balance whose type passes `matches` (OPBD before PRCD for the opening).
    private func balance(named name: String, where matches: (String?) -> Bool) throws(StatementError) -> BankStatement.Balance {
        let candidates = draft.balances.filter { matches($0.type) }
        guard let found = candidates.first(where: { $0.type == "OPBD" }) ?? candidates.first else {
            throw error(draft.line, "no \(name) balance")
        }
        do throws(FieldIssue) {
            return try Self.balance(found)
        } catch {
            throw self.error(found.line, "balance \(found.type ?? ""): \(error.reason)")
        }
    }

    private static func balance(_ draft: CamtBalanceDraft) throws(FieldIssue) -> BankStatement.Balance {
        guard let code = draft.currency else { throw FieldIssue("Amt has no Ccy") }
        let currency = try MT940StatementBuilder.currency(code)
        guard let amountText = draft.amount?.text else { throw FieldIssue("no Amt") }
        let magnitude = try DecimalStyle.xml.amount(amountText, currency: currency)
        let negative = try CamtEntryBuilder.isDebit(draft.creditDebit)
        guard let dateField = draft.date else { throw FieldIssue("no Dt/Dt or Dt/DtTm") }
        let date = try CamtEntryBuilder.date(dateField.text)
        let amount = negative ? Amount(minorUnits: -magnitude.minorUnits, currency: currency) : magnitude
        return BankStatement.Balance(amount: amount, date: date)
    }

    func fail(_ line: Int, _ what: String) -> StatementError { error(line, what) }
}
