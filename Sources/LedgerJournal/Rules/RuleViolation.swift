/// An entry, or a command's input, breaks a rule of the ledger. Refusals carry a stable
/// ``Code`` (what kind of rule was broken, for programs and tests) and a sentence that names
/// what was wrong and where (for people); they never contain secrets.
public struct RuleViolation: Error, Equatable, CustomStringConvertible {
    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The same refusal (same code) with another message, e.g. one naming where it happened.
    public func with(message: String) -> RuleViolation { RuleViolation(code, message) }

    public var description: String { message }
}
