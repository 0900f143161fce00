/// A small XML writer: elements with attributes and text, indented, everything escaped. Text
/// that XML 1.0 cannot carry (control characters other than tab, line feed and carriage return)
/// is replaced by a space, so a file is always well-formed.
struct IATIXMLWriter {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var open: [String] = []

    /// Opens `name` with `attributes` (nil values left out).
    mutating func start(_ name: String, _ attributes: [(String, String?)] = []) {
        text += indent + "<" + name + Self.attributes(attributes) + ">\n"
        open.append(name)
    }

    /// Closes the element opened last.
    mutating func end() {
        precondition(!open.isEmpty, "end() without start()")
        let name = open.removeLast()
        text += indent + "</" + name + ">\n"
    }

    /// An element with `attributes` and, when given, text.
    mutating func element(_ name: String, _ attributes: [(String, String?)] = [], text content: String? = nil) {
        guard let content else { return text += indent + "<" + name + Self.attributes(attributes) + "/>\n" }
        text += indent + "<" + name + Self.attributes(attributes) + ">" + Self.escape(content) + "</" + name + ">\n"
    }

    /// An element without attributes holding one `narrative` with `content`.
    mutating func narrative(_ name: String, _ content: String) { narrative(name, [], content) }

    /// An element with `attributes` holding one `narrative` with `content`.
    mutating func narrative(_ name: String, _ attributes: [(String, String?)], _ content: String) {
        start(name, attributes)
        element("narrative", text: content)
        end()
    }

    /// The finished document.
    func finished() -> String {
        precondition(open.isEmpty, "unclosed elements: \(open)")
        return text
    }

    private var indent: String { String(repeating: "  ", count: open.count) }

    static func attributes(_ attributes: [(String, String?)]) -> String {
        attributes.compactMap { name, value in value.map { " \(name)=\"\(escape($0))\"" } }.joined()
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped and characters XML 1.0 forbids replaced.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && !(0xFFFE...0xFFFF).contains(value) && !(0x7F...0x9F).contains(value)
                out.unicodeScalars.append(allowed ? scalar : " ")
            }
        }
        return out
    }
}
