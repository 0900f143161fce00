import Foundation
import PackagePlugin

/// Writes `BuildStamp.swift` (the git commit, and whether the tree had uncommitted changes) for
/// the target it is applied to, by running `Scripts/build-stamp`.
///
/// It is a build command, not a prebuild command: SwiftPM skips prebuild commands on incremental
/// builds (swiftlang/swift-package-manager#5476), so the stamp would name an old commit. A build
/// command reruns whenever one of its inputs changes; the inputs are git's own record of HEAD
/// (HEAD, its reflog, the branch's ref, packed-refs, the index) and every file git tracks, so a
/// commit, a checkout or an edit anywhere reruns it. The script rewrites the file only when its
/// text changes, so nothing else recompiles otherwise. Outside a git checkout the only input is
/// the script, and the stamp says the commit is unknown.
@main
struct BuildStampPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let package = context.package.directoryURL
        let script = package.appending(path: "Scripts/build-stamp")
        let output = context.pluginWorkDirectoryURL.appending(path: "Generated/BuildStamp.swift")
        return [
            .buildCommand(
                displayName: "Stamping \(target.name) with the git commit",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path(percentEncoded: false), package.path(percentEncoded: false), output.path(percentEncoded: false)],
                inputFiles: [script] + Self.gitInputs(package),
                outputFiles: [output]
            )
        ]
    }

    /// The files whose change can change the stamp, as they are when SwiftPM plans the build.
    static func gitInputs(_ package: URL) -> [URL] {
        let root = package.path(percentEncoded: false)
        guard let top = git(["rev-parse", "--show-toplevel"], in: root)?.first,
              URL(fileURLWithPath: top).resolvingSymlinksInPath().path == package.resolvingSymlinksInPath().path
        else { return [] }
        var names = ["HEAD", "logs/HEAD", "packed-refs", "index"]
        if let branch = git(["symbolic-ref", "-q", "HEAD"], in: root)?.first { names.append(branch) }
        let state = git(["rev-parse"] + names.flatMap { ["--git-path", $0] }, in: root) ?? []
        let tracked = git(["ls-files", "--full-name"], in: root) ?? []
        let paths = state.map { URL(fileURLWithPath: $0, relativeTo: package) } + tracked.map { package.appending(path: $0) }
        return paths.map(\.absoluteURL).filter { FileManager.default.fileExists(atPath: $0.path(percentEncoded: false)) }
    }

    /// The lines `git ARGS` prints in `directory`, or nil when git is missing or fails.
    static func git(_ arguments: [String], in directory: String) -> [String]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "--no-optional-locks", "-C", directory] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
