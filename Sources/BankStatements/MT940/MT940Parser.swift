import LedgerCore

/// Reads MT940 files: every message becomes a ``BankStatement``.
enum MT940Parser {
    static func read(text: String, fileName: String) throws(StatementError) -> StatementFile {
        let messages = MT940Lexer.messages(in: text)
        guard !messages.isEmpty else {
            throw StatementError("\(fileName): no MT940 message (no line starts with :20:)")
        }
        var file = StatementFile(fileName: fileName, format: .mt940, statements: [])
        for message in messages {
            var builder = MT940StatementBuilder(fileName: fileName, message: message)
            switch try builder.build() {
            case .statement(let statement): file.statements.append(statement)
            case .setAside(let setAside): file.setAside.append(setAside)
            }
        }
        return file
    }
}

/// A statement, or why a readable statement was set aside.
enum BuiltStatement {
    case statement(BankStatement)
    case setAside(SetAsideStatement)
}

/// Turns one message's fields into a statement.
struct MT940StatementBuilder {
    let fileName: String
    let message: MT940Message
    private var reference = ""
    private var account: String?
    private var sequence: String?
    private var currency: Currency?
    private var opening: BankStatement.Balance?
    private var closing: BankStatement.Balance?
    private var intermediate = false
    private var lines: [BankLine] = []
    private var lastWasLine = false

    init(fileName: String, message: MT940Message) {
        self.fileName = fileName
        self.message = message
    }

    private var statementID: String {
        let base = reference.trimmingSpaces
        guard let sequence else { return base }
        return base.isEmpty ? sequence : base + " " + sequence
    }

    mutating func build() throws(StatementError) -> BuiltStatement {
        for field in message.fields {
            do throws(FieldIssue) {
                try take(field)
            } catch where error.setsAside {
                return .setAside(SetAsideStatement(statementID: statementID, sourceLine: field.line, reason: error.reason))
            } catch {
                throw .at(fileName, line: field.line, statement: statementID, ":\(field.tag): \(error.reason)")
            }
        }
        return .statement(try finish())
    }

    private mutating func take(_ field: MT940Field) throws(FieldIssue) {
        let isLine = field.tag == "61"
        defer { lastWasLine = isLine }
        switch field.tag {
        case "20": reference = field.value
        case "25": account = field.value.trimmingSpaces
        case "28", "28C": sequence = field.value.trimmingSpaces
        case "60F", "60M": try takeOpening(field)
        case "61": try takeLine(field)
        case "86": if lastWasLine { try attachInformation(field) }
        case "62F", "62M": try takeClosing(field)
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
    }

    private mutating func takeLine(_ field: MT940Field) throws(FieldIssue) {
        guard let currency else { throw FieldIssue("statement line before the opening balance :60F:/:60M:") }
        guard closing == nil else { throw FieldIssue("statement line after the closing balance") }
        let parsed = try StatementLine61(field.value, continuation: field.continuation, currency: currency)
        let owner = parsed.ownerReference
        let isPlaceholder = owner.isEmpty || owner == "NONREF" || Information86.isBareKeyword(owner)
        lines.append(
            BankLine(
                bankID: parsed.bankReference, amount: parsed.amount, bookingDate: parsed.entryDate,
                valueDate: parsed.valueDate, references: isPlaceholder ? [] : [owner],
                text: parsed.supplementary, transactionCode: parsed.type, isReversal: parsed.isReversal,
                sourceLine: field.line))
    }

    private mutating func attachInformation(_ field: MT940Field) throws(FieldIssue) {
        guard var line = lines.popLast() else { return }
        let info = Information86(first: field.value, continuation: field.continuation)
        line.text = [line.text, info.text].filter { !$0.isEmpty }.joined(separator: " ")
        line.endToEndID = info.endToEndID
        line.references += info.references
        line.counterparty = info.counterparty
        line.counterpartyAccount = info.counterpartyAccount
        lines.append(line)
    }

    private func finish() throws(StatementError) -> BankStatement {
        let start = message.startLine
        guard let account, !account.isEmpty else {
            throw .at(fileName, line: start, statement: statementID, "no account :25:")
        }
        guard let opening, let currency else {
            throw .at(fileName, line: start, statement: statementID, "no opening balance (:60F: or :60M:)")
        }
        guard let closing else {
            throw .at(fileName, line: start, statement: statementID, "no closing balance (:62F: or :62M:)")
        }
        return BankStatement(
            id: statementID, account: account, currency: currency, sequence: sequence, opening: opening,
            closing: closing, intermediate: intermediate, lines: lines, sourceLine: start)
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
        let magnitude = try DecimalStyle.swift.amount(String(characters[10...]), currency: currency)
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
