/// Small helpers to write HTML safely: every piece of text goes through ``escape(_:)``.
enum HTMLMarkup {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, safe both in
    /// element content and in quoted attribute values.
    static func escape(_ text: String) -> String {
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
    static func element(_ tag: String, _ inner: String, class className: String? = nil) -> String {
        let attribute = className.map { " class=\"\(escape($0))\"" } ?? ""
        return "<\(tag)\(attribute)>\(inner)</\(tag)>"
    }

    /// A paragraph of plain `text`.
    static func paragraph(_ text: String, class className: String? = nil) -> String {
        element("p", escape(text), class: className)
    }
}

/// A table column: its heading (plain text) and how its cells lay out.
struct HTMLColumn {
    enum Kind {
        /// Wraps at spaces.
        case text
        /// References and dates: kept on one line.
        case fixed
        /// Figures: right-aligned on one line.
        case number
    }

    let title: String
    let kind: Kind

    static func text(_ title: String) -> HTMLColumn { HTMLColumn(title: title, kind: .text) }
    static func fixed(_ title: String) -> HTMLColumn { HTMLColumn(title: title, kind: .fixed) }
    static func number(_ title: String) -> HTMLColumn { HTMLColumn(title: title, kind: .number) }

    /// The cells' class attribute value, if any.
    var className: String? {
        switch kind {
        case .text: nil
        case .fixed: "fix"
        case .number: "num"
        }
    }
}

/// A table whose rows do not split across pages; cells are plain text, escaped here.
struct HTMLTable {
    let columns: [HTMLColumn]
    let rows: [[String]]
    /// An optional last row (totals), in bold.
    var footer: [String]? = nil

    var html: String {
        let head = columns.map { cell("th", $0.title, class: $0.className) }.joined()
        let body = rows.map(row).joined()
        let foot = footer.map { "<tfoot>" + row($0) + "</tfoot>" } ?? ""
        return "<table><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody>\(foot)</table>\n"
    }

    private func row(_ cells: [String]) -> String {
        let padded = cells + Array(repeating: "", count: max(0, columns.count - cells.count))
        let inner = zip(columns, padded).map { cell("td", $1, class: $0.className) }.joined()
        return "<tr>\(inner)</tr>"
    }

    private func cell(_ tag: String, _ text: String, class className: String?) -> String {
        HTMLMarkup.element(tag, HTMLMarkup.escape(text), class: className)
    }
}
