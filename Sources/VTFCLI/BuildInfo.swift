/// Where a `vtf` binary came from: its version and the git commit it was built from, as
/// `vtf --version` prints them. The `vtf` executable fills it from the file the BuildStamp plugin
/// generates (Plugins/BuildStamp, Scripts/build-stamp).
public struct BuildInfo: Sendable, Equatable {
    /// The abbreviated commit (`git rev-parse --short HEAD`), or nil when built outside a git checkout.
    public let commit: String?
    /// Whether the checkout had changes not yet committed (`git status --porcelain` not empty).
    public let treeModified: Bool

    /// What the build stamp found when this binary was built.
    public init(commit: String?, treeModified: Bool) {
        self.commit = commit
        self.treeModified = treeModified
    }

    /// `vtf 0.13.0 (commit 7ccd836, built from a clean tree)`,
    /// `vtf 0.13.0 (commit 7ccd836+changes, built from a tree with uncommitted changes)`, or
    /// `vtf 0.13.0 (commit unknown, built outside a git checkout)`.
    public var versionLine: String {
        guard let commit else { return "vtf \(VTF.version) (commit unknown, built outside a git checkout)" }
        if treeModified { return "vtf \(VTF.version) (commit \(commit)+changes, built from a tree with uncommitted changes)" }
        return "vtf \(VTF.version) (commit \(commit), built from a clean tree)"
    }
}
