/// Why the store could not do what was asked, apart from rule refusals (`RuleViolation`): a
/// stable ``Code`` (for programs and tests) beside a message naming what is wrong and the fix.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// Whether an error is the user's to fix or the system's (see ``kind``).
    public enum Kind: Sendable {
        /// The user named something that is not there or not usable (exit status 2).
        case input
        /// The file system or SQLite failed (exit status 3).
        case system
    }

    /// What went wrong, stable for programs and tests.
    public let code: Code
    /// What is wrong and the fix, for a person.
    public let message: String

    /// An error with a stable code and a message naming what is wrong and the fix.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Whether the user can fix it by naming something else (exit status 2) or the system
    /// failed (exit status 3); follows from the code.
    public var kind: Kind { code.kind }

    /// The message.
    public var description: String { message }
}
