/// Why the store could not do what was asked, apart from rule refusals (``RuleViolation``).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The user named something that is not there or not usable (exit status 2).
        case input
        /// The file system or SQLite failed (exit status 3).
        case system
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    package static func input(_ message: String) -> StoreError { StoreError(.input, message) }
    package static func system(_ message: String) -> StoreError { StoreError(.system, message) }
}
