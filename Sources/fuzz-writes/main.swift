// The write fuzz (Scripts/fuzz-writes runs it): cases START..<END of a seeded run, in process.
// Every case goes to the log before it runs ("start N ARGS") and after ("done N OUTCOME"), so a
// case that crashes the process (a trap) or hangs (the watchdog ends the process with status
// 124 after --timeout seconds) is named by the last "start" line; the script resumes after it.
import Foundation
import VTFCommands

struct Options {
    var start = 0
    var end = 100_000
    var seed: UInt64 = 20_261_202
    var folder = NSTemporaryDirectory() + "vtf-fuzz-writes"
    var log = "/dev/null"
    var verifyEvery = 100
    var timeout = 60.0

    init(_ arguments: [String]) {
        var index = 0
        func next() -> String {
            index += 1
            return index < arguments.count ? arguments[index] : ""
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--start": start = Int(next()) ?? start
            case "--end": end = Int(next()) ?? end
            case "--seed": seed = UInt64(next()) ?? seed
            case "--folder": folder = next()
            case "--log": log = next()
            case "--verify-every": verifyEvery = Int(next()) ?? verifyEvery
            case "--timeout": timeout = Double(next()) ?? timeout
            default: break
            }
            index += 1
        }
    }
}

/// Watches the running case; ends the process when one runs longer than the timeout.
final class Watchdog: @unchecked Sendable {
    // `started` is guarded by `lock`.
    private let lock = NSLock()
    private var started: Date?
    let timeout: Double
    let log: FileHandle

    init(timeout: Double, log: FileHandle) {
        self.timeout = timeout
        self.log = log
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 1)
                let since = lock.withLock { started }
                if let since, Date().timeIntervalSince(since) > timeout {
                    log.write(Data("hang\n".utf8))
                    _exit(124)
                }
            }
        }
    }

    func begin() { lock.withLock { started = Date() } }
    func end() { lock.withLock { started = nil } }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
if !FileManager.default.fileExists(atPath: options.log) {
    _ = FileManager.default.createFile(atPath: options.log, contents: nil)
}
guard let log = FileHandle(forWritingAtPath: options.log) else {
    FileHandle.standardError.write(Data("fuzz-writes: cannot write the log \(options.log)\n".utf8))
    exit(3)
}
log.seekToEndOfFile()
// Command output goes nowhere; the summary goes to the real standard output.
let summaryOut = dup(STDOUT_FILENO)
let quiet = open("/dev/null", O_WRONLY)
dup2(quiet, STDOUT_FILENO)
dup2(quiet, STDERR_FILENO)

let watchdog = Watchdog(timeout: options.timeout, log: log)
do {
    let fuzz = try await WriteFuzz(folder: options.folder, verifyEvery: options.verifyEvery)
    let report = try await fuzz.run(
        options.start..<max(options.start, options.end), seed: options.seed,
        starting: { number, arguments in
            let shown = arguments.map { String(reflecting: String($0.prefix(80))) }.joined(separator: " ")
            log.write(Data("start \(number) \(shown)\n".utf8))
            watchdog.begin()
        },
        finished: { number, outcome in
            watchdog.end()
            log.write(Data("done \(number) \(outcome)\n".utf8))
        })
    fflush(nil)
    let summary = """
        cases \(report.cases) accepted \(report.accepted) refused \(report.refused) refused-but-changed \(report.refusedButChanged.count) \
        unexpected \(report.unexpected.count) verify-runs \(report.verifyRuns) verify-failures \(report.verifyFailures.count) \
        seconds \(String(format: "%.1f", report.seconds))

        """ + (report.refusedButChanged + report.unexpected + report.verifyFailures).map { "  \($0)\n" }.joined()
    _ = summary.utf8CString.withUnsafeBufferPointer { write(summaryOut, $0.baseAddress, $0.count - 1) }
    exit(report.passed ? 0 : 1)
} catch {
    let message = "fuzz-writes: \(error)\n"
    _ = message.utf8CString.withUnsafeBufferPointer { write(summaryOut, $0.baseAddress, $0.count - 1) }
    exit(3)
}
