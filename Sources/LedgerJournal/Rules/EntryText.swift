/// The one check every free text of an entry passes (memo, ref, names, reasons, data members
/// read as text), on every way in: command-line flags, JSON input, the writer's rules before it
/// signs and the verifier's reading of the journal. Writer and verifier call this same code, so
/// they accept exactly the same texts.
///
/// A text is refused when it is empty, longer than its limit (counted in Unicode scalars, which
/// do not depend on the platform's Unicode version), or holds a control character (C0, DEL or
/// C1: a tab or a newline would break reports and CSV) or a Unicode noncharacter (I-JSON forbids
/// them, so the canonical form could not carry it).
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
        }
        guard count <= max else { return "is longer than \(max) characters (it has \(count))" }
        return nil
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
