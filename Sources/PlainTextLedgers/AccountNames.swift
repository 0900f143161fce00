import LedgerCore

/// How vtf's account codes are named in plain-text journals: under the root of the account's
/// type (`Assets`, `Liabilities`, `Equity`, `Income`, `Expenses`; memo accounts under
/// `Equity:Memo`), each `.` of the code a level, e.g. `1200.BEL` → `Assets:1200:BEL`. Beancount
/// allows only components that start with a capital or a digit and hold letters, digits and
/// `-`: another component, or one starting with `X`, is written `X` and its bytes in hex, so
/// that no two codes get one name.
enum AccountNames {
    /// The account that balances a transaction's currencies in ledger's journal; no vtf code
    /// starts with `_`, so no account of the ledger has this name.
    static let conversion = "Equity:_conversion"

    static func name(_ code: AccountCode, _ type: AccountType, _ format: PlainTextFormat) -> String {
        let root = switch type {
        case .asset: "Assets"
        case .liability: "Liabilities"
        case .netAssets: "Equity"
        case .revenue: "Income"
        case .expense: "Expenses"
        case .memo: "Equity:Memo"
        }
        let components = code.rawValue.split(separator: ".", omittingEmptySubsequences: false).map { component in
            format == .beancount ? beancountComponent(component) : String(component)
        }
        return ([root] + components).joined(separator: ":")
    }

    static func beancountComponent(_ component: Substring) -> String {
        let bytes = Array(component.utf8)
        let isUpperOrDigit: (UInt8) -> Bool = { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
        let isLetterDigitOrDash: (UInt8) -> Bool = { isUpperOrDigit($0) || (0x61...0x7A).contains($0) || $0 == 0x2D }
        if let first = bytes.first, isUpperOrDigit(first), first != 0x58, bytes.allSatisfy(isLetterDigitOrDash) {
            return String(component)
        }
        return "X" + bytes.map { String($0, radix: 16, uppercase: true).leftPadded(2) }.joined()
    }

    /// `text` on one line, without the `;` that would start a comment.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 == ";" ? "," : $0 })
    }

    /// `text` for a beancount string: `\` and `"` escaped, on one line.
    static func quoted(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
