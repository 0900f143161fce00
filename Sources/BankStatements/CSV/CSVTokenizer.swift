/// One CSV record: its fields and the line it starts on.
struct CSVRecord {
    var fields: [String]
    var line: Int
}

/// RFC 4180 records: fields separated by the delimiter, quoted with `"` (a doubled `""` is a
/// quote), quoted fields may span lines; CRLF, LF or CR end a record. Blank lines are dropped.
struct CSVTokenizer {
    let delimiter: Character

    func records(_ text: String, fileName: String) throws(StatementError) -> [CSVRecord] {
        var state = State()
        for character in text {
            try state.take(character, delimiter: delimiter, fileName: fileName)
        }
        guard !state.inQuotes else {
            throw .at(fileName, line: state.recordLine, statement: nil, "a quoted field is never closed")
        }
        state.endRecord()
        return state.records
    }

    private struct State {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var quoteJustClosed = false
        var line = 1
        var recordLine = 1

        mutating func take(_ character: Character, delimiter: Character, fileName: String) throws(StatementError) {
            let isNewline = character == "\n" || character == "\r\n" || character == "\r"
            if inQuotes {
                if character == "\"" { inQuotes = false; quoteJustClosed = true } else { field.append(character) }
                if isNewline { line += 1 }
                return
            }
            if character == "\"" {
                guard field.isEmpty || quoteJustClosed else {
                    throw .at(fileName, line: line, statement: nil, "a quote inside an unquoted field")
                }
                if quoteJustClosed { field.append("\"") }
                inQuotes = true
                quoteJustClosed = false
                return
            }
            quoteJustClosed = false
            if character == delimiter {
                fields.append(field)
                field = ""
            } else if isNewline {
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.append(character)
            }
        }

        mutating func endRecord() {
            fields.append(field)
            let blank = fields.allSatisfy { $0.trimmingSpaces.isEmpty }
            if !blank { records.append(CSVRecord(fields: fields, line: recordLine)) }
            fields = []
            field = ""
        }
    }
}
