/// A site that cannot be made from the ledger as asked, saying why and what to give instead.
public struct SiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, as a sentence naming the fix.
    public let message: String
    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
    /// The ``message``.
    public var description: String { message }
}
