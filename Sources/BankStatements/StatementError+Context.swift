extension StatementError {
    /// An error at `line` of `file`, in statement `statement` when known:
    /// `mt940_x.sta line 14 (statement ABC): :61: amount "12,3,4" is not a number`.
    static func at(_ file: String, line: Int, statement: String?, _ what: String) -> StatementError {
        let place = statement.map { " (statement \(quoted($0)))" } ?? ""
        return StatementError("\(file) line \(line)\(place): \(what)")
    }
}

/// `text` quoted for a message, control characters escaped, cut after 64 characters.
func quoted(_ text: String) -> String {
    let limit = 64
    guard text.count > limit else { return text.debugDescription }
    return (String(text.prefix(limit)) + "…").debugDescription
}

/// Why a small piece of text (an amount, a date) was refused; the caller adds the place.
struct FieldIssue: Error {
    let reason: String
    /// Whether the statement is readable but cannot be kept (a currency outside the ledger's
    /// ISO 4217 table, such as DEM): it is set aside and reported instead of failing the file.
    let setsAside: Bool

    init(_ reason: String, setsAside: Bool = false) {
        self.reason = reason
        self.setsAside = setsAside
    }
}
