public import CanonicalJSON
public import LedgerCore

/// Typed, strict access to the members of a JSON object, with errors that say where.
/// Used for entry bodies, `data` objects and input files.
public struct JSONFields {
    /// The object's members.
    public let object: JSONObject
    /// Where this object is, for messages: "entry 12 data", "posting 2", …
    public let context: String

    /// The fields of `value`; throws `.badField` when it is not an object.
    public init(_ value: JSONValue, context: String) throws(RuleViolation) {
        guard let object = value.objectValue else {
            throw RuleViolation(.badField, "\(context) must be a JSON object")
        }
        self.object = object
        self.context = context
    }

    /// Refuses members outside `names`, naming the first one found.
    public func allowOnly(_ names: Set<String>) throws(RuleViolation) {
        for member in object where !names.contains(member.key) {
            throw RuleViolation(.unknownField, "\(context): unknown member \"\(member.key)\"")
        }
    }

    /// Whether the object has member `name` (of any type, `null` included).
    public func has(_ name: String) -> Bool { object[name] != nil }

    /// Member `name` as a string; throws `.missingField` when absent, `.badField` when not a string.
    public func string(_ name: String) throws(RuleViolation) -> String {
        guard let value = object[name] else { throw RuleViolation(.missingField, "\(context): \(name) is missing") }
        guard let text = value.stringValue else {
            throw RuleViolation(.badField, "\(context): \(name) must be a string")
        }
        return text
    }

    /// Member `name` as a string, or nil when absent; throws `.badField` when not a string.
    public func optionalString(_ name: String) throws(RuleViolation) -> String? {
        guard object[name] != nil else { return nil }
        return try string(name)
    }

    /// A non-empty string of at most `max` characters without control characters.
    public func text(_ name: String, max: Int) throws(RuleViolation) -> String {
        let value = try string(name)
        try Self.checkText(value, name: name, max: max, context: context)
        return value
    }

    /// Like ``text(_:max:)``, or nil when the member is absent.
    public func optionalText(_ name: String, max: Int) throws(RuleViolation) -> String? {
        guard object[name] != nil else { return nil }
        return try text(name, max: max)
    }

    /// Member `name` as an integer; throws `.missingField` when absent, `.badField` when not an integer.
    public func integer(_ name: String) throws(RuleViolation) -> Int64 {
        guard let value = object[name] else { throw RuleViolation(.missingField, "\(context): \(name) is missing") }
        guard let number = value.integerValue else {
            throw RuleViolation(.badField, "\(context): \(name) must be an integer")
        }
        return number
    }

    /// Member `name` as an array; throws `.missingField` when absent, `.badField` when not an array.
    public func array(_ name: String) throws(RuleViolation) -> [JSONValue] {
        guard let value = object[name] else { throw RuleViolation(.missingField, "\(context): \(name) is missing") }
        guard let items = value.arrayValue else {
            throw RuleViolation(.badField, "\(context): \(name) must be an array")
        }
        return items
    }

    /// Member `name` as an object; throws `.missingField` when absent, `.badField` when not an object.
    public func objectValue(_ name: String) throws(RuleViolation) -> JSONObject {
        guard let value = object[name] else { throw RuleViolation(.missingField, "\(context): \(name) is missing") }
        guard let nested = value.objectValue else {
            throw RuleViolation(.badField, "\(context): \(name) must be an object")
        }
        return nested
    }

    /// Member `name` as a `YYYY-MM-DD` date; throws `.missingField` when absent, `.badField` when
    /// not a string or not a valid date.
    public func date(_ name: String) throws(RuleViolation) -> LedgerDate {
        let value = try string(name)
        do { return try LedgerDate(parsing: value) } catch {
            throw RuleViolation(.badField, "\(context): \(name): \(error)")
        }
    }

    /// Member `name` as an account code; throws `.missingField` when absent, `.badField` when not
    /// a string or not a valid code.
    public func accountCode(_ name: String) throws(RuleViolation) -> AccountCode {
        let value = try string(name)
        do { return try AccountCode(value) } catch {
            throw RuleViolation(.badField, "\(context): \(name): \(error)")
        }
    }

    /// Text fields: the one check of ``EntryText`` (not empty, not too long in Unicode scalars,
    /// no control character or noncharacter), shared by the writer and the verifier.
    public static func checkText(_ value: String, name: String, max: Int, context: String) throws(RuleViolation) {
        try EntryText.check(value, name: name, max: max, context: context)
    }
}
