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
        // A closed pipe is an error on write, not a kill: `vtf grant award … | true` died of
        // SIGPIPE with status 141 after its entry was recorded, and a script that retried on it
        // was refused a duplicate ref.
        signal(SIGPIPE, SIG_IGN)
        let given = arguments ?? Array(CommandLine.arguments.dropFirst())
        if let build, given == ["--version"] {
            print(build.versionLine)
            return 0
        }
        return finish(await CommandRunner.execute(arguments: given, root: VTF.self))
    }

    /// `status`, once standard output is flushed. A reader that went away (EPIPE) changes
    /// nothing; any other failure to write the output (a full disk, `>/dev/full`) is a system
    /// failure, said on standard error: the output is lost, what the command recorded is not.
    static func finish(_ status: Int32) -> Int32 {
        errno = 0
        // Standard output is buffered: what did not fit was written before, the rest now, and a
        // write that fails fails here (fflush of every stream: `stdout` itself is not safe to
        // name in Swift 6 mode).
        guard fflush(nil) != 0 else { return status }
        let code = errno
        guard code != EPIPE else { return status }
        let reason = code == 0 ? "" : ": " + String(cString: strerror(code))
        let message = "vtf: the output could not be written\(reason); what the command recorded, if anything, is recorded (vtf journal export shows it)\n"
        try? FileHandle.standardError.write(contentsOf: Data(message.utf8))
        return status == 0 ? 3 : status
    }
}
