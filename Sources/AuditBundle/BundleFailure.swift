/// A bundle that does not verify: which file, and why (exit status 1).
public struct BundleFailure: Error, CustomStringConvertible {
    public let file: String
    public let reason: String

    public init(_ file: String, _ reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}
