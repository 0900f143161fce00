import Foundation
import Testing
import VTFCommands
import VTFCLI

/// `vtf --version` names the commit the binary was built from (issue 13 item 7), written by the
/// BuildStamp plugin through Scripts/build-stamp.
@Suite("vtf --version")
struct VersionTests {
    /// Runs `git ARGS` in `directory`; nil when git is missing or fails.
    static func git(_ arguments: [String], in directory: String) -> String? {
        let fixed = ["-c", "user.name=vtf tests", "-c", "user.email=tests@vtf.invalid", "-c", "init.defaultBranch=main",
                     "-c", "commit.gpgsign=false"]
        guard let result = try? CLI.run("/usr/bin/env", ["git"] + fixed + arguments, in: directory),
              result.status == 0 else { return nil }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs Scripts/build-stamp for `package` and returns the Swift file it writes.
    static func stamp(_ package: String) throws -> String {
        let output = package + "-stamp/BuildStamp.swift"
        let script = CLI.packageRoot.appendingPathComponent("Scripts/build-stamp").path
        let run = try CLI.run("/bin/sh", [script, package, output], in: package)
        #expect(run.status == 0, "\(run.stderr)")
        return try String(contentsOfFile: output, encoding: .utf8)
    }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "vtf-version-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The built binary against the checkout it was built in. A mismatch means the binary is
    /// older than HEAD: build again (`swift build`) before testing with --skip-build.
    @Test func theBuiltBinaryNamesTheCheckoutsCommit() throws {
        let result = try CLI.vtf(["--version"], in: NSTemporaryDirectory())
        #expect(result.status == 0, "\(result.stderr)")
        let line = result.stdout.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("vtf \(VTF.version) (commit "), "\(line)")
        let root = CLI.packageRoot.path
        if let head = Self.git(["rev-parse", "--short", "HEAD"], in: root),
           Self.git(["rev-parse", "--show-toplevel"], in: root).map({ URL(fileURLWithPath: $0).resolvingSymlinksInPath().path })
               == CLI.packageRoot.resolvingSymlinksInPath().path {
            #expect(line.hasPrefix("vtf \(VTF.version) (commit \(head),") || line.hasPrefix("vtf \(VTF.version) (commit \(head)+changes,"),
                    "HEAD is \(head) but the binary says: \(line) (rebuild before testing with --skip-build)")
        } else {
            #expect(line == "vtf \(VTF.version) (commit unknown, built outside a git checkout)", "\(line)")
        }
    }

    @Test func theStampFollowsCommitsAndChanges() throws {
        let package = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: package) }
        try #require(Self.git(["init", "-q"], in: package) != nil, "git is needed for this test")
        try "one\n".write(toFile: package + "/README", atomically: true, encoding: .utf8)
        _ = Self.git(["add", "README"], in: package)
        _ = Self.git(["commit", "-q", "-m", "first"], in: package)
        let first = try #require(Self.git(["rev-parse", "--short", "HEAD"], in: package))
        #expect(try Self.stamp(package).contains("let buildCommit: String? = \"\(first)\"\nlet buildTreeModified = false"))

        try "two\n".write(toFile: package + "/README", atomically: true, encoding: .utf8)
        #expect(try Self.stamp(package).contains("let buildCommit: String? = \"\(first)\"\nlet buildTreeModified = true"))

        _ = Self.git(["commit", "-q", "-a", "-m", "second"], in: package)
        let second = try #require(Self.git(["rev-parse", "--short", "HEAD"], in: package))
        #expect(second != first)
        #expect(try Self.stamp(package).contains("let buildCommit: String? = \"\(second)\"\nlet buildTreeModified = false"))

        // A new file not yet added is a change too (it may be a source file the build compiles).
        try "new\n".write(toFile: package + "/NEW", atomically: true, encoding: .utf8)
        #expect(try Self.stamp(package).contains("let buildTreeModified = true"))
    }

    /// A tarball: no .git. And a package unpacked inside some other repository: not its commit.
    @Test func outsideACheckoutTheCommitIsUnknown() throws {
        let plain = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: plain) }
        #expect(try Self.stamp(plain).contains("let buildCommit: String? = nil\nlet buildTreeModified = false"))

        let outer = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: outer) }
        try #require(Self.git(["init", "-q"], in: outer) != nil, "git is needed for this test")
        try "x\n".write(toFile: outer + "/README", atomically: true, encoding: .utf8)
        _ = Self.git(["add", "README"], in: outer)
        _ = Self.git(["commit", "-q", "-m", "outer"], in: outer)
        let inner = outer + "/vendor/vtf"
        try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: true)
        #expect(try Self.stamp(inner).contains("let buildCommit: String? = nil"))
    }

    @Test func theVersionLineSaysWhereTheBinaryCameFrom() {
        #expect(BuildInfo(commit: "7ccd836", treeModified: false).versionLine
                == "vtf \(VTF.version) (commit 7ccd836, built from a clean tree)")
        #expect(BuildInfo(commit: "7ccd836", treeModified: true).versionLine
                == "vtf \(VTF.version) (commit 7ccd836+changes, built from a tree with uncommitted changes)")
        #expect(BuildInfo(commit: nil, treeModified: false).versionLine
                == "vtf \(VTF.version) (commit unknown, built outside a git checkout)")
    }
}
