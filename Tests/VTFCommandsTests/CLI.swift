import Foundation
import Testing

/// Runs the built `vtf` binary, as a user would.
struct CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `vtf` executable next to the test bundle (SwiftPM builds it because the tests depend on it).
    static let binary: String = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ].map { $0.appendingPathComponent("vtf").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    /// The package root, for Scripts/ and Audit/.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `executable args` in `directory` with extra environment variables.
    static func run(
        _ executable: String, _ arguments: [String], in directory: String, environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        for name in ["VTF_LEDGER", "VTF_KEY", "VTF_LOG_KEY", "VTF_KEY_PASSPHRASE", "VTF_LOG_KEY_PASSPHRASE"] { env[name] = nil }
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        // Never the test runner's terminal: a command must not stop to ask for a passphrase.
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs, so a full pipe cannot block it.
        let errData = ErrorCollector(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.wait(), as: UTF8.self))
    }

    /// Runs `vtf args`.
    static func vtf(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Result {
        try run(binary, arguments, in: directory, environment: environment)
    }
}

/// Drains a pipe on a background thread.
final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// A temporary folder with a ready ledger: keys for an admin, the log, two fund managers
/// (alice, bruno) and an auditor, and a few accounts.
struct TestLedger {
    let dir: String
    var ledger: String { dir + "/test.ledger" }
    func key(_ name: String) -> String { dir + "/\(name).pem" }

    /// A fresh copy of a ledger built once per test run (building one takes ~20 processes).
    init() throws {
        let template = try Self.template.get()
        dir = Self.newFolder()
        try FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: template.dir, toPath: dir)
    }

    private static let template = Result { try TestLedger(building: true) }

    static func newFolder() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-test-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Builds a ledger from scratch with the CLI.
    init(building accounts: Bool) throws {
        dir = Self.newFolder()
        for name in ["admin", "log", "alice", "bruno", "auditor", "outsider"] {
            try expectOK(["key", "generate", "--out", key(name), "--name", name.capitalized])
        }
        try expectOK(["init", "--ledger", ledger, "--origin", "test.example/vtf", "--fund-name", "Test Fund",
                      "--admin-key", key("admin"), "--log-key", key("log"), "--date", "2026-01-01"])
        for (name, role) in [("alice", "fund-manager"), ("bruno", "fund-manager"), ("auditor", "auditor")] {
            try expectOK(["key", "register", "--ledger", ledger, "--key", key("admin"), "--public-key", key(name) + ".pub",
                          "--holder", name, "--role", role, "--date", "2026-01-01"])
        }
        if accounts {
            for (code, type) in [("1100", "asset"), ("1100.EUR", "asset"), ("1200", "asset"), ("4100", "revenue"), ("5100", "expense"), ("5400", "expense")] {
                try expectOK(["account", "open", code, "--ledger", ledger, "--key", key("alice"), "--name", "Account \(code)",
                              "--type", type, "--date", "2026-01-01"])
            }
        }
    }

    /// Runs `vtf args` with --ledger set, as alice unless `as` names another key.
    @discardableResult
    func vtf(_ arguments: [String], as signer: String? = "alice", environment: [String: String] = [:]) throws -> CLI.Result {
        var env = ["VTF_LEDGER": ledger]
        if let signer { env["VTF_KEY"] = key(signer) }
        env.merge(environment) { $1 }
        return try CLI.vtf(arguments, in: dir, environment: env)
    }

    @discardableResult
    func expectOK(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLI.Result {
        let result = try CLI.vtf(arguments, in: dir)
        #expect(result.status == 0, "vtf \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// A post with flags: `lines` are ACCOUNT:AMOUNT[:CURRENCY[:VALUE]].
    @discardableResult
    func post(_ lines: [String], date: String = "2026-02-01", memo: String = "test", ref: String? = nil, as signer: String = "alice") throws -> CLI.Result {
        var arguments = ["post", "--date", date, "--memo", memo]
        if let ref { arguments += ["--ref", ref] }
        for line in lines { arguments += ["--posting", line] }
        return try vtf(arguments, as: signer)
    }

    /// The ledger's bytes (main file and WAL) for byte-identical checks.
    func fileBytes() throws -> [Data] {
        try ["", "-wal"].map { suffix in
            FileManager.default.fileExists(atPath: ledger + suffix) ? try Data(contentsOf: URL(fileURLWithPath: ledger + suffix)) : Data()
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}
