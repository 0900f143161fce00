/// A bundle that does not verify: which file, and why (exit status 1).
public struct BundleFailure: Error, CustomStringConvertible {
    /// The bundle-relative path of the file at fault, such as `journal.jsonl` or `MANIFEST`.
    public let file: String
    /// What is wrong with the file, as a sentence for the auditor.
    public let reason: String

    /// A failure of `file` (bundle-relative path) for `reason`.
    public init(_ file: String, _ reason: String) {
        self.file = file
        self.reason = reason
    }

    /// `<file>: <reason>`, as printed by `vtf audit verify`.
    public var description: String { "\(file): \(reason)" }
}
