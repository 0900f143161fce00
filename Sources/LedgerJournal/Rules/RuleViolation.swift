/// An entry, or a command's input, breaks a rule of the ledger. Refusals carry a sentence that
/// names what was wrong and where; they never contain secrets.
public struct RuleViolation: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
