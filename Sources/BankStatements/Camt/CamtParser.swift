import Foundation
import LedgerCore

/// Reads camt.053 (.001.02 through .001.13) documents as a stream: every `Stmt` becomes a
/// ``BankStatement``; each booked entry becomes a line handed to the visitor when it closes,
/// pending and information entries are counted as skipped.
enum CamtParser {
    static func read<Source: StatementByteSource, Visitor: StatementVisitor>(
        from source: Source, fileName: String, visitor: inout Visitor
    ) throws(StatementError) {
        let bytes = SourceBox(source)
        let stream = CamtInputStream(fileName: fileName) { (count) throws(StatementError) in try bytes.read(upTo: count) }
        let sink = CamtSink(fileName: fileName, visitor: visitor)
        let handler = CamtXMLHandler(fileName: fileName) { (event) throws(StatementError) in try sink.take(event) }
        let failure = handler.run(stream)
        visitor = sink.visitor
        if let problem = stream.problem { throw problem }
        if let failure { throw failure }
        guard sink.statements > 0 else {
            throw StatementError("\(fileName): the camt.053 document holds no statement (Stmt)")
        }
    }
}

/// A byte source shared with the stream's closure.
private final class SourceBox<Source: StatementByteSource> {
    var source: Source

    init(_ source: Source) { self.source = source }

    func read(upTo count: Int) throws(StatementError) -> [UInt8] { try source.read(upTo: count) }
}

/// Turns the reader's events into lines and statements for the visitor, one statement at a time.
private final class CamtSink<Visitor: StatementVisitor> {
    let fileName: String
    var visitor: Visitor
    /// Statements ended or set aside.
    private(set) var statements = 0
    /// The currency of the statement being read, once its first entry needed it.
    private var resolved: CamtStatementBuilder.Resolution?

    init(fileName: String, visitor: Visitor) {
        self.fileName = fileName
        self.visitor = visitor
    }

    private func resolution(_ builder: CamtStatementBuilder) throws(StatementError) -> CamtStatementBuilder.Resolution {
        if let resolved { return resolved }
        return try builder.resolve()
    }

    func take(_ event: CamtEvent) throws(StatementError) {
        switch event {
        case .entry(let entry, let draft):
            let builder = CamtStatementBuilder(fileName: fileName, draft: draft)
            let resolution = try resolution(builder)
            resolved = resolution
            guard case .currency(let currency) = resolution else { return }
            let status = entry.status ?? "BOOK"
            guard status == "BOOK" else {
                return try visitor.skipped(SkippedEntry(statementID: draft.displayID, status: status, sourceLine: entry.line))
            }
            try visitor.visit(line: try CamtEntryBuilder(statement: builder, entry: entry, currency: currency).line())
        case .statement(let draft):
            let builder = CamtStatementBuilder(fileName: fileName, draft: draft)
            let resolution = try resolution(builder)
            resolved = nil
            statements += 1
            switch resolution {
            case .currency(let currency): try visitor.end(statement: try builder.statement(currency: currency))
            case .setAside(let setAside): try visitor.setAside(setAside)
            }
        }
    }
}

/// Checks one `Stmt` draft and turns it into a statement.
struct CamtStatementBuilder {
    let fileName: String
    let draft: CamtStatementDraft

    private func error(_ line: Int, _ what: String) -> StatementError {
        .at(fileName, line: line, statement: draft.displayID, what)
    }

    /// The statement's currency, or why it is set aside.
    enum Resolution {
        case currency(Currency)
        case setAside(SetAsideStatement)
    }

    /// The account currency (`Acct/Ccy`, else the opening balance's), which must come before
    /// the entries, as camt.053 orders them.
    func resolve() throws(StatementError) -> Resolution {
        let currencyCode = draft.currency ?? draft.balances.first { Self.isOpening($0.type) }?.currency
        guard let code = currencyCode else { throw error(draft.line, "no account currency (Acct/Ccy or Bal/Amt@Ccy)") }
        do throws(FieldIssue) { return .currency(try MT940StatementBuilder.currency(code)) } catch {
            guard error.setsAside else { throw self.error(draft.line, error.reason) }
            return .setAside(SetAsideStatement(statementID: draft.displayID, sourceLine: draft.line, reason: error.reason))
        }
    }

    /// The statement (without its lines, handed on already) in `currency`. A page of several
    /// (`StmtPgntn`) may lack a balance; its interim balances (`ITBD`) stand for the missing
    /// opening or closing one (``CamtPageBalances``).
    func statement(currency: Currency) throws(StatementError) -> BankStatement {
        guard let account = draft.iban ?? draft.otherAccount, !account.isEmpty else {
            throw error(draft.line, "no account (Acct/Id/IBAN or Acct/Id/Othr/Id)")
        }
        let page = try self.page()
        let chosen = CamtPageBalances(draft.balances)
        let opening = try chosen.opening.map(balance) ?? (page == nil ? nil : placeholder(currency))
        let closing = try chosen.closing.map(balance) ?? (page == nil ? nil : placeholder(currency))
        guard let opening else { throw error(draft.line, "no opening (OPBD or PRCD) balance") }
        guard let closing else { throw error(draft.line, "no closing (CLBD) balance") }
        var statement = BankStatement(
            id: draft.displayID, account: account, currency: currency,
            sequence: draft.electronicSequence ?? draft.legalSequence, opening: opening, closing: closing,
            intermediate: chosen.interim, lines: [], sourceLine: draft.line)
        statement.page = page.map { BankStatement.Page(number: $0.number, isLast: $0.isLast, hasOpening: chosen.opening != nil, hasClosing: chosen.closing != nil) }
        return statement
    }

    /// The statement's `StmtPgntn`, when it has one.
    private func page() throws(StatementError) -> (number: Int, isLast: Bool)? {
        guard let text = draft.pageNumber else { return nil }
        guard let number = Int(text), number > 0, number < 100_000 else {
            throw error(draft.line, "StmtPgntn/PgNb \(quoted(text)) is not a page number")
        }
        switch draft.lastPage {
        case "true", "1": return (number, true)
        case "false", "0": return (number, false)
        default: throw error(draft.line, "StmtPgntn/LastPgInd \(quoted(draft.lastPage ?? "")) is not true or false")
        }
    }

    /// A balance the page does not give: zero on the other balance's date (never checked).
    private func placeholder(_ currency: Currency) -> BankStatement.Balance? {
        let date = draft.balances.lazy.compactMap { try? CamtEntryBuilder.date($0.date?.text ?? "") }.first
        return BankStatement.Balance(amount: .zero(currency), date: date ?? LedgerDate.earliest)
    }

    private func balance(_ found: CamtBalanceDraft) throws(StatementError) -> BankStatement.Balance {
        do throws(FieldIssue) {
            return try Self.balance(found)
        } catch {
            throw self.error(found.line, "balance \(found.type ?? ""): \(error.reason)")
        }
    }

    static func isOpening(_ type: String?) -> Bool { type == "OPBD" || type == "PRCD" }

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
