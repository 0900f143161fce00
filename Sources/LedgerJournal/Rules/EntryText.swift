/// The one check every free text of an entry passes (memo, ref, names, reasons, data members
/// read as text), on every way in: command-line flags, JSON input, the writer's rules before it
/// signs and the verifier's reading of the journal. Writer and verifier call this same code, so
/// they accept exactly the same texts.
///
/// A text is refused when it is empty, longer than its limit (counted in Unicode scalars, which
/// do not depend on the platform's Unicode version), or holds a control character (C0, DEL or
/// C1: a tab or a newline would break reports and CSV) or a Unicode noncharacter (I-JSON forbids
/// them, so the canonical form could not carry it), or a bidirectional control (U+202A…U+202E,
/// U+2066…U+2069, U+200E, U+200F, U+061C: they make a text display in another order than it
/// reads). A ref, which the ledger keeps unique, is held to more (``refProblem(_:max:)``).
public enum EntryText {
    /// What is wrong with a text, or nil when it is acceptable.
    public static func problem(_ value: String, max: Int) -> String? {
        guard !value.isEmpty else { return "is empty" }
        var count = 0
        for scalar in value.unicodeScalars {
            count += 1
            if let name = controlName(scalar.value) {
                return "contains a control character (\(name)); use plain text on one line"
            }
            if isNoncharacter(scalar.value) {
                return "contains the Unicode noncharacter \(hexName(scalar.value)), which the journal cannot carry"
            }
            if isBidiControl(scalar.value) {
                return "contains the bidirectional control \(hexName(scalar.value)), which makes a text display in another order than it reads; remove it"
            }
        }
        guard count <= max else { return "is longer than \(max) characters (it has \(count))" }
        return nil
    }

    /// What is wrong with a ref, or nil: a ref is unique among its kind's, so it may not look
    /// like another that it is not. Beyond ``problem(_:max:)``: no invisible character (a
    /// default-ignorable code point: zero-width space and joiners, soft hyphen, word joiner,
    /// variation selectors, tags, …) and no white space at either end. An outside trial recorded
    /// "R1" beside "R\u{200B}1" and "R1 ", and a bank reference with a trailing space as a new
    /// receipt.
    public static func refProblem(_ value: String, max: Int) -> String? {
        if let problem = problem(value, max: max) { return problem }
        for scalar in value.unicodeScalars where isDefaultIgnorable(scalar.value) {
            return "contains the invisible character \(hexName(scalar.value)); a ref must look like what it is"
        }
        if let first = value.unicodeScalars.first, let last = value.unicodeScalars.last, isSpace(first.value) || isSpace(last.value) {
            return "begins or ends with white space; a ref must look like what it is"
        }
        return nil
    }

    /// Throws a ``RuleViolation`` naming `name` if `value` is not an acceptable ref.
    public static func checkRef(_ value: String, name: String, max: Int, context: String = "") throws(RuleViolation) {
        guard let problem = refProblem(value, max: max) else { return }
        throw RuleViolation(.badField, context.isEmpty ? "\(name) \(problem)" : "\(context): \(name) \(problem)")
    }

    /// The bidirectional formatting characters (Unicode's Bidi_Control property, a fixed list).
    static func isBidiControl(_ scalar: UInt32) -> Bool {
        (0x202A...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar) || scalar == 0x200E || scalar == 0x200F || scalar == 0x061C
    }

    /// Unicode's Default_Ignorable_Code_Point, as the fixed list holder identities use (so writer
    /// and verifier agree whatever the platform's Unicode version): characters that display as
    /// nothing.
    static func isDefaultIgnorable(_ scalar: UInt32) -> Bool {
        Unicode.Scalar(scalar).map(HolderIdentity.isDefaultIgnorable) ?? false
    }

    /// Unicode's White_Space characters that are not controls (those are refused already).
    static func isSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Throws a ``RuleViolation`` naming `name` (and `context`, when not empty) if `value` is not
    /// an acceptable text of at most `max` Unicode scalars.
    public static func check(_ value: String, name: String, max: Int, context: String = "") throws(RuleViolation) {
        guard let problem = problem(value, max: max) else { return }
        throw RuleViolation(.badField, context.isEmpty ? "\(name) \(problem)" : "\(context): \(name) \(problem)")
    }

    /// C0 controls, DEL and C1 controls, by name when it helps ("U+0009 tab").
    static func controlName(_ scalar: UInt32) -> String? {
        switch scalar {
        case 0x09: "U+0009 tab"
        case 0x0A: "U+000A line feed"
        case 0x0D: "U+000D carriage return"
        case 0x00..<0x20, 0x7F, 0x80...0x9F: hexName(scalar)
        default: nil
        }
    }

    /// U+FDD0…U+FDEF and the last two code points of every plane.
    static func isNoncharacter(_ scalar: UInt32) -> Bool {
        (0xFDD0...0xFDEF).contains(scalar) || scalar & 0xFFFE == 0xFFFE
    }

    static func hexName(_ scalar: UInt32) -> String {
        let hex = String(scalar, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
    }
}
