/// The one entry point: bytes of a camt.053, MT940 or CSV file to statements.
public enum StatementReader {
    /// Reads `bytes` as `format`. CSV needs its `mapping`; `fileName` names the file in errors.
    /// - Throws: ``StatementError`` naming the file, the statement and the line. A statement that
    ///   does not balance is no error: ``Continuity`` reports it.
    public static func read(
        bytes: [UInt8], format: StatementFormat, mapping: CSVMapping? = nil, fileName: String
    ) throws(StatementError) -> StatementFile {
        switch format {
        case .camt053:
            return try CamtParser.read(bytes: bytes, fileName: fileName)
        case .mt940:
            return try MT940Parser.read(text: TextDecoding.decode(bytes), fileName: fileName)
        case .csv:
            guard let mapping else { throw StatementError("\(fileName): a CSV statement needs a mapping file") }
            return try CSVParser.read(text: TextDecoding.decode(bytes), mapping: mapping, fileName: fileName)
        }
    }
}

extension StatementFormat {
    /// The format `bytes` look like: XML in a camt.053 namespace, or text with a `:20:` tag at
    /// the start of a line (MT940). CSV cannot be told from its bytes: nil.
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
