import Foundation

/// How to read one bank's CSV export, from a small JSON file, e.g.
/// `{"delimiter": ";", "header": true, "date_format": "DD.MM.YYYY", "decimal": ",",
/// "thousands": ".", "currency": "EUR", "account": "DE…", "columns": {"date": "Buchungstag",
/// "amount": 8, "text": "Verwendungszweck"}, "opening_balance": "1.000,00"}`.
public struct CSVMapping: Sendable, Equatable {
    /// A column, by 0-based index or by its header name.
    public enum Column: Sendable, Equatable {
        case index(Int)
        case name(String)
    }

    /// The date formats understood.
    public enum DateFormat: String, Sendable, CaseIterable {
        case iso = "YYYY-MM-DD"
        case dayMonthYearDots = "DD.MM.YYYY"
        case dayMonthYearSlashes = "DD/MM/YYYY"
        case monthDayYearSlashes = "MM/DD/YYYY"
    }

    /// The text encoding of a CSV file: UTF-8 (the default; other bytes are refused) or
    /// ISO-8859-1 (`"encoding": "ISO-8859-1"` in the mapping), which every byte is.
    public enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "UTF-8"
        case latin1 = "ISO-8859-1"
    }

    /// The field separator (`delimiter`, default `,`).
    public var delimiter: Character
    /// Whether the first row is a header naming the columns (`header`, default true).
    public var header: Bool
    /// How dates are written (`date_format`, default `YYYY-MM-DD`).
    public var dateFormat: DateFormat
    /// The decimal separator of amounts and balances (`decimal`, default `.`).
    public var decimal: Character
    /// The thousands separator to ignore in amounts (`thousands`), nil when amounts have none.
    public var thousands: Character?
    /// ISO 4217 code of the account.
    public var currency: String
    /// The account (IBAN or number); the statement's `account`.
    public var account: String
    /// The statement id for messages; the file name when absent.
    public var statementID: String?
    /// Columns by role: `date` and either `amount` or `debit`/`credit` are required; `value_date`,
    /// `text`, `counterparty`, `counterparty_account`, `reference` and `bank_id` are optional.
    public var columns: [String: Column]
    /// Balances as the bank prints them (same decimal convention as the amounts). Without both,
    /// the statement has no continuity check.
    public var openingBalance: String?
    /// The closing balance as the bank prints it; see ``openingBalance``.
    public var closingBalance: String?
    /// The file's encoding (default UTF-8).
    public var encoding: Encoding

    /// A mapping; the defaults are those of the JSON file's absent keys.
    public init(
        delimiter: Character = ",", header: Bool = true, dateFormat: DateFormat = .iso, decimal: Character = ".",
        thousands: Character? = nil, currency: String, account: String, statementID: String? = nil,
        columns: [String: Column], openingBalance: String? = nil, closingBalance: String? = nil,
        encoding: Encoding = .utf8
    ) {
        self.delimiter = delimiter
        self.header = header
        self.dateFormat = dateFormat
        self.decimal = decimal
        self.thousands = thousands
        self.currency = currency
        self.account = account
        self.statementID = statementID
        self.columns = columns
        self.openingBalance = openingBalance
        self.closingBalance = closingBalance
        self.encoding = encoding
    }

    /// The mapping in the JSON file `bytes` (`fileName` for messages).
    /// - Throws: ``StatementError`` naming the key that is missing or wrong.
    public static func parse(json bytes: [UInt8], fileName: String) throws(StatementError) -> CSVMapping {
        let file: MappingFile
        do {
            file = try JSONDecoder().decode(MappingFile.self, from: Data(bytes))
        } catch {
            throw StatementError("\(fileName): not a CSV mapping: \(Self.reason(error))")
        }
        // A key misspelt is refused, not ignored: "closing_balanc" would leave the balances out.
        if let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let unknown = object.keys.sorted().first(where: { !MappingFile.keys.contains($0) }) {
            throw StatementError("\(fileName): \(quoted(unknown)) is not a key of a CSV mapping (\(MappingFile.keys.sorted().joined(separator: ", ")))")
        }
        return try file.mapping(fileName: fileName)
    }

    /// What is wrong with a mapping file, in words (not Foundation's error text).
    static func reason(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "the file" : quoted(keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "."))
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?: return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return "\(path(context.codingPath)) has the wrong type (text, number or true/false as in the README)"
        case .dataCorrupted(let context)?:
            return context.codingPath.isEmpty ? "it is not JSON" : "\(path(context.codingPath)) is not valid"
        default: return "it is not a JSON object of the keys in the README"
        }
    }

    /// The roles a column may have.
    static let roles: Set<String> = [
        "date", "value_date", "amount", "debit", "credit", "text", "counterparty", "counterparty_account",
        "reference", "bank_id",
    ]
}

/// The JSON shape of a mapping file.
private struct MappingFile: Decodable {
    var delimiter: String?
    var header: Bool?
    var dateFormat: String?
    var decimal: String?
    var thousands: String?
    var currency: String
    var account: String?
    var statementID: String?
    var columns: [String: ColumnValue]
    var openingBalance: String?
    var closingBalance: String?
    var encoding: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case delimiter, header, decimal, thousands, currency, account, columns, encoding
        case dateFormat = "date_format"
        case statementID = "statement_id"
        case openingBalance = "opening_balance"
        case closingBalance = "closing_balance"
    }

    /// Every key a mapping file may have.
    static let keys = Set(CodingKeys.allCases.map(\.rawValue))

    func mapping(fileName: String) throws(StatementError) -> CSVMapping {
        func single(_ value: String?, _ key: String, default fallback: Character?) throws(StatementError) -> Character? {
            guard let value else { return fallback }
            guard value.count == 1, let character = value.first else {
                throw StatementError("\(fileName): \(key) must be one character, not \(quoted(value))")
            }
            return character
        }
        guard let format = CSVMapping.DateFormat(rawValue: dateFormat ?? "YYYY-MM-DD") else {
            let known = CSVMapping.DateFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw StatementError("\(fileName): date_format \(quoted(dateFormat ?? "")) is not one of \(known)")
        }
        guard let textEncoding = CSVMapping.Encoding(rawValue: (encoding ?? "UTF-8").uppercased()) else {
            let known = CSVMapping.Encoding.allCases.map(\.rawValue).joined(separator: " or ")
            throw StatementError("\(fileName): encoding \(quoted(encoding ?? "")) is not \(known)")
        }
        if let unknown = columns.keys.sorted().first(where: { !CSVMapping.roles.contains($0) }) {
            throw StatementError("\(fileName): column role \(quoted(unknown)) is unknown")
        }
        guard (openingBalance == nil) == (closingBalance == nil) else {
            throw StatementError("\(fileName): give both opening_balance and closing_balance, as the bank prints them, or neither (one alone cannot be checked)")
        }
        let decimalMark = try single(decimal, "decimal", default: ".") ?? "."
        guard decimalMark == "." || decimalMark == "," else {
            throw StatementError("\(fileName): decimal must be \".\" or \",\", not \(quoted(String(decimalMark)))")
        }
        let groupMark = try single(thousands, "thousands", default: nil)
        if let groupMark {
            guard [".", ",", " ", "'", "\u{00A0}", "\u{202F}"].contains(groupMark), groupMark != decimalMark else {
                throw StatementError("\(fileName): thousands must be \".\", \",\", a space or \"'\", and not the decimal mark, not \(quoted(String(groupMark)))")
            }
        }
        return CSVMapping(
            delimiter: try single(delimiter, "delimiter", default: ",") ?? ",", header: header ?? true,
            dateFormat: format, decimal: decimalMark, thousands: groupMark, currency: currency, account: account ?? "",
            statementID: statementID, columns: columns.mapValues(\.column), openingBalance: openingBalance,
            closingBalance: closingBalance, encoding: textEncoding)
    }
}

/// A column in JSON: a number (index) or a string (header name).
private struct ColumnValue: Decodable {
    var column: CSVMapping.Column

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let index = try? container.decode(Int.self) {
            column = .index(index)
        } else {
            column = .name(try container.decode(String.self))
        }
    }
}
