import LedgerCore

/// Reads MT940 files line by line: every message becomes a ``BankStatement`` handed to a
/// visitor with its lines, and no more than one field and one line are held at a time.
enum MT940Parser {
    static func read<Source: StatementByteSource, Visitor: StatementVisitor>(
        from source: Source, fileName: String, encoding: StatementEncoding = .automatic, visitor: inout Visitor
    ) throws(StatementError) {
        var lines = LineReader(source: source, fileName: fileName)
        var lexer = MT940Lexer(fileName: fileName)
        var builder: MT940StatementBuilder?
        while let line = try lines.next() {
            let events = try lexer.take(line: encoding.decode(line.bytes, fileName: fileName, line: line.number), number: line.number)
            for event in events { try handle(event, builder: &builder, fileName: fileName, visitor: &visitor) }
        }
        for event in lexer.finish() { try handle(event, builder: &builder, fileName: fileName, visitor: &visitor) }
        guard lexer.sawMessage else {
            throw StatementError("\(fileName): no MT940 message (no line starts with :20:)")
        }
    }

    private static func handle<Visitor: StatementVisitor>(
        _ event: MT940Event, builder: inout MT940StatementBuilder?, fileName: String, visitor: inout Visitor
    ) throws(StatementError) {
        switch event {
        case .field(let field):
            if builder == nil { builder = MT940StatementBuilder(fileName: fileName, startLine: field.line) }
            try builder?.take(field, visitor: &visitor)
        case .endOfMessage:
            try builder?.finish(visitor: &visitor)
            builder = nil
        }
    }
}

/// Turns one message's fields, as they come, into lines and a statement. A `:61:` line is held
/// until it is known whether a `:86:` follows it.
struct MT940StatementBuilder {
    let fileName: String
    let startLine: Int
    private var reference = ""
    private var account: String?
    private var sequence: String?
    private var currency: Currency?
    private var opening: BankStatement.Balance?
    private var closing: BankStatement.Balance?
    private var intermediate = false
    /// Whether the closing balance is the statement's final one (`:62F:`), not a page's (`:62M:`).
    private var closingIsFinal = false
    private var pending: BankLine?
    private var setAside: SetAsideStatement?

    init(fileName: String, startLine: Int) {
        self.fileName = fileName
        self.startLine = startLine
    }

    private var statementID: String {
        let base = reference.trimmingSpaces
        guard let sequence else { return base }
        return base.isEmpty ? sequence : base + " " + sequence
    }

    /// Takes the next field; a statement set aside ignores the rest of its fields.
    mutating func take<Visitor: StatementVisitor>(_ field: MT940Field, visitor: inout Visitor) throws(StatementError) {
        guard setAside == nil else { return }
        if field.tag == "86", pending != nil {
            attachInformation(field)
            try flush(&visitor)
            return
        }
        try flush(&visitor)
        do throws(FieldIssue) {
            try take(field)
        } catch where error.setsAside {
            pending = nil
            setAside = SetAsideStatement(statementID: statementID, sourceLine: field.line, reason: error.reason)
        } catch {
            throw .at(fileName, line: field.line, statement: statementID, ":\(field.tag): \(error.reason)")
        }
    }

    private mutating func flush<Visitor: StatementVisitor>(_ visitor: inout Visitor) throws(StatementError) {
        guard let line = pending else { return }
        pending = nil
        try visitor.visit(line: line)
    }

    private mutating func take(_ field: MT940Field) throws(FieldIssue) {
        switch field.tag {
        case "20": reference = field.value
        case "25": account = field.value.trimmingSpaces
        case "28", "28C": sequence = field.value.trimmingSpaces
        case "60F", "60M": try takeOpening(field)
        case "61": try takeLine(field)
        case "62F", "62M": try takeClosing(field)
        case let tag where MT942Report.tags.contains(tag): throw MT942Report.refusal(tag: tag)
        default: return
        }
    }

    private mutating func takeOpening(_ field: MT940Field) throws(FieldIssue) {
        guard opening == nil else { throw FieldIssue("a second opening balance") }
        let (balance, currency) = try Self.balance(field.value)
        opening = balance
        self.currency = currency
        intermediate = intermediate || field.tag == "60M"
    }

    private mutating func takeClosing(_ field: MT940Field) throws(FieldIssue) {
        guard closing == nil else { throw FieldIssue("a second closing balance") }
        closing = try Self.balance(field.value).balance
        intermediate = intermediate || field.tag == "62M"
        closingIsFinal = field.tag == "62F"
    }

    private mutating func takeLine(_ field: MT940Field) throws(FieldIssue) {
        guard let currency else { throw FieldIssue("statement line before the opening balance :60F:/:60M:") }
        guard closing == nil else { throw FieldIssue("statement line after the closing balance") }
        let parsed = try StatementLine61(field.value, continuation: field.continuation, currency: currency)
        let owner = parsed.ownerReference
        let isPlaceholder = BankID.isPlaceholder(owner) || Information86.isBareKeyword(owner)
        pending = BankLine(
                bankID: parsed.bankReference.flatMap { BankID.isPlaceholder($0) ? nil : $0 }, amount: parsed.amount, bookingDate: parsed.entryDate,
                valueDate: parsed.valueDate, references: isPlaceholder ? [] : [owner],
                text: StatementLimits.capped(parsed.supplementary), transactionCode: parsed.type,
                isReversal: parsed.isReversal, sourceLine: field.line)
    }

    private mutating func attachInformation(_ field: MT940Field) {
        guard var line = pending else { return }
        let info = Information86(first: field.value, continuation: field.continuation)
        line.text = StatementLimits.capped([line.text, info.text].filter { !$0.isEmpty }.joined(separator: " "))
        line.endToEndID = info.endToEndID
        line.references += info.references
        line.counterparty = info.counterparty
        line.counterpartyAccount = info.counterpartyAccount
        pending = line
    }

    /// Ends the message: its statement, or why it was set aside.
    mutating func finish<Visitor: StatementVisitor>(visitor: inout Visitor) throws(StatementError) {
        if let setAside { return try visitor.setAside(setAside) }
        try flush(&visitor)
        try visitor.end(statement: try statement())
    }

    private func statement() throws(StatementError) -> BankStatement {
        let start = startLine
        guard let account, !account.isEmpty else {
            throw .at(fileName, line: start, statement: statementID, "no account :25:")
        }
        guard let opening, let currency else {
            throw .at(fileName, line: start, statement: statementID, "no opening balance (:60F: or :60M:)")
        }
        guard let closing else {
            throw .at(fileName, line: start, statement: statementID, "no closing balance (:62F: or :62M:)")
        }
        var statement = BankStatement(
            id: statementID, account: account, currency: currency, sequence: sequence, opening: opening,
            closing: closing, intermediate: intermediate, lines: [], sourceLine: start)
        statement.page = Self.page(sequence: sequence, intermediate: intermediate, isLast: closingIsFinal)
        return statement
    }

    /// A page of a statement the bank split (`:60M:`/`:62M:`): its number is the `:28C:` page
    /// after the slash (`00020/2` is page 2), and the page that closes with `:62F:` is the last.
    /// `StatementPages` merges the pages into one statement before the balance checks, as camt's.
    /// A statement with no intermediate balance, or no page number, is no page.
    static func page(sequence: String?, intermediate: Bool, isLast: Bool) -> BankStatement.Page? {
        guard intermediate, let sequence, let slash = sequence.firstIndex(of: "/"),
            let number = Int(sequence[sequence.index(after: slash)...]), number >= 1
        else { return nil }
        return BankStatement.Page(number: number, isLast: isLast)
    }
}

extension MT940StatementBuilder {
    /// A balance `1!a6!n3!a15d`: C or D, YYMMDD, currency, amount with a comma decimal.
    static func balance(_ value: String) throws(FieldIssue) -> (balance: BankStatement.Balance, currency: Currency) {
        let characters = Array(value.trimmingSpaces)
        guard characters.count >= 11, characters[0] == "C" || characters[0] == "D" else {
            throw FieldIssue("balance \(quoted(value)) is not C or D, YYMMDD, currency, amount")
        }
        let date = try SwiftDates.date(yymmdd: String(characters[1..<7]))
        let currency = try Self.currency(String(characters[7..<10]))
        let magnitude = try DecimalStyle.swiftAmount(String(characters[10...]), currency: currency)
        let amount = characters[0] == "C" ? magnitude : Amount(minorUnits: -magnitude.minorUnits, currency: currency)
        return (BankStatement.Balance(amount: amount, date: date), currency)
    }

    /// The currency `code`; a withdrawn but well-formed code sets the statement aside.
    static func currency(_ code: String) throws(FieldIssue) -> Currency {
        do {
            return try Currency(code: code)
        } catch {
            guard code.utf8.count == 3, code.utf8.allSatisfy(MT940Lexer.isUpper) else {
                throw FieldIssue("currency \(quoted(code)) is not 3 capital letters")
            }
            throw FieldIssue("currency \(code) is not in the ledger's ISO 4217 table", setsAside: true)
        }
    }
}
