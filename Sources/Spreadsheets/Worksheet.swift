/// A worksheet: a name and rows of cells, written from the top left.
public struct Worksheet: Sendable, Equatable {
    /// The name on the sheet's tab, as given; ``Workbook`` makes it one a spreadsheet accepts.
    public let name: String
    /// The rows, top to bottom; a row may be shorter than others.
    public private(set) var rows: [[Cell]] = []

    /// An empty sheet named `name`.
    public init(name: String) {
        self.name = name
    }

    /// Adds a row of `cells` under the last.
    public mutating func add(_ cells: [Cell]) {
        rows.append(cells)
    }

    /// The width of each column, in characters, from its longest cell (at least 8, at most 60).
    var columnWidths: [Int] {
        var widths: [Int] = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index == widths.count { widths.append(8) }
                widths[index] = min(60, max(widths[index], cell.displayLength + 2))
            }
        }
        return widths
    }
}

extension Cell {
    /// About how many characters the cell shows (grouping separators included for numbers).
    var displayLength: Int {
        switch self {
        case .text(let text), .heading(let text): text.count
        case .decimal(let text): text.count + text.count / 3
        case .empty: 0
        }
    }
}
