/// A JSON value as I-JSON (RFC 7493) sees it: numbers are IEEE-754 doubles, strings are Unicode
/// scalar sequences, object member names are unique.
///
/// Equality is *canonical* equality: two values are equal exactly when RFC 8785 would give them
/// the same canonical bytes (assuming both canonicalize). So object member order does not matter,
/// strings compare scalar by scalar (not by Swift's canonical-equivalence `String ==`, so
/// `"A\u{30A}"` and `"Å"` differ), and `0` equals `-0`.
public enum JSONValue: Sendable, Equatable {
    /// The literal `null`.
    case null
    /// The literals `true` and `false`.
    case bool(Bool)
    /// A number; I-JSON numbers are IEEE-754 doubles. Money never travels as a JSON number in vtf.
    case number(Double)
    /// A string of Unicode scalars.
    case string(String)
    /// An array; order is significant.
    case array([JSONValue])
    /// An object; member names are unique.
    case object(JSONObject)

    /// Canonical equality; see the type's documentation.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case (.bool(let left), .bool(let right)):
            return left == right
        case (.number(let left), .number(let right)):
            return left == right
        case (.string(let left), .string(let right)):
            return UTF8Key.bytesEqual(left, right)
        case (.array(let left), .array(let right)):
            return left == right
        case (.object(let left), .object(let right)):
            return left == right
        default:
            return false
        }
    }
}

extension JSONValue {
    /// The largest magnitude an integer may have and still be exact in a double: 2^53 - 1.
    public static let maxExactInteger: Int64 = (1 << 53) - 1

    /// The string, if this is `.string`.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The object, if this is `.object`.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The elements, if this is `.array`.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The flag, if this is `.bool`.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The number, if this is `.number`.
    public var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// Whether this is `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The number as an exact integer if it is integral and |n| <= 2^53 - 1, else nil.
    /// (`-0` gives `0`; non-numbers give nil.)
    public var integerValue: Int64? {
        guard case .number(let number) = self else { return nil }
        guard number.magnitude <= Double(Self.maxExactInteger) else { return nil }  // also NaN
        let integer = Int64(number)  // truncates; in range by the guard
        return Double(integer) == number ? integer : nil
    }

    /// A number holding `n` exactly. Precondition: |n| <= 2^53 - 1.
    public static func integer(_ n: Int64) -> JSONValue {
        precondition(
            n >= -maxExactInteger && n <= maxExactInteger,
            "JSONValue.integer(\(n)): magnitude exceeds 2^53 - 1, not exact in an I-JSON number")
        return .number(Double(n))
    }
}

extension JSONValue: CustomStringConvertible {
    /// The RFC 8785 canonical text, or a note saying why there is none.
    public var description: String {
        do {
            return try JSONCanonicalizer.canonicalString(self)
        } catch {
            return "<not canonicalizable: \(error.reason)>"
        }
    }
}
