import Foundation
import Testing

/// A cluster of its own for a test that stops servers (Scripts/pg-cluster), so the shared test
/// server is never touched: started in a new folder, stopped and removed by `stop()`.
struct OwnCluster {
    let dir: String

    static func start() throws -> OwnCluster {
        let dir = "/tmp/vtf-pgt-" + UUID().uuidString.prefix(8).lowercased()
        try pgCluster(["start", dir])
        return OwnCluster(dir: dir)
    }

    /// A hot standby of `primary`, streaming from it.
    static func standby(of primary: OwnCluster) throws -> OwnCluster {
        let dir = "/tmp/vtf-pgs-" + UUID().uuidString.prefix(8).lowercased()
        try pgCluster(["standby", primary.dir, dir])
        return OwnCluster(dir: dir)
    }

    func url(schema: String) throws -> String {
        let base = try OwnCluster.pgCluster(["url", dir]).trimmingCharacters(in: .whitespacesAndNewlines)
        return base + "?schema=\(schema)&sslmode=disable"
    }

    func crash() throws { try OwnCluster.pgCluster(["crash", dir]) }
    func restart() throws { try OwnCluster.pgCluster(["restart", dir]) }
    func stop() { _ = try? OwnCluster.pgCluster(["stop", dir]) }

    @discardableResult
    static func pgCluster(_ arguments: [String]) throws -> String {
        let script = CLI.packageRoot.appendingPathComponent("Scripts/pg-cluster").path
        let result = try CLI.run(script, arguments, in: CLI.packageRoot.path)
        guard result.status == 0 else { throw ClusterFailure(description: "pg-cluster \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }

    struct ClusterFailure: Error, CustomStringConvertible { let description: String }
}

/// Replicas for auditors and servers that go away (issue 14 points 6 and 7).
@Suite("PostgreSQL: a standby for auditors, and a server stopped mid-write")
struct PostgresReplicaFaultTests {
    static func vtf(_ arguments: [String], ledger: String, dir: String, key: String? = "alice") throws -> CLI.Result {
        var env = ["VTF_LEDGER": ledger]
        if let key { env["VTF_KEY"] = dir + "/\(key).pem" }
        return try CLI.vtf(arguments, in: dir, environment: env)
    }

    @Test("a hot standby answers verify, reports and proofs as the primary does, and refuses a write", .enabled(if: TestPostgres.enabled))
    func standbyReadsLikeThePrimary() throws {
        let dir = try PostgresCommandTests.keys()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let primary = try OwnCluster.start()
        defer { primary.stop() }
        let primaryLedger = try primary.url(schema: "books")
        _ = try PostgresCommandTests.smallYear(on: primaryLedger, keys: dir)
        let standby = try OwnCluster.standby(of: primary)
        defer { standby.stop() }
        let standbyLedger = try standby.url(schema: "books")
        // An entry after the base backup reaches the standby by streaming.
        let posted = try Self.vtf(["post", "--date", "2026-04-01", "--memo", "late", "--ref", "P3", "--posting", "1100:5.00", "--posting", "4100:-5.00"],
                                  ledger: primaryLedger, dir: dir)
        #expect(posted.status == 0, "\(posted.stderr)")
        let wanted = try Self.vtf(["verify"], ledger: primaryLedger, dir: dir, key: nil).stdout
        var seen = ""
        for _ in 0..<100 where seen != wanted {
            seen = try Self.vtf(["verify"], ledger: standbyLedger, dir: dir, key: nil).stdout
            if seen != wanted { Thread.sleep(forTimeInterval: 0.2) }
        }
        #expect(seen == wanted, "the standby never caught up: \(seen)")
        for arguments in [["report", "trial-balance", "--as-of", "2026-12-31"], ["balance", "--format", "json"], ["prove", "inclusion", "5"],
                          ["report", "cash-flow", "--as-of", "2026-12-31", "--format", "json"]] {
            let onPrimary = try Self.vtf(arguments, ledger: primaryLedger, dir: dir, key: nil)
            let onStandby = try Self.vtf(arguments, ledger: standbyLedger, dir: dir, key: nil)
            #expect(onPrimary.status == 0 && onStandby.status == 0, "\(arguments): \(onPrimary.stderr)\(onStandby.stderr)")
            #expect(onPrimary.stdout == onStandby.stdout, "\(arguments)")
        }
        let refused = try Self.vtf(["post", "--date", "2026-04-02", "--memo", "no", "--posting", "1100:1.00", "--posting", "4100:-1.00"],
                                   ledger: standbyLedger, dir: dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("read-only (a standby): write to the primary"), "\(refused.stderr)")
        #expect(try Self.vtf(["verify"], ledger: primaryLedger, dir: dir, key: nil).stdout == wanted)
    }

    @Test("the server stopped in the middle of an import: exit 3, nothing of it visible, and the ledger verifies after a restart", .enabled(if: TestPostgres.enabled))
    func serverStoppedDuringAnImport() throws {
        let made = try FaultLedger.make()
        defer { made.remove() }
        let (dir, cluster, ledger) = (made.dir, made.cluster, made.ledger)
        let before = try Self.vtf(["verify"], ledger: ledger, dir: dir, key: nil).stdout
        let lines = (1...30_000).map { #"{"date":"2026-05-01","memo":"bulk","ref":"B-\#($0)","postings":[{"account":"1100","amount":"1.00","currency":"USD"},{"account":"4100","amount":"-1.00","currency":"USD"}]}"# }
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/bulk.jsonl", atomically: true, encoding: .utf8)
        let importing = Background { try Self.vtf(["import", "--file", dir + "/bulk.jsonl"], ledger: ledger, dir: dir) }
        Thread.sleep(forTimeInterval: 1.5)
        try cluster.crash()
        let result = try importing.wait()
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("went away") || result.stderr.contains("closed the connection") || result.stderr.contains("cannot reach"),
                "\(result.stderr)")
        try cluster.restart()
        #expect(try Self.vtf(["verify"], ledger: ledger, dir: dir, key: nil).stdout == before)
    }

    @Test("the server stopped between single posts: every acknowledged post is there after a restart, and it verifies", .enabled(if: TestPostgres.enabled))
    func serverStoppedDuringPosts() throws {
        let made = try FaultLedger.make()
        defer { made.remove() }
        let (dir, cluster, ledger) = (made.dir, made.cluster, made.ledger)
        let posting = Background { () throws -> (acknowledged: [String], last: CLI.Result) in
            var acknowledged: [String] = []
            for index in 0..<10_000 {
                let ref = "S-\(index)"
                let result = try Self.vtf(["post", "--date", "2026-06-01", "--memo", "one", "--ref", ref, "--posting", "1100:0.01", "--posting", "4100:-0.01"],
                                          ledger: ledger, dir: dir)
                guard result.status == 0 else { return (acknowledged, result) }
                acknowledged.append(ref)
            }
            return (acknowledged, CLI.Result(status: 0, stdout: "", stderr: ""))
        }
        Thread.sleep(forTimeInterval: 2.0)
        try cluster.crash()
        let (acknowledged, last) = try posting.wait()
        #expect(!acknowledged.isEmpty)
        #expect(last.status == 3, "\(last.stderr)")
        try cluster.restart()
        let verified = try Self.vtf(["verify"], ledger: ledger, dir: dir, key: nil)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let journal = try Self.vtf(["journal", "export"], ledger: ledger, dir: dir, key: nil).stdout
        for ref in acknowledged { #expect(journal.contains(#""ref":"\#(ref)""#), "acknowledged \(ref) is missing") }
    }
}

/// Keys, a cluster of its own, and the small year on it: what a test that stops the server needs.
struct FaultLedger {
    let dir: String
    let cluster: OwnCluster
    let ledger: String

    static func make() throws -> FaultLedger {
        let dir = try PostgresCommandTests.keys()
        let cluster = try OwnCluster.start()
        let ledger = try cluster.url(schema: "books")
        _ = try PostgresCommandTests.smallYear(on: ledger, keys: dir)
        return FaultLedger(dir: dir, cluster: cluster, ledger: ledger)
    }

    func remove() {
        cluster.stop()
        try? FileManager.default.removeItem(atPath: dir)
    }
}

/// Runs `body` on a thread of its own; `wait()` returns its result.
final class Background<T: Sendable>: @unchecked Sendable {
    private var result: Result<T, any Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () throws -> T) {
        Thread.detachNewThread { [self] in
            result = Result { try body() }
            done.signal()
        }
    }

    func wait() throws -> T {
        done.wait()
        guard let result else { preconditionFailure("the thread set its result") }
        return try result.get()
    }
}
