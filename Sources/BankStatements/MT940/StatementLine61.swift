import LedgerCore

/// A `:61:` statement line, `6!n[4!n]2a[1!a]15d1!a3!c16x[//16x]` then supplementary details
/// on the next line: value date, entry date, mark (C, D, RC, RD), funds code, amount, type,
/// owner reference and bank reference.
struct StatementLine61 {
    var valueDate: LedgerDate
    var entryDate: LedgerDate
    /// Signed as the account sees it: C and RD are money in, D and RC money out.
    var amount: Amount
    var isReversal: Bool
    var type: String
    var ownerReference: String
    var bankReference: String?
    var supplementary: String

    /// Reads the field's first line `text` (and its continuation lines) in `currency`.
    init(_ text: String, continuation: [String], currency: Currency) throws(FieldIssue) {
        var cursor = Cursor(text.trimmingSpaces)
        let value = try SwiftDates.date(yymmdd: cursor.take(6), monthEnd: true)
        valueDate = value
        if let mmdd = cursor.peekDigits(4) {
            cursor.skip(4)
            entryDate = try SwiftDates.date(mmdd: mmdd, near: value)
        } else {
            entryDate = value
        }
        let (credit, reversal) = try Self.mark(&cursor)
        isReversal = reversal
        cursor.skipFundsCode()
        let magnitude = try DecimalStyle.swiftAmount(cursor.takeAmountText(), currency: currency)
        amount = credit ? magnitude : Amount(minorUnits: -magnitude.minorUnits, currency: currency)
        type = try Self.type(&cursor)
        (ownerReference, bankReference) = Self.references(cursor.rest)
        supplementary = continuation.map(\.trimmingSpaces).joined(separator: " ")
    }

    /// Whether the line is money in, and whether it is a reversal. RC reverses a credit (money
    /// out); RD reverses a debit (money in).
    private static func mark(_ cursor: inout Cursor) throws(FieldIssue) -> (credit: Bool, reversal: Bool) {
        if cursor.hasPrefix("RC") { cursor.skip(2); return (false, true) }
        if cursor.hasPrefix("RD") { cursor.skip(2); return (true, true) }
        if cursor.hasPrefix("C") { cursor.skip(1); return (true, false) }
        if cursor.hasPrefix("D") { cursor.skip(1); return (false, false) }
        throw FieldIssue("mark \(quoted(cursor.rest.prefix(2).description)) is not C, D, RC or RD")
    }

    /// The transaction type: a letter (N, F or S) and three characters, e.g. NTRF, N192. Banks
    /// pad shorter codes with spaces (`NOV `, `NIT `, `S   `); the code is kept without them.
    private static func type(_ cursor: inout Cursor) throws(FieldIssue) -> String {
        let type = cursor.take(4)
        let bytes = Array(type.utf8)
        let code = bytes.prefix { $0 != UInt8(ascii: " ") }
        guard bytes.count == 4, MT940Lexer.isUpper(bytes[0]),
            code.dropFirst().allSatisfy({ MT940Lexer.isUpper($0) || MT940Lexer.isDigit($0) }),
            bytes.dropFirst(code.count).allSatisfy({ $0 == UInt8(ascii: " ") })
        else { throw FieldIssue("transaction type \(quoted(type)) is not a letter and 3 characters") }
        return String(decoding: code, as: UTF8.self)
    }

    /// Owner reference before `//`, bank reference after it.
    private static func references(_ rest: String) -> (String, String?) {
        guard let range = rest.range(of: "//") else { return (rest.trimmingSpaces, nil) }
        let bank = String(rest[range.upperBound...]).trimmingSpaces
        return (String(rest[..<range.lowerBound]).trimmingSpaces, bank.isEmpty ? nil : bank)
    }
}

/// Reads a `:61:` field left to right.
private struct Cursor {
    private var characters: [Character]
    private var position = 0

    init(_ text: String) { characters = Array(text) }

    var rest: String { String(characters[min(position, characters.count)...]) }

    func hasPrefix(_ prefix: String) -> Bool { rest.hasPrefix(prefix) }

    mutating func skip(_ count: Int) { position = min(position + count, characters.count) }

    /// The next `count` characters (fewer at the end).
    mutating func take(_ count: Int) -> String {
        let end = min(position + count, characters.count)
        defer { position = end }
        return String(characters[position..<end])
    }

    /// The next `count` characters when they are all ASCII digits.
    func peekDigits(_ count: Int) -> String? {
        guard position + count <= characters.count else { return nil }
        let slice = characters[position..<(position + count)]
        return slice.allSatisfy { $0.isASCII && $0.isNumber } ? String(slice) : nil
    }

    /// The funds code: one letter before the amount, when present.
    mutating func skipFundsCode() {
        if position < characters.count, characters[position].isLetter { position += 1 }
    }

    /// The amount: digits and commas (or a legacy decimal point) up to the transaction type.
    mutating func takeAmountText() -> String {
        var text = ""
        while position < characters.count,
            characters[position] == "," || characters[position] == "." || (characters[position].isASCII && characters[position].isNumber) {
            text.append(characters[position])
            position += 1
        }
        return text
    }
}
