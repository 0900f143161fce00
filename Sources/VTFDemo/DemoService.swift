import Foundation
import VTFCommands

/// The ledger service the demo records through with `vtf demo --serve`: `vtf serve` started as
/// its own process on a free loopback port, over the ledger the demo created, holding the log
/// key (the people's commands never see it), stopped with SIGTERM at the end.
final class DemoService {
    /// The service's base URL, `http://127.0.0.1:PORT` (`https` with a certificate).
    let url: String
    private let process: Process

    private init(url: String, process: Process) {
        self.url = url
        self.process = process
    }

    /// Starts `vtf serve --ledger ledger --log-key logKey` (with `tls`, a certificate and its key,
    /// over HTTPS), writing its output to `folder`/serve.out and serve.err.
    static func start(ledger: String, logKey: String, tls: (certificate: String, key: String)?, folder: String) throws -> DemoService {
        guard let executable = Bundle.main.executablePath else { throw InputError("the demo cannot find its own vtf to start vtf serve") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--ledger", ledger, "--log-key", logKey, "--listen", "127.0.0.1:0"]
            + (tls.map { ["--tls-cert", $0.certificate, "--tls-key", $0.key] } ?? [])
        let out = folder + "/serve.out"
        let err = folder + "/serve.err"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<600 {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("serving ") }) {
                return DemoService(url: String(line.split(separator: " ")[1]), process: process)
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw InputError("vtf serve did not start: \((try? String(contentsOfFile: err, encoding: .utf8)) ?? "")")
    }

    /// Stops the service (SIGTERM) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
