/// Why an outside file was refused: the path, a stable code and a sentence with the fix.
public struct InputFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Stable codes for scripts and tests.
    public enum Code: String, Sendable {
        case notFound = "input.not_found"
        case notRegular = "input.not_regular"
        case tooLarge = "input.too_large"
        case lineTooLong = "input.line_too_long"
        case unreadable = "input.unreadable"
    }

    /// What went wrong, for scripts.
    public let code: Code
    /// The input path as given.
    public let path: String
    /// The whole sentence, naming the path.
    public let message: String

    /// An error about `path`; `message` is the whole sentence.
    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
