/// Why a ledger service could not be reached or read, with a stable code and a message that
/// names the fix.
public struct RemoteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, stable for programs and tests.
    public enum Code: String, Sendable, CaseIterable {
        /// The URL is not one vtf reaches (a scheme, a path, plain http beyond this machine).
        case badURL = "bad-url"
        /// The service could not be reached (refused, timed out, TLS failed).
        case unreachable = "unreachable"
        /// The service refused the request (its `{"error", "message"}` is in the message).
        case refused = "refused"
        /// The service answered something that is not what it must serve (too large, malformed,
        /// not the next entries, not signed by the ledger's log key).
        case badAnswer = "bad-answer"
        /// What was asked cannot be done through a service (yet): the message says where.
        case notSupported = "not-supported"
    }

    /// What went wrong.
    public let code: Code
    /// What went wrong and what to do, in a sentence.
    public let message: String

    /// An error with a stable code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// Whether the cause lies with this machine's input (exit 2) rather than the network or the
    /// service (exit 3).
    public var isInput: Bool { code == .badURL || code == .notSupported || code == .refused }
}
