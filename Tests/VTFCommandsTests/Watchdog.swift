import Foundation
import Testing

/// Runs `vtf` with a watchdog: a command that hangs (a FIFO opened for reading, /dev/zero read
/// to the end) is killed after `seconds` and reported as hung, so a regression fails the test
/// instead of stopping the run. Output goes to files, so no pipe can fill up.
enum Watchdog {
    struct Outcome {
        let status: Int32
        let stderr: String
        let stdout: String
        let hung: Bool
    }

    static func vtf(_ arguments: [String], in directory: String, environment: [String: String] = [:], seconds: Double = 60) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        for name in ["VTF_LEDGER", "VTF_KEY", "VTF_LOG_KEY", "VTF_KEY_PASSPHRASE", "VTF_LOG_KEY_PASSPHRASE"] { env[name] = nil }
        env.merge(environment) { $1 }
        process.environment = env
        let outPath = directory + "/.watchdog-\(UUID().uuidString).out"
        let errPath = outPath + ".err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outPath); try? FileManager.default.removeItem(atPath: errPath) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let hung = exited.wait(timeout: .now() + seconds) == .timedOut
        if hung {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
        }
        return Outcome(
            status: process.terminationStatus,
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "", hung: hung)
    }
}
