import LedgerCore

/// Reads a CSV export through a ``CSVMapping``: one statement, one line per row.
enum CSVParser {
    static func read(text: String, mapping: CSVMapping, fileName: String) throws(StatementError) -> StatementFile {
        var records = try CSVTokenizer(delimiter: mapping.delimiter).records(text, fileName: fileName)
        let header = mapping.header && !records.isEmpty ? records.removeFirst() : nil
        let columns = try CSVColumns(mapping: mapping, header: header, fileName: fileName)
        let currency: Currency
        do { currency = try Currency(code: mapping.currency) } catch {
            throw StatementError("\(fileName): mapping currency: \(error)")
        }
        let rows = CSVRowReader(columns: columns, mapping: mapping, currency: currency, fileName: fileName)
        var lines: [BankLine] = []
        for record in records { lines.append(try rows.line(record)) }
        let statement = try CSVStatement(rows: rows, lines: lines).statement()
        return StatementFile(fileName: fileName, format: .csv, statements: [statement])
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
                text: try optional("text", record) ?? "", sourceLine: record.line)
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
