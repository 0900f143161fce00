/// Why the books could not be written as a plain-text journal.
public struct PlainTextError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let description: String

    init(_ description: String) { self.description = description }
}
