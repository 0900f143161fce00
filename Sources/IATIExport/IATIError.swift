/// Why vtf cannot publish the fund to IATI as asked: an identifier or a name that IATI does not
/// allow (the command reports it as bad input).
public struct IATIError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the option or field and the fix.
    public let description: String

    init(_ description: String) { self.description = description }
}
