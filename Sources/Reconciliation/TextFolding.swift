/// Text keys for matching: references (trimmed, lower-cased), words of free text that may be
/// references, and case- and accent-folded name tokens. Pure Swift (no Foundation).
enum TextFolding {
    /// Originators' placeholders for "no reference".
    static let placeholders: Set<String> = ["notprovided", "nonref", "none"]
    /// The shortest book reference looked for among the words of a bank text: shorter ones
    /// ("UN", "2026") would be found everywhere.
    static let minimumTextReferenceLength = 4
    /// Bytes that end a word of bank text: ASCII white space and punctuation that never occurs
    /// in a reference ('-', '/', '.' and '_' may be inside one).
    static let wordBreaks: Set<UInt8> = Set(" \t\n\r\u{0B}\u{0C},;:()[]{}<>\"'+=|".utf8)
    /// Bytes trimmed from both ends of a word of bank text.
    static let wordTrim: Set<UInt8> = Set("./-_".utf8)

    /// A reference's key: trimmed of white space and lower-cased; nil when empty or a placeholder.
    static func referenceKey(_ text: String) -> String? {
        let key = trimmed(text).lowercased()
        return key.isEmpty || placeholders.contains(key) ? nil : key
    }

    /// The words of a bank text, as reference keys, that are long enough to be looked up. Works
    /// on UTF-8 bytes: this runs for every bank line.
    static func referenceWords(_ text: String) -> [String] {
        text.utf8.split { wordBreaks.contains($0) }.compactMap { word in
            var slice = word
            while let first = slice.first, wordTrim.contains(first) { slice.removeFirst() }
            while let last = slice.last, wordTrim.contains(last) { slice.removeLast() }
            let key = String(decoding: slice, as: UTF8.self).lowercased()
            return key.unicodeScalars.count >= minimumTextReferenceLength ? key : nil
        }
    }

    /// An account number's key: letters and digits only, upper-cased (IBANs come with spaces).
    static func accountKey(_ text: String) -> String? {
        let key = String(text.unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) })
            .uppercased()
        return key.isEmpty ? nil : key
    }

    /// Case- and accent-folded words of letters and digits: "Fondation Élan, S.A." → fondation, elan, s, a.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for scalar in text.lowercased().unicodeScalars {
            if let folded = fold(scalar) {
                current += folded
            } else if !isMark(scalar), !current.isEmpty {
                tokens.append(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Whether `needle` occurs as consecutive tokens in `haystack`.
    static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// A letter or digit without its accents (lower case in, lower case out); nil for anything
    /// else (marks too).
    private static func fold(_ scalar: Unicode.Scalar) -> String? {
        if scalar.isASCII {
            let isAlnum = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            return isAlnum ? String(scalar) : nil
        }
        guard !isMark(scalar), scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return nil }
        return latinBase(scalar) ?? String(scalar)
    }

    /// The base letter of a Latin letter from its Unicode name: "LATIN SMALL LETTER E WITH
    /// ACUTE" → "e", "LATIN SMALL LETTER SHARP S" → "ss", "LATIN SMALL LIGATURE OE" → "oe".
    private static func latinBase(_ scalar: Unicode.Scalar) -> String? {
        guard let name = scalar.properties.name else { return nil }
        for prefix in ["LATIN SMALL LETTER ", "LATIN SMALL LIGATURE "] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if rest == "SHARP S" { return "ss" }
            if rest == "DOTLESS I" { return "i" }
            let base = rest.split(separator: " ").first ?? rest
            let isPlain = base.count <= 2 && base.allSatisfy { ("A"..."Z").contains($0) }
            return isPlain ? base.lowercased() : nil
        }
        return nil
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    static func trimmed(_ text: some StringProtocol, also extra: Set<Character> = []) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace || extra.contains(first) { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace || extra.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
