/// Why an amount (or a ``Decimal64``) could not be read, or an operation on amounts failed.
///
/// Every case that comes from text carries the text; ``description`` names the text and the rule.
public enum AmountError: Error, Equatable, CustomStringConvertible {
    /// The text was empty.
    case empty
    /// The text contains a space or other whitespace, e.g. `"1 000"`.
    case whitespace(text: String)
    /// The text starts with "+", e.g. `"+5"`.
    case leadingPlus(text: String)
    /// The text has an exponent, e.g. `"1e5"`.
    case exponent(text: String)
    /// The text contains a thousands separator (",", "_", "'"), e.g. `"1,000.00"`.
    case thousandsSeparator(text: String, separator: Character)
    /// The text contains a character that is not an ASCII digit, "." or "-".
    case invalidCharacter(text: String, character: Character)
    /// A "-" appears after the start, e.g. `"5-"` or `"--5"`.
    case misplacedMinus(text: String)
    /// The text has no digits, e.g. `"-"` or `"."`.
    case noDigits(text: String)
    /// The text has more than one ".", e.g. `"1.2.3"`.
    case multiplePoints(text: String)
    /// Nothing before the point, e.g. `".5"`.
    case missingIntegerDigit(text: String)
    /// A point with nothing after it, e.g. `"5."`.
    case trailingPoint(text: String)
    /// A zero before other integer digits, e.g. `"007"` or `"01.00"`.
    case leadingZero(text: String)
    /// More decimals than the currency has, e.g. `"12.345"` USD.
    case tooManyDecimals(text: String, decimals: Int, currency: Currency)
    /// Fewer decimals than the currency has, in `.exact` mode, e.g. `"12.5"` USD.
    case missingDecimals(text: String, decimals: Int, currency: Currency)
    /// `"-0.00"` in `.exact` mode: zero has one spelling, `"0.00"`.
    case negativeZero(text: String)
    /// The text is a valid decimal, but beyond `Int64` minor units of the currency.
    case outOfRange(text: String, currency: Currency)
    /// An operation's result is beyond `Int64` minor units of `currency`.
    case overflow(operation: String, currency: Currency)
    /// Two amounts in different currencies were combined.
    case currencyMismatch(Currency, Currency)
    /// A ratio's denominator was 0.
    case divisionByZero
    /// A non-money decimal (``Decimal64``) could not be read; `reason` names the rule.
    case invalidDecimal(text: String, reason: String)

    /// A syntax error of `text`, from the shared scanner.
    init(text: String, issue: DecimalSyntaxIssue) {
        switch issue {
        case .empty: self = .empty
        case .whitespace: self = .whitespace(text: text)
        case .leadingPlus: self = .leadingPlus(text: text)
        case .exponent: self = .exponent(text: text)
        case .thousandsSeparator(let separator):
            self = .thousandsSeparator(text: text, separator: separator)
        case .invalidCharacter(let character):
            self = .invalidCharacter(text: text, character: character)
        case .misplacedMinus: self = .misplacedMinus(text: text)
        case .noDigits: self = .noDigits(text: text)
        case .multiplePoints: self = .multiplePoints(text: text)
        case .missingIntegerDigit: self = .missingIntegerDigit(text: text)
        case .trailingPoint: self = .trailingPoint(text: text)
        case .leadingZero: self = .leadingZero(text: text)
        }
    }

    /// The message for people, e.g. `amount "12.345" has 3 decimals, USD has 2`.
    public var description: String {
        if let (text, issue) = syntax {
            return "amount \(EchoedText.quoted(text)): \(issue.rule)"
        }
        switch self {
        case .tooManyDecimals(let text, let decimals, let currency):
            return "amount \(EchoedText.quoted(text)) has \(Self.count(decimals, "decimal")), "
                + "\(currency.code) has \(currency.exponent)"
        case .missingDecimals(let text, let decimals, let currency):
            let suggestion = Self.padded(text, from: decimals, to: currency.exponent)
            return "amount \(EchoedText.quoted(text)) has \(Self.count(decimals, "decimal")), "
                + "\(currency.code) needs exactly \(currency.exponent) "
                + "(write \(suggestion.debugDescription))"
        case .negativeZero(let text):
            return "amount \(EchoedText.quoted(text)): negative zero is not allowed "
                + "(zero is written without \"-\")"
        case .outOfRange(let text, let currency):
            let negative = text.hasPrefix("-")
            let limit = Amount(minorUnits: negative ? .min : .max, currency: currency)
            return "amount \(EchoedText.quoted(text)): too \(negative ? "small" : "large") for "
                + "\(currency.code) (the limit is \(limit.decimalString))"
        case .overflow(let operation, let currency):
            return "\(currency.code) amount overflow: \(operation) is outside "
                + Self.range(currency)
        case .currencyMismatch(let left, let right):
            return "cannot combine an amount in \(left.code) with one in \(right.code)"
        case .divisionByZero:
            return "division by zero: the ratio's denominator is 0"
        case .invalidDecimal(let text, let reason):
            return "number \(EchoedText.quoted(text)): \(reason)"
        default:
            preconditionFailure("syntax cases are described above")
        }
    }

    /// The text and the scanner's rule, for the cases that are pure syntax.
    private var syntax: (String, DecimalSyntaxIssue)? {
        switch self {
        case .empty: ("", .empty)
        case .whitespace(let text): (text, .whitespace)
        case .leadingPlus(let text): (text, .leadingPlus)
        case .exponent(let text): (text, .exponent)
        case .thousandsSeparator(let text, let separator): (text, .thousandsSeparator(separator))
        case .invalidCharacter(let text, let character): (text, .invalidCharacter(character))
        case .misplacedMinus(let text): (text, .misplacedMinus)
        case .noDigits(let text): (text, .noDigits)
        case .multiplePoints(let text): (text, .multiplePoints)
        case .missingIntegerDigit(let text): (text, .missingIntegerDigit)
        case .trailingPoint(let text): (text, .trailingPoint)
        case .leadingZero(let text): (text, .leadingZero)
        default: nil
        }
    }

    /// `text` with zeros added up to `exponent` decimals ("12.5" → "12.50", "12" → "12.00"),
    /// cut short like every echoed text.
    private static func padded(_ text: String, from decimals: Int, to exponent: Int) -> String {
        let point = decimals == 0 ? "." : ""
        let zeros = String(repeating: "0", count: max(0, exponent - decimals))
        let scalars = text.unicodeScalars
        guard scalars.count <= Limits.echoedTextLengthMax else { return "…" + point + zeros }
        return text + point + zeros
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
    }

    private static func range(_ currency: Currency) -> String {
        let low = Amount(minorUnits: .min, currency: currency).decimalString
        let high = Amount(minorUnits: .max, currency: currency).decimalString
        return "\(low)...\(high)"
    }
}
