/// The text encoding of an MT940 file. Without a name the file is read as today: UTF-8 when a
/// line is valid UTF-8, else ISO 8859-1. A name (`--encoding`) reads every line in that
/// encoding, and a byte it cannot read is refused with its line: Polish banks write
/// windows-1250 or CP852, Swiss and German DOS-era exports CP850 or CP437.
public struct StatementEncoding: Sendable, Equatable {
    /// The name as vtf spells it, e.g. `windows-1250`; `automatic` when none was named.
    public let name: String
    private let kind: Kind

    private enum Kind: Sendable, Equatable {
        case automatic, utf8, latin1
        case table([UInt16])
    }

    private init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// UTF-8 when valid, else ISO 8859-1 (what vtf does when no encoding is named).
    public static let automatic = StatementEncoding("automatic", .automatic)

    /// The encodings vtf knows, by their names; aliases in parentheses are accepted too.
    static let known: [(encoding: StatementEncoding, aliases: [String])] = [
        (StatementEncoding("UTF-8", .utf8), ["UTF8"]),
        (StatementEncoding("ISO-8859-1", .latin1), ["LATIN1", "ISO8859-1"]),
        (StatementEncoding("ISO-8859-2", .table(CodePageTables.latin2)), ["LATIN2", "ISO8859-2"]),
        (StatementEncoding("ISO-8859-15", .table(CodePageTables.latin9)), ["LATIN9", "ISO8859-15"]),
        (StatementEncoding("windows-1250", .table(CodePageTables.windows1250)), ["CP1250"]),
        (StatementEncoding("windows-1252", .table(CodePageTables.windows1252)), ["CP1252"]),
        (StatementEncoding("CP437", .table(CodePageTables.cp437)), ["IBM437"]),
        (StatementEncoding("CP850", .table(CodePageTables.cp850)), ["IBM850"]),
        (StatementEncoding("CP852", .table(CodePageTables.cp852)), ["IBM852"]),
    ]

    /// The encoding `name` names, in any case.
    /// - Throws: ``StatementError`` listing the names vtf knows.
    public init(named name: String) throws(StatementError) {
        let key = name.uppercased()
        guard let found = Self.known.first(where: { $0.encoding.name.uppercased() == key || $0.aliases.contains(key) }) else {
            let names = Self.known.map(\.encoding.name).joined(separator: ", ")
            throw StatementError("--encoding \(quoted(name)) is not an encoding vtf knows; use one of \(names)")
        }
        self = found.encoding
    }

    /// Line `number`'s `bytes` as text.
    /// - Throws: ``StatementError`` naming the file, the line and the byte when a named encoding
    ///   cannot read it.
    func decode(_ bytes: some Collection<UInt8>, fileName: String, line number: Int) throws(StatementError) -> String {
        switch kind {
        case .automatic:
            return TextDecoding.decodeLine(bytes)
        case .latin1:
            return TextDecoding.latin1(bytes)
        case .utf8:
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            let offset = TextDecoding.firstInvalidUTF8(Array(bytes)) ?? 0
            throw .at(fileName, line: number, statement: nil,
                      "byte \(offset + 1) is not UTF-8; name the file's code page with --encoding (e.g. windows-1250, CP850)")
        case .table(let table):
            var scalars = String.UnicodeScalarView()
            for (offset, byte) in bytes.enumerated() {
                let value = byte < 0x80 ? UInt16(byte) : table[Int(byte) - 0x80]
                guard value != 0 || byte == 0, let scalar = Unicode.Scalar(value) else {
                    let hex = String(byte, radix: 16, uppercase: true)
                    throw .at(fileName, line: number, statement: nil,
                              "byte \(offset + 1) (0x\(hex)) has no character in \(name); check --encoding")
                }
                scalars.append(scalar)
            }
            return String(scalars)
        }
    }
}
