import Foundation
import VTFCommands

/// Runs `vtf`: `vtf --version` prints the binary's ``BuildInfo``; every other command line runs
/// ``VTF`` through VTFCommands' `CommandRunner`, which maps every outcome to the exit statuses of
/// DESIGN §6 (0 success; 1 a check found problems; 2 bad input, usage, or a rule refused; 3 storage
/// or system failure).
public enum VTFMain {
    /// Parses `arguments` (the process's when nil), runs the command, and exits.
    /// `build` is what `vtf --version` prints: the binary's own commit (its main.swift passes it).
    public static func run(arguments: [String]? = nil, build: BuildInfo? = nil) async -> Never {
        let status = await execute(arguments: arguments, build: build)
        exit(status)
    }

    /// Runs the command and returns its exit status instead of exiting.
    public static func execute(arguments: [String]? = nil, build: BuildInfo? = nil) async -> Int32 {
        let given = arguments ?? Array(CommandLine.arguments.dropFirst())
        if let build, given == ["--version"] {
            print(build.versionLine)
            return 0
        }
        return await CommandRunner.execute(arguments: given, root: VTF.self)
    }
}
