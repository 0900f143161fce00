/// The one entry point: bytes of a camt.053, MT940 or CSV file to statements.
public enum StatementReader {
    /// Reads `bytes` as `format` into memory. CSV needs its `mapping`; `fileName` names the file
    /// in errors; `encoding` names an MT940 file's code page.
    /// - Throws: ``StatementError`` naming the file, the statement and the line. A statement that
    ///   does not balance is no error: ``Continuity`` reports it.
    public static func read(
        bytes: [UInt8], format: StatementFormat, mapping: CSVMapping? = nil, fileName: String,
        encoding: StatementEncoding = .automatic
    ) throws(StatementError) -> StatementFile {
        var collector = StatementCollector(fileName: fileName, format: format)
        try read(from: InMemoryByteSource(bytes), format: format, mapping: mapping, fileName: fileName, encoding: encoding,
                 visitor: &collector)
        return collector.file
    }

    /// Reads the bytes of `source` as `format`, handing each booked line and then its statement
    /// to `visitor` as they are read: memory stays bounded whatever the size of the file (lines
    /// of at most ``StatementLimits/maxLineBytes``, texts cut to
    /// ``StatementLimits/maxTextCharacters``).
    /// - Throws: ``StatementError`` naming the file, the statement and the line, or the
    ///   visitor's own error.
    public static func read<Source: StatementByteSource, Visitor: StatementVisitor>(
        from source: Source, format: StatementFormat, mapping: CSVMapping? = nil, fileName: String,
        encoding: StatementEncoding = .automatic, visitor: inout Visitor
    ) throws(StatementError) {
        if encoding != .automatic, format != .mt940 {
            let own = format == .csv ? "a CSV file's encoding is named in its mapping (\"encoding\")" : "camt is XML in UTF-8"
            throw StatementError("\(fileName): --encoding names an MT940 file's code page; \(own): drop --encoding")
        }
        switch format {
        case .camt053:
            try CamtParser.read(from: source, fileName: fileName, visitor: &visitor)
        case .mt940:
            try MT940Parser.read(from: source, fileName: fileName, encoding: encoding, visitor: &visitor)
        case .csv:
            guard let mapping else { throw StatementError("\(fileName): a CSV statement needs a mapping file") }
            try CSVParser.read(from: source, mapping: mapping, fileName: fileName, visitor: &visitor)
        }
    }
}

extension StatementFormat {
    /// The format `bytes` (the head of a file; 64 KiB are enough) look like: XML in a camt.053
    /// namespace, or text with a `:20:` tag at the start of a line (MT940). CSV cannot be told
    /// from its bytes: nil.
    public static func detect(_ bytes: [UInt8]) -> StatementFormat? {
        let head = TextDecoding.decode(Array(bytes.prefix(1 << 16)))
        let body = head.drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        if body.hasPrefix("<"), head.contains(CamtNamespace.prefix) { return .camt053 }
        let isMT940 = TextDecoding.lines(head).contains { line in
            MT940Lexer.withoutHeaders(line.text).hasPrefix(":20:")
        }
        return isMT940 ? .mt940 : nil
    }
}
