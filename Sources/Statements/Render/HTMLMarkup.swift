/// Small helpers to write HTML safely: every piece of text goes through ``escape(_:)``.
package enum HTMLMarkup {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, safe both in
    /// element content and in quoted attribute values.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `<tag class="…">inner</tag>`; `inner` must already be HTML.
    package static func element(_ tag: String, _ inner: String, class className: String? = nil) -> String {
        let attribute = className.map { " class=\"\(escape($0))\"" } ?? ""
        return "<\(tag)\(attribute)>\(inner)</\(tag)>"
    }

    /// A paragraph of plain `text`.
    package static func paragraph(_ text: String, class className: String? = nil) -> String {
        element("p", escape(text), class: className)
    }
}

/// A table column: its heading (plain text) and how its cells lay out.
package struct HTMLColumn: Sendable {
    package enum Kind: Sendable {
        /// Wraps at spaces.
        case text
        /// References and dates: kept on one line.
        case fixed
        /// Figures: right-aligned on one line.
        case number
    }

    package let title: String
    package let kind: Kind

    package static func text(_ title: String) -> HTMLColumn { HTMLColumn(title: title, kind: .text) }
    package static func fixed(_ title: String) -> HTMLColumn { HTMLColumn(title: title, kind: .fixed) }
    package static func number(_ title: String) -> HTMLColumn { HTMLColumn(title: title, kind: .number) }

    /// The cells' class attribute value, if any.
    package var className: String? {
        switch kind {
        case .text: nil
        case .fixed: "fix"
        case .number: "num"
        }
    }
}

/// A table cell: plain text (escaped when written) and `data-*` attributes holding what a
/// program reads from the page (e.g. `value` → `data-value="1234.50"`, an exact decimal).
package struct HTMLCell: Sendable {
    /// What the cell shows.
    package let text: String
    /// `data-NAME="VALUE"` attributes, in order; names without the `data-` prefix.
    package let data: [(name: String, value: String)]

    /// A cell showing `text`, with `data` attributes.
    package init(_ text: String, data: [(name: String, value: String)] = []) {
        self.text = text
        self.data = data
    }
}

/// A table whose rows do not split across pages; cells are plain text, escaped here.
package struct HTMLTable: Sendable {
    package let columns: [HTMLColumn]
    package let rows: [[HTMLCell]]
    /// An optional last row (totals), in bold.
    package var footer: [HTMLCell]?
    /// The table's caption (what it shows, for people and screen readers), or nil.
    package var caption: String?

    /// A table of plain-text `rows` (and `footer`) under `columns`.
    package init(columns: [HTMLColumn], rows: [[String]], footer: [String]? = nil, caption: String? = nil) {
        self.init(columns: columns, cells: rows.map { $0.map { HTMLCell($0) } }, footer: footer.map { $0.map { HTMLCell($0) } }, caption: caption)
    }

    /// A table of `cells` (and `footer`) under `columns`.
    package init(columns: [HTMLColumn], cells: [[HTMLCell]], footer: [HTMLCell]? = nil, caption: String? = nil) {
        self.columns = columns
        self.rows = cells
        self.footer = footer
        self.caption = caption
    }

    package var html: String {
        let head = columns.map { cell("th", HTMLCell($0.title), class: $0.className, scope: true) }.joined()
        let body = rows.map(row).joined()
        let foot = footer.map { "<tfoot>" + row($0) + "</tfoot>" } ?? ""
        let title = caption.map { "<caption>\(HTMLMarkup.escape($0))</caption>" } ?? ""
        return "<table>\(title)<thead><tr>\(head)</tr></thead><tbody>\(body)</tbody>\(foot)</table>\n"
    }

    private func row(_ cells: [HTMLCell]) -> String {
        let padded = cells + Array(repeating: HTMLCell(""), count: max(0, columns.count - cells.count))
        let inner = zip(columns, padded).map { cell("td", $1, class: $0.className, scope: false) }.joined()
        return "<tr>\(inner)</tr>"
    }

    private func cell(_ tag: String, _ cell: HTMLCell, class className: String?, scope: Bool) -> String {
        let classes = className.map { " class=\"\(HTMLMarkup.escape($0))\"" } ?? ""
        let data = cell.data.map { " data-\($0.name)=\"\(HTMLMarkup.escape($0.value))\"" }.joined()
        let header = scope ? " scope=\"col\"" : ""
        return "<\(tag)\(classes)\(header)\(data)>\(HTMLMarkup.escape(cell.text))</\(tag)>"
    }
}
