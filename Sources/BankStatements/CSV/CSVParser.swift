import LedgerCore

/// Reads a CSV export through a ``CSVMapping`` record by record: one statement, one line per row.
enum CSVParser {
    static func read<Source: StatementByteSource, Visitor: StatementVisitor>(
        from source: Source, mapping: CSVMapping, fileName: String, visitor: inout Visitor
    ) throws(StatementError) {
        var lines = LineReader(source: source, fileName: fileName)
        var tokenizer = CSVTokenizer(delimiter: mapping.delimiter, fileName: fileName)
        var rows = CSVRows(mapping: mapping, fileName: fileName)
        while let line = try lines.next() {
            let text = try decode(line, encoding: mapping.encoding, fileName: fileName)
            for record in try tokenizer.take(line: text) { try rows.take(record, visitor: &visitor) }
        }
        for record in try tokenizer.finish() { try rows.take(record, visitor: &visitor) }
        try visitor.end(statement: try rows.statement())
    }

    /// The line as text in the mapping's encoding; bytes that are not UTF-8 are refused with
    /// their offset unless the mapping declares ISO-8859-1.
    static func decode(_ line: RawLine, encoding: CSVMapping.Encoding, fileName: String) throws(StatementError) -> String {
        switch encoding {
        case .latin1:
            return TextDecoding.latin1(line.bytes)
        case .utf8:
            if let text = String(validating: line.bytes, as: UTF8.self) { return text }
            let offset = line.offset + (TextDecoding.firstInvalidUTF8(line.bytes) ?? 0)
            throw .at(fileName, line: line.number, statement: nil,
                      "byte offset \(offset) is not UTF-8; if the bank writes ISO-8859-1, say \"encoding\": \"ISO-8859-1\" in the mapping")
        }
    }
}

/// The rows after the header: each becomes a line handed on, and is tallied for the statement.
struct CSVRows {
    let mapping: CSVMapping
    let fileName: String
    private var reader: CSVRowReader?
    private var sawHeader = false
    private var tally = StatementTally()

    init(mapping: CSVMapping, fileName: String) {
        self.mapping = mapping
        self.fileName = fileName
    }

    mutating func take<Visitor: StatementVisitor>(_ record: CSVRecord, visitor: inout Visitor) throws(StatementError) {
        if mapping.header && !sawHeader {
            sawHeader = true
            reader = try CSVRowReader(mapping: mapping, header: record, fileName: fileName)
            return
        }
        if reader == nil { reader = try CSVRowReader(mapping: mapping, header: nil, fileName: fileName) }
        guard let reader else { return }
        let line = try reader.line(record)
        tally.add(line)
        try visitor.visit(line: line)
    }

    func statement() throws(StatementError) -> BankStatement {
        let reader: CSVRowReader
        if let existing = self.reader { reader = existing } else {
            reader = try CSVRowReader(mapping: mapping, header: nil, fileName: fileName)
        }
        return try CSVStatement(rows: reader, tally: tally).statement()
    }
}

/// The mapping's column roles resolved to indexes.
struct CSVColumns {
    private var indexes: [String: Int] = [:]

    init(mapping: CSVMapping, header: CSVRecord?, fileName: String) throws(StatementError) {
        let names = header?.fields.map { $0.trimmingSpaces.lowercased() } ?? []
        for (role, column) in mapping.columns {
            switch column {
            case .index(let index) where index >= 0:
                indexes[role] = index
            case .index(let index):
                throw StatementError("\(fileName): column \(role) has the negative index \(index)")
            case .name(let name):
                guard let index = names.firstIndex(of: name.trimmingSpaces.lowercased()) else {
                    throw .at(fileName, line: header?.line ?? 1, statement: nil, "no column named \(quoted(name)) (\(role))")
                }
                indexes[role] = index
            }
        }
        guard indexes["date"] != nil else { throw StatementError("\(fileName): the mapping names no date column") }
        let hasAmount = indexes["amount"] != nil || (indexes["debit"] != nil && indexes["credit"] != nil)
        guard hasAmount else {
            throw StatementError("\(fileName): the mapping names no amount column (amount, or debit and credit)")
        }
    }

    func index(_ role: String) -> Int? { indexes[role] }
}

/// Reads rows into lines.
struct CSVRowReader {
    let columns: CSVColumns
    let mapping: CSVMapping
    let currency: Currency
    let fileName: String

    init(mapping: CSVMapping, header: CSVRecord?, fileName: String) throws(StatementError) {
        columns = try CSVColumns(mapping: mapping, header: header, fileName: fileName)
        do { currency = try Currency(code: mapping.currency) } catch {
            throw StatementError("\(fileName): mapping currency: \(error)")
        }
        self.mapping = mapping
        self.fileName = fileName
    }

    var statementID: String { mapping.statementID ?? fileName }
    var style: DecimalStyle { DecimalStyle(decimal: mapping.decimal, thousands: mapping.thousands, signed: true) }

    func line(_ record: CSVRecord) throws(StatementError) -> BankLine {
        do throws(FieldIssue) {
            let date = try CSVDates.date(try value("date", record) ?? "", format: mapping.dateFormat)
            let valueDate = try optional("value_date", record).map { (text) throws(FieldIssue) in
                try CSVDates.date(text, format: mapping.dateFormat)
            } ?? date
            return BankLine(
                bankID: try optional("bank_id", record), amount: try amount(record), bookingDate: date,
                valueDate: valueDate, references: try optional("reference", record).map { [$0] } ?? [],
                counterparty: try optional("counterparty", record),
                counterpartyAccount: try optional("counterparty_account", record),
                text: StatementLimits.capped(try optional("text", record) ?? ""), sourceLine: record.line)
        } catch {
            throw .at(fileName, line: record.line, statement: statementID, error.reason)
        }
    }

    /// The signed amount: the `amount` column, or `credit` minus `debit`.
    private func amount(_ record: CSVRecord) throws(FieldIssue) -> Amount {
        if columns.index("amount") != nil {
            return try style.amount(try value("amount", record) ?? "", currency: currency)
        }
        let debit = try optional("debit", record).map { (text) throws(FieldIssue) in try magnitude(text) }
        let credit = try optional("credit", record).map { (text) throws(FieldIssue) in try magnitude(text) }
        switch (debit, credit) {
        case (let debit?, nil): return Amount(minorUnits: -debit.minorUnits, currency: currency)
        case (nil, let credit?): return credit
        case (nil, nil): throw FieldIssue("neither a debit nor a credit amount")
        case (let debit?, let credit?):
            if debit.isZero { return credit }
            if credit.isZero { return Amount(minorUnits: -debit.minorUnits, currency: currency) }
            throw FieldIssue("both a debit and a credit amount")
        }
    }

    /// A debit or credit column's amount, without its sign.
    private func magnitude(_ text: String) throws(FieldIssue) -> Amount {
        let amount = try style.amount(text, currency: currency)
        guard amount.minorUnits != Int64.min else { throw FieldIssue("amount \(quoted(text)) is out of range") }
        return Amount(minorUnits: abs(amount.minorUnits), currency: currency)
    }

    /// The trimmed text of `role`'s column; nil when the mapping has no such column.
    func value(_ role: String, _ record: CSVRecord) throws(FieldIssue) -> String? {
        guard let index = columns.index(role) else { return nil }
        guard index < record.fields.count else {
            throw FieldIssue("the row has \(record.fields.count) fields, column \(role) is index \(index) (from 0)")
        }
        return record.fields[index].trimmingSpaces
    }

    /// Like ``value(_:_:)``, but nil for an empty field too.
    func optional(_ role: String, _ record: CSVRecord) throws(FieldIssue) -> String? {
        guard let text = try value(role, record), !text.isEmpty else { return nil }
        return text
    }
}
