import SafeIO

/// A plain-text table for people: columns padded to their widest cell; numbers right-aligned.
struct TextTable {
    enum Alignment { case left, right }

    let headers: [String]
    let alignments: [Alignment]
    private(set) var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func add(_ row: [String]) {
        precondition(row.count == headers.count, "a row has one cell per column")
        rows.append(row)
    }

    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return alignments[index] == .right ? padding + cell : cell + padding
            }.joined(separator: "  ").replacing(/\s+$/, with: "")
        }
        var lines = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// CSV per RFC 4180 (fields quoted when they hold a comma, quote or line break), with cells a
/// spreadsheet would run made inert (``CSVCell``).
enum CSV {
    static func line(_ fields: [String]) -> String { CSVCell.line(fields) }
}

/// Amounts for people: the exact decimal string with thousands separators ("-1,234,567.89").
enum PeopleNumber {
    static func grouped(_ decimal: String) -> String {
        let negative = decimal.hasPrefix("-")
        let unsigned = negative ? String(decimal.dropFirst()) : decimal
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var digits = Array(parts[0])
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + String(digits) + fraction
    }
}
