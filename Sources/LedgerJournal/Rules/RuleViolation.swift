/// An entry, or a command's input, breaks a rule of the ledger. Refusals carry a stable
/// ``Code`` (what kind of rule was broken, for programs and tests) and a sentence that names
/// what was wrong and where (for people); they never contain secrets.
public struct RuleViolation: Error, Equatable, CustomStringConvertible {
    /// The kind of rule broken, stable for programs and tests.
    public let code: Code
    /// What was wrong and where, for people.
    public let message: String

    /// A refusal with a stable code and a message naming what was wrong and where.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The same refusal (same code) with another message, e.g. one naming where it happened.
    public func with(message: String) -> RuleViolation { RuleViolation(code, message) }

    /// The message.
    public var description: String { message }
}
