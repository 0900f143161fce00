/// What a `:86:` field says about its line. German/SEPA banks structure it (`?00` posting text,
/// `?20`–`?29` purpose with `EREF+`, `KREF+`, `MREF+`, `SVWZ+`, `?30`/`?31` bank and account,
/// `?32`/`?33` name); other banks write free text.
struct Information86 {
    var text = ""
    var endToEndID: String?
    var references: [String] = []
    var counterparty: String?
    var counterpartyAccount: String?

    /// Reads the field's first line and its continuation lines.
    init(first: String, continuation: [String]) {
        let head = first.trimmingSpaces
        if Self.isStructured(head) {
            readStructured(([head] + continuation).map { $0.replacing("\r", with: "") }.joined())
        } else {
            text = ([first] + continuation).map(\.trimmingSpaces).filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    /// Structured when it starts with a 3-digit business code and `?`, or with `?NN`.
    static func isStructured(_ head: String) -> Bool {
        let bytes = Array(head.utf8)
        if bytes.count >= 4, bytes[0..<3].allSatisfy(MT940Lexer.isDigit), bytes[3] == UInt8(ascii: "?") { return true }
        return bytes.count >= 3 && bytes[0] == UInt8(ascii: "?") && bytes[1...2].allSatisfy(MT940Lexer.isDigit)
    }

    /// The subfields `?NN…` of `joined`, in order (what precedes the first `?NN` is dropped).
    static func subfields(_ joined: String) -> [(code: String, value: String)] {
        var result: [(code: String, value: String)] = []
        let characters = Array(joined)
        var index = 0
        while index < characters.count {
            if Self.isSubfieldStart(characters, at: index) {
                result.append((String(characters[(index + 1)...(index + 2)]), ""))
                index += 3
            } else {
                if !result.isEmpty { result[result.count - 1].value.append(characters[index]) }
                index += 1
            }
        }
        return result
    }

    private static func isSubfieldStart(_ characters: [Character], at index: Int) -> Bool {
        guard characters[index] == "?", index + 2 < characters.count else { return false }
        let first = characters[index + 1]
        let second = characters[index + 2]
        return first.isASCII && first.isNumber && second.isASCII && second.isNumber
    }

    private mutating func readStructured(_ joined: String) {
        var posting = ""
        var purpose: [String] = []
        var bank: String?
        var account: String?
        var name = ""
        for (code, value) in Self.subfields(joined) {
            switch code {
            case "00": posting += value
            case "20"..."29", "60"..."63": purpose.append(value)
            case "30": bank = value.trimmingSpaces
            case "31": account = value.trimmingSpaces
            case "32", "33": name += value
            default: continue
            }
        }
        let purposeText = readPurpose(purpose)
        text = [posting.trimmingSpaces, purposeText].filter { !$0.isEmpty }.joined(separator: " ")
        counterparty = Self.nonEmpty(name.trimmingSpaces)
        counterpartyAccount = Self.account(bank: bank, account: account)
    }

    /// An IBAN alone; a domestic account number with its bank code, `bank/account`.
    private static func account(bank: String?, account: String?) -> String? {
        guard let account = nonEmpty(account ?? "") else { return nil }
        let isIBAN = account.prefix(2).allSatisfy { $0.isASCII && $0.isUppercase }
        guard !isIBAN, let bank = nonEmpty(bank ?? "") else { return account }
        return bank + "/" + account
    }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// A SEPA keyword with nothing after it, e.g. `KREF+` as an owner reference.
    static func isBareKeyword(_ text: String) -> Bool {
        text.count == 5 && keyword(of: text) != nil
    }
}

extension Information86 {
    /// Reads the `?20`–`?29` purpose subfields: a subfield starting with a SEPA keyword (`EREF+`,
    /// `SVWZ+`, …) opens a segment. A reference (EREF, KREF, MREF) continues into the next
    /// subfield only when its subfield was full (27 characters); text continues always. Returns
    /// the purpose text.
    fileprivate mutating func readPurpose(_ subfields: [String]) -> String {
        var segments: [(keyword: String?, value: String)] = []
        var previousFull = false
        for subfield in subfields {
            if let keyword = Self.keyword(of: subfield) {
                segments.append((keyword, String(subfield.dropFirst(5))))
            } else if let last = segments.last, Self.continues(last.keyword, previousFull: previousFull) {
                segments[segments.count - 1].value += subfield
            } else {
                segments.append((nil, subfield))
            }
            previousFull = subfield.count >= 27
        }
        return apply(segments)
    }

    private static func continues(_ keyword: String?, previousFull: Bool) -> Bool {
        switch keyword {
        case "EREF", "KREF", "MREF", "CRED", "IBAN": previousFull
        default: true
        }
    }

    /// `EREF+` and the like at the start of a subfield: four capitals and `+`.
    static func keyword(of subfield: String) -> String? {
        let head = Array(subfield.prefix(5))
        guard head.count == 5, head[4] == "+", head[0..<4].allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            return nil
        }
        return String(head[0..<4])
    }

    private mutating func apply(_ segments: [(keyword: String?, value: String)]) -> String {
        var text: [String] = []
        for (keyword, raw) in segments {
            let value = raw.trimmingSpaces
            switch keyword {
            case "EREF":
                if !BankID.isPlaceholder(value) { endToEndID = value }
            case "KREF", "MREF":
                if !value.isEmpty { references.append(value) }
            case nil, "SVWZ":
                if !value.isEmpty { text.append(value) }
            default:
                continue
            }
        }
        return text.joined(separator: " ")
    }
}
