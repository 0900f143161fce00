/// CSV cells that a spreadsheet cannot run (OWASP "CSV Injection"), quoted per RFC 4180.
///
/// A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is taken by Excel,
/// LibreOffice and Google Sheets as a formula (`=HYPERLINK(...)`, `@SUM(...)`), so it gets a
/// leading `'`, which those programs show as text. An exact number (`-1500`, `1234.56`) stays
/// as it is: it is no formula, and amount columns must stay numbers.
public enum CSVCell {
    /// The characters that start a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `field` made inert and quoted when it holds a comma, a quote or a line break.
    public static func encode(_ field: String) -> String {
        quoted(inert(field))
    }

    /// `field` with a leading `'` when a spreadsheet would take it as a formula.
    public static func inert(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, formulaStarts.contains(first), !isExactNumber(field) else {
            return field
        }
        return "'" + field
    }

    /// One CSV line: the fields encoded, separated by commas, ended by CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map(encode).joined(separator: ",") + "\r\n"
    }

    /// `field` in double quotes (quotes doubled) when RFC 4180 requires it.
    static func quoted(_ field: String) -> String {
        let special = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard special else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }

    /// `-?digits(.digits)?`: an exact decimal as vtf writes amounts.
    static func isExactNumber(_ field: String) -> Bool {
        var scalars = Substring(field).unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let parts = scalars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(isDigit) else { return false }
        guard parts.count == 2 else { return true }
        return !parts[1].isEmpty && parts[1].allSatisfy(isDigit)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
