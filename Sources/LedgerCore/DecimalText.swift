/// The shape shared by amounts and other decimal strings: `-?digits(.digits)?`, checked strictly.
///
/// The scanner only splits and checks the syntax; ``Amount`` and ``Decimal64`` apply their own
/// rules about decimals and range. Digits are ASCII `0`–`9` only.
struct DecimalText {
    /// Whether the text starts with "-".
    let isNegative: Bool
    /// The digits before the point, as values 0...9; never empty, no leading zero.
    let integerDigits: [UInt8]
    /// The digits after the point, as values 0...9; empty when there is no point.
    let fractionDigits: [UInt8]

    /// Whether every digit is 0.
    var isZero: Bool {
        integerDigits.allSatisfy { $0 == 0 } && fractionDigits.allSatisfy { $0 == 0 }
    }

    /// Splits `text` into sign, integer digits and fraction digits.
    ///
    /// - Throws: the first rule `text` breaks, looking at characters first (whitespace, "+",
    ///   exponents, separators, other characters), then at the shape.
    static func scan(_ text: String) throws(DecimalSyntaxIssue) -> DecimalText {
        guard !text.isEmpty else { throw .empty }
        try checkCharacters(text)
        var bytes = Array(text.utf8)
        let isNegative = bytes.first == UInt8(ascii: "-")
        if isNegative { bytes.removeFirst() }
        guard !bytes.contains(UInt8(ascii: "-")) else { throw .misplacedMinus }
        guard bytes.contains(where: isDigit) else { throw .noDigits }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw .multiplePoints }
        let integerPart = parts[0]
        guard !integerPart.isEmpty else { throw .missingIntegerDigit }
        guard integerPart.count == 1 || integerPart.first != UInt8(ascii: "0") else {
            throw .leadingZero
        }
        if parts.count == 2 && parts[1].isEmpty { throw .trailingPoint }
        let zero = UInt8(ascii: "0")
        return DecimalText(
            isNegative: isNegative,
            integerDigits: integerPart.map { $0 - zero },
            fractionDigits: parts.count == 2 ? parts[1].map { $0 - zero } : []
        )
    }

    /// Refuses any character other than ASCII digits, "." and "-", naming the most useful rule.
    private static func checkCharacters(_ text: String) throws(DecimalSyntaxIssue) {
        var previous: Unicode.Scalar? = nil
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar.isASCII && (isDigit(UInt8(scalar.value)) || scalar == "." || scalar == "-") {
                continue
            }
            throw issue(for: scalar, after: previous)
        }
    }

    private static func issue(
        for scalar: Unicode.Scalar,
        after previous: Unicode.Scalar?
    ) -> DecimalSyntaxIssue {
        if scalar.properties.isWhitespace { return .whitespace }
        switch scalar {
        case "+": return previous == nil ? .leadingPlus : .invalidCharacter(Character(scalar))
        case "e", "E":
            let followsDigitOrPoint = previous.map { ("0"..."9").contains($0) || $0 == "." }
            return followsDigitOrPoint == true ? .exponent : .invalidCharacter(Character(scalar))
        case ",", "_", "'", "\u{2019}": return .thousandsSeparator(Character(scalar))
        default: return .invalidCharacter(Character(scalar))
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// Which syntax rule a decimal string breaks.
enum DecimalSyntaxIssue: Error, Equatable {
    case empty
    case whitespace
    case leadingPlus
    case exponent
    case thousandsSeparator(Character)
    case invalidCharacter(Character)
    case misplacedMinus
    case noDigits
    case multiplePoints
    case missingIntegerDigit
    case trailingPoint
    case leadingZero

    /// The rule, for people, e.g. `exponents are not allowed`.
    var rule: String {
        switch self {
        case .empty: "it is empty"
        case .whitespace: "spaces are not allowed"
        case .leadingPlus: "a leading \"+\" is not allowed"
        case .exponent: "exponents are not allowed"
        case .thousandsSeparator(let separator):
            "thousands separators (\(String(separator).debugDescription)) are not allowed; "
                + "the only punctuation is \".\" before the decimals"
        case .invalidCharacter(let character):
            "\(String(character).debugDescription) is not allowed "
                + "(only digits 0-9, one \".\" and a leading \"-\")"
        case .misplacedMinus: "\"-\" is only allowed at the start"
        case .noDigits: "there are no digits"
        case .multiplePoints: "there is more than one \".\""
        case .missingIntegerDigit: "a digit is needed before the \".\" (e.g. 0.5)"
        case .trailingPoint: "a \".\" must be followed by digits"
        case .leadingZero: "leading zeros are not allowed"
        }
    }
}
