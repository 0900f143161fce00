extension StatementError {
    /// An error at `line` of `file`, in statement `statement` when known:
    /// `mt940_x.sta line 14 (statement ABC): :61: amount "12,3,4" is not a number`.
    static func at(_ file: String, line: Int, statement: String?, _ what: String) -> StatementError {
        let place = statement.map { " (statement \(quoted($0)))" } ?? ""
        return StatementError("\(file) line \(line)\(place): \(what)")
    }
}

/// `text` quoted for a message, cut after 64 characters, with control characters escaped: C0
/// and DEL by Swift's debug description, C1 (such as CSI, U+009B) and bidirectional overrides
/// here, so that no bank text can send an escape sequence to a terminal.
func quoted(_ text: String) -> String {
    let limit = 64
    let cut = text.count > limit ? String(text.prefix(limit)) + "…" : text
    var out = ""
    for scalar in cut.debugDescription.unicodeScalars {
        switch scalar.value {
        case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069:
            out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        default:
            out.unicodeScalars.append(scalar)
        }
    }
    return out
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
