import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `vtf serve` as a user runs it: it says where it listens, answers over real HTTP, refuses the
/// journal to an unsigned request, and stops cleanly (exit 0) on SIGTERM.
@Suite struct ServeCommandTests {
    /// Starts `vtf serve` on a free port; returns the process, its base URL and its output file.
    static func start(_ fund: TestLedger) throws -> (Process, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["serve", "--ledger", fund.ledger, "--listen", "127.0.0.1:0"]
        process.currentDirectoryURL = URL(fileURLWithPath: fund.dir)
        let outPath = fund.dir + "/serve.out"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: fund.dir + "/serve.err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: fund.dir + "/serve.err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<300 {
            let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("serving http://") }) {
                return (process, String(line.split(separator: " ")[1]), outPath)
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        process.terminate()
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "vtf serve did not say where it listens: \((try? String(contentsOfFile: fund.dir + "/serve.err", encoding: .utf8)) ?? "")"])
    }

    static func get(_ url: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func servesOverHTTPAndStopsOnSIGTERM() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let (process, base, _) = try Self.start(fund)
        defer { if process.isRunning { process.terminate() } }
        let (healthStatus, health) = try await Self.get(base + "/healthz")
        #expect(healthStatus == 200)
        #expect(health.hasPrefix("ok: ") && health.hasSuffix(" entries\n"), "\(health)")
        let (checkpointStatus, checkpoint) = try await Self.get(base + "/checkpoint")
        #expect(checkpointStatus == 200)
        #expect(checkpoint.hasPrefix("test.example/vtf\n"), "\(checkpoint)")
        let (journalStatus, journal) = try await Self.get(base + "/v1/journal")
        #expect(journalStatus == 401)
        #expect(journal.contains(#""error":"unauthenticated""#), "\(journal)")
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning, "vtf serve did not stop on SIGTERM within 10 s")
        if !process.isRunning {
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
        }
    }

    @Test func aPortInUseIsNamedAndTheFirstServiceGoesOn() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let (process, base, _) = try Self.start(fund)
        defer { if process.isRunning { process.terminate() } }
        let taken = String(base.dropFirst("http://".count))
        let second = try fund.vtf(["serve", "--listen", taken], as: nil)
        #expect(second.status == 3, "\(second.stderr)")
        #expect(second.stderr.contains("cannot listen on \(taken): the address is in use"), "\(second.stderr)")
        let (status, _) = try await Self.get(base + "/healthz")
        #expect(status == 200)
    }

    @Test func aBadAddressIsRefusedBeforeListening() throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        for address in ["8080", "127.0.0.1:99999", ":8080", "127.0.0.1:http"] {
            let result = try fund.vtf(["serve", "--listen", address], as: nil)
            #expect(result.status == 2, "\(address): \(result.stderr)")
            #expect(result.stderr.contains("--listen"), "\(address): \(result.stderr)")
        }
    }
}
