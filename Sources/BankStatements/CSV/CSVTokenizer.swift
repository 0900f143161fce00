/// One CSV record: its fields and the line it starts on.
struct CSVRecord {
    var fields: [String]
    var line: Int
}

/// RFC 4180 records: fields separated by the delimiter, quoted with `"` (a doubled `""` is a
/// quote), quoted fields may span lines; a line end ends a record. Blank lines are dropped.
/// Fed one line at a time; a record may hold at most ``StatementLimits/maxLineBytes`` bytes.
struct CSVTokenizer {
    let delimiter: Character
    let fileName: String
    private var state = State()

    init(delimiter: Character, fileName: String) {
        self.delimiter = delimiter
        self.fileName = fileName
    }

    /// Takes one line (without its terminator); returns the records it completes.
    mutating func take(line: String) throws(StatementError) -> [CSVRecord] {
        for character in line { try state.take(character, delimiter: delimiter, fileName: fileName) }
        try state.take("\n", delimiter: delimiter, fileName: fileName)
        return state.drain()
    }

    /// The last record, at the end of the file.
    mutating func finish() throws(StatementError) -> [CSVRecord] {
        guard !state.inQuotes else {
            throw .at(fileName, line: state.recordLine, statement: nil, "a quoted field is never closed")
        }
        state.endRecord()
        return state.drain()
    }

    private struct State {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var recordBytes = 0
        var inQuotes = false
        var quoteJustClosed = false
        var line = 1
        var recordLine = 1

        mutating func drain() -> [CSVRecord] {
            defer { records = [] }
            return records
        }

        mutating func take(_ character: Character, delimiter: Character, fileName: String) throws(StatementError) {
            let isNewline = character == "\n"
            if inQuotes {
                if character == "\"" { inQuotes = false; quoteJustClosed = true } else { try append(character, fileName) }
                if isNewline { line += 1 }
                return
            }
            if character == "\"" {
                guard field.isEmpty || quoteJustClosed else {
                    throw .at(fileName, line: line, statement: nil, "a quote inside an unquoted field")
                }
                if quoteJustClosed { try append("\"", fileName) }
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
                try append(character, fileName)
            }
        }

        private mutating func append(_ character: Character, _ fileName: String) throws(StatementError) {
            recordBytes += character.utf8.count
            guard recordBytes <= StatementLimits.maxLineBytes else {
                throw .at(fileName, line: recordLine, statement: nil,
                          "a record longer than \(StatementLimits.maxLineBytes) bytes (a quote never closed?)")
            }
            field.append(character)
        }

        mutating func endRecord() {
            fields.append(field)
            let blank = fields.allSatisfy { $0.trimmingSpaces.isEmpty }
            if !blank { records.append(CSVRecord(fields: fields, line: recordLine)) }
            fields = []
            field = ""
            recordBytes = 0
        }
    }
}
