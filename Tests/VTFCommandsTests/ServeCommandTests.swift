import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import Testing

/// `vtf serve` as a user runs it: it says where it listens, answers over real HTTP, refuses the
/// journal to an unsigned request, and stops cleanly (exit 0) on SIGTERM.
@Suite struct ServeCommandTests {
    /// Starts `vtf serve` on a free port (recording when `recording`, with the ledger's log key);
    /// returns the process, its base URL and its output file.
    static func start(_ fund: TestLedger, recording: Bool = false, more: [String] = []) throws -> (Process, String, String) {
        try start(ledger: fund.ledger, in: fund.dir, more: (recording ? ["--log-key", fund.key("log")] : []) + more)
    }

    /// Starts `vtf serve --ledger LEDGER` in `dir` (output in files named after the process).
    static func start(ledger: String, in dir: String, more: [String] = []) throws -> (Process, String, String) {
        try launch(["serve", "--ledger", ledger, "--listen", "127.0.0.1:0"] + more, in: dir, ready: "serving http")
    }

    /// Starts `vtf arguments` in `dir`, and waits for the line starting with `ready`, whose
    /// second word is the base URL (output in files named after the process).
    static func launch(_ arguments: [String], in dir: String, ready: String) throws -> (Process, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        let name = "serve-\(UUID().uuidString)"
        let outPath = dir + "/\(name).out"
        let errPath = dir + "/\(name).err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<300 {
            let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(ready) }) {
                return (process, String(line.split(separator: " ")[1]), outPath)
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        process.terminate()
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "vtf \(arguments[0]) did not say where it listens: \((try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")"])
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

    @Test func servesHTTPSWithItsCertificateToClientsThatTrustIt() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let made = try CLI.run("/usr/bin/env", [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "tls.key",
            "-out", "tls.crt", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ], in: fund.dir)
        #expect(made.status == 0, "\(made.stderr)")
        chmod(fund.dir + "/tls.key", 0o600)
        let (process, base, _) = try Self.start(fund, recording: true, more: ["--tls-cert", "tls.crt", "--tls-key", "tls.key"])
        defer { if process.isRunning { process.terminate() } }
        #expect(base.hasPrefix("https://"))
        let local = try fund.vtf(["verify", "--ledger", fund.ledger], as: nil)
        let trusted = try CLI.vtf(["verify", "--ledger", base], in: fund.dir, environment: [
            "VTF_KEY": fund.key("auditor"), "VTF_CA_FILE": fund.dir + "/tls.crt", "VTF_MIRROR_DIR": fund.dir + "/m1",
        ])
        #expect(trusted.status == 0, "\(trusted.stderr)")
        #expect(trusted.stdout == local.stdout)
        let untrusted = try CLI.vtf(["verify", "--ledger", base], in: fund.dir, environment: ["VTF_KEY": fund.key("auditor"), "VTF_MIRROR_DIR": fund.dir + "/m2"])
        #expect(untrusted.status == 3)
        #expect(untrusted.stderr.contains("set VTF_CA_FILE"), "\(untrusted.stderr)")
        // A key others may read is refused before the service listens.
        chmod(fund.dir + "/tls.key", 0o644)
        let open = try fund.vtf(["serve", "--listen", "127.0.0.1:0", "--tls-cert", "tls.crt", "--tls-key", "tls.key"], as: nil)
        #expect(open.status == 2)
        #expect(open.stderr.contains("chmod 600"), "\(open.stderr)")
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

/// `--ledger http://…` (issue 15 point 2, read side): commands read a mirror that each run
/// brings up to the service's latest checkpoint, checking every entry and checkpoint; their
/// output is the local ledger's; a service serving a changed entry is refused (exit 1) and the
/// mirror keeps what it had.
@Suite struct ServiceLedgerTests {
    static func run(_ fund: TestLedger, _ arguments: [String], key: String?, mirrors: String) throws -> CLI.Result {
        var environment = ["VTF_MIRROR_DIR": mirrors]
        if let key { environment["VTF_KEY"] = fund.key(key) }
        return try CLI.vtf(arguments, in: fund.dir, environment: environment)
    }

    /// Changes `from` to `to` in the last entry's signed bytes, as someone with the database's
    /// file (not the signers' keys) could.
    static func forge(_ ledger: String, _ from: String, _ to: String) throws {
        let queue = try DatabaseQueue(path: ledger)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER journal_no_update")
            let seq = try #require(try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal"))
            let body = try #require(try String.fetchOne(db, sql: "SELECT CAST(body AS TEXT) FROM journal WHERE seq = ?", arguments: [seq]))
            #expect(body.contains(from))
            try db.execute(sql: "UPDATE journal SET body = ? WHERE seq = ?", arguments: [Data(body.replacingOccurrences(of: from, with: to).utf8), seq])
        }
    }

    @Test func readCommandsThroughAServiceSayWhatTheyDoOnTheFile() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        try fund.post(["1100:100.00", "4100:-100.00"], ref: "R-1")
        let (process, base, _) = try ServeCommandTests.start(fund)
        defer { if process.isRunning { process.terminate() } }
        let mirrors = fund.dir + "/mirrors"
        for arguments in [["verify"], ["balance"], ["journal", "export"], ["prove", "inclusion", "3"], ["checkpoint"]] {
            let local = try fund.vtf(arguments + ["--ledger", fund.ledger], as: nil)
            let remote = try Self.run(fund, arguments + ["--ledger", base], key: "auditor", mirrors: mirrors)
            #expect(remote.status == 0, "\(arguments): \(remote.stderr)")
            #expect(remote.stdout == local.stdout, "\(arguments)")
            #expect(!remote.stdout.isEmpty)
        }
        // A new entry on the served ledger reaches the mirror at the next command.
        try fund.post(["1100:25.00", "4100:-25.00"], ref: "R-2")
        let local = try fund.vtf(["journal", "export", "--ledger", fund.ledger], as: nil)
        let remote = try Self.run(fund, ["journal", "export", "--ledger", base], key: "alice", mirrors: mirrors)
        #expect(remote.stdout == local.stdout)
        #expect(remote.stdout.split(separator: "\n").count == local.stdout.split(separator: "\n").count)
        // The mirror is kept where VTF_MIRROR_DIR says, in a folder only its owner reads.
        let attributes = try FileManager.default.attributesOfItem(atPath: mirrors)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
    }

    @Test func commandsStartedTogetherShareOneMirror() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        for number in 1...30 { try fund.post(["1100:\(number).00", "4100:-\(number).00"], ref: "C-\(number)") }
        let (process, base, _) = try ServeCommandTests.start(fund)
        defer { if process.isRunning { process.terminate() } }
        let mirrors = fund.dir + "/mirrors"
        let local = try fund.vtf(["verify", "--ledger", fund.ledger], as: nil).stdout
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            results.add(Result { try Self.run(fund, ["verify", "--ledger", base], key: "auditor", mirrors: mirrors) })
        }
        for result in results.all {
            let run = try result.get()
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == local)
        }
        #expect(results.all.count == 3)
    }

    @Test func aKeyTheLedgerDoesNotHoldGetsNothing() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let (process, base, _) = try ServeCommandTests.start(fund)
        defer { if process.isRunning { process.terminate() } }
        let outsider = try Self.run(fund, ["verify", "--ledger", base], key: "outsider", mirrors: fund.dir + "/m1")
        #expect(outsider.status == 2, "\(outsider.stderr)")
        #expect(outsider.stderr.contains("not registered"), "\(outsider.stderr)")
        let noKey = try Self.run(fund, ["verify", "--ledger", base], key: nil, mirrors: fund.dir + "/m2")
        #expect(noKey.status == 2)
        #expect(noKey.stderr.contains("set VTF_KEY"), "\(noKey.stderr)")
        let write = try Self.run(fund, ["post", "--ledger", base, "--date", "2026-02-01", "--memo", "x", "--posting", "1100:1.00", "--posting", "4100:-1.00"], key: "alice", mirrors: fund.dir + "/m3")
        #expect(write.status == 2)
        #expect(write.stderr.contains("this service records nothing"), "\(write.stderr)")
        let nobody = try Self.run(fund, ["verify", "--ledger", "http://127.0.0.1:1"], key: "alice", mirrors: fund.dir + "/m5")
        #expect(nobody.status == 3)
        #expect(nobody.stderr.contains("nothing answers there (connection refused)"), "\(nobody.stderr)")
        for url in ["http://example.org", "https://host/path", "https://user@host", "ftp://host", "https://host:99999"] {
            let refused = try Self.run(fund, ["verify", "--ledger", url], key: "alice", mirrors: fund.dir + "/m4")
            #expect(refused.status == 2, "\(url): \(refused.stderr)")
        }
    }

    @Test func aServiceThatChangedAnEntryIsRefusedAndTheMirrorKeepsWhatItHad() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let mirrors = fund.dir + "/mirrors"
        let (process, base, _) = try ServeCommandTests.start(fund)
        defer { if process.isRunning { process.terminate() } }
        let first = try Self.run(fund, ["verify", "--ledger", base], key: "auditor", mirrors: mirrors)
        #expect(first.status == 0, "\(first.stderr)")
        let held = first.stdout
        try fund.post(["1100:100.00", "4100:-100.00"], memo: "honest", ref: "R-1")
        // The service's store is changed behind its back: the new entry's memo, signature kept.
        try Self.forge(fund.ledger, "honest", "forged")
        let refused = try Self.run(fund, ["verify", "--ledger", base], key: "auditor", mirrors: mirrors)
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("do not check"), "\(refused.stderr)")
        // The mirror still holds, and verifies, what it had.
        let mirror = try #require(try FileManager.default.contentsOfDirectory(atPath: mirrors).first { $0.hasSuffix(".ledger") })
        let kept = try fund.vtf(["verify", "--ledger", mirrors + "/" + mirror], as: nil)
        #expect(kept.status == 0)
        #expect(kept.stdout == held)
    }
}

/// Results gathered from several threads.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<CLI.Result, any Error>] = []

    func add(_ result: Result<CLI.Result, any Error>) { lock.withLock { results.append(result) } }
    var all: [Result<CLI.Result, any Error>] { lock.withLock { results } }
}

/// Recording through `vtf serve --log-key` (issue 15 points 2 and 4): the entry is drafted and
/// signed on the person's machine against their mirror, the service checks it again and signs
/// the checkpoint; a race is drafted again unseen; refusals read as on the file.
@Suite struct RecordThroughServiceTests {
    @Test func anEntryRecordedThroughTheServiceIsTheSignersAndTheLedgerVerifies() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let (process, base, _) = try ServeCommandTests.start(fund, recording: true)
        defer { if process.isRunning { process.terminate() } }
        let mirrors = fund.dir + "/mirrors"
        let before = try fund.vtf(["journal", "export", "--ledger", fund.ledger], as: nil).stdout.split(separator: "\n").count
        let posted = try ServiceLedgerTests.run(
            fund, ["post", "--ledger", base, "--date", "2026-02-01", "--memo", "through the service", "--ref", "S-1", "--posting", "1100:100.00", "--posting", "4100:-100.00"],
            key: "alice", mirrors: mirrors)
        #expect(posted.status == 0, "\(posted.stderr)")
        let verified = try fund.vtf(["verify", "--ledger", fund.ledger], as: nil)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let lines = try fund.vtf(["journal", "export", "--ledger", fund.ledger], as: nil).stdout.split(separator: "\n")
        #expect(lines.count == before + 1)
        #expect(lines.last?.contains(#""memo":"through the service""#) == true)
        // Signed by alice's own key (the service holds none of the people's keys).
        let keys = try fund.vtf(["key", "list", "--ledger", fund.ledger], as: nil).stdout
        let aliceRow = try #require(keys.split(separator: "\n").first { $0.contains(" alice ") })
        let aliceID = String(aliceRow.prefix { $0 != "…" && $0 != " " })
        #expect(lines.last?.contains(#""signer":"\#(aliceID)"#) == true, "\(aliceID)")
        // Read back through the service, the mirror says what the file says.
        let local = try fund.vtf(["balance", "--ledger", fund.ledger], as: nil).stdout
        let remote = try ServiceLedgerTests.run(fund, ["balance", "--ledger", base], key: "auditor", mirrors: fund.dir + "/other")
        #expect(remote.stdout == local)
    }

    @Test func twoPeopleRecordingAtOnceBothGetTheirEntry() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let (process, base, _) = try ServeCommandTests.start(fund, recording: true)
        defer { if process.isRunning { process.terminate() } }
        let results = ResultBox()
        // Two of them share one mirror (one person in two terminals), two have their own.
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            let who = index % 2 == 0 ? "alice" : "bruno"
            results.add(Result {
                try ServiceLedgerTests.run(
                    fund, ["post", "--ledger", base, "--date", "2026-02-01", "--memo", "race \(index)", "--ref", "RACE-\(index)", "--posting", "1100:1.00", "--posting", "4100:-1.00"],
                    key: who, mirrors: fund.dir + (index < 2 ? "/shared-mirror" : "/mirror-\(index)"))
            })
        }
        for result in results.all {
            let run = try result.get()
            #expect(run.status == 0, "\(run.stderr)")
        }
        let journal = try fund.vtf(["journal", "export", "--ledger", fund.ledger], as: nil).stdout
        for index in 0..<4 { #expect(journal.contains("\"RACE-\(index)\"")) }
        #expect(try fund.vtf(["verify", "--ledger", fund.ledger], as: nil).status == 0)
    }

    @Test func anAuditorCosignsThroughTheServiceWithTheirOwnKey() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let (process, base, _) = try ServeCommandTests.start(fund, recording: true)
        defer { if process.isRunning { process.terminate() } }
        let cosigned = try ServiceLedgerTests.run(fund, ["checkpoint", "cosign", "--ledger", base, "--name", "test.example/boa"], key: "auditor", mirrors: fund.dir + "/m")
        #expect(cosigned.status == 0, "\(cosigned.stderr)")
        let stored = try fund.vtf(["checkpoint", "--ledger", fund.ledger], as: nil).stdout
        #expect(stored.contains("— test.example/boa "), "\(stored)")
        let verified = try fund.vtf(["verify", "--ledger", fund.ledger], as: nil)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        // Not an auditor: refused, nothing stored.
        let refused = try ServiceLedgerTests.run(fund, ["checkpoint", "cosign", "--ledger", base, "--name", "test.example/alice"], key: "alice", mirrors: fund.dir + "/m2")
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(!(try fund.vtf(["checkpoint", "--ledger", fund.ledger], as: nil).stdout.contains("test.example/alice")))
    }

    @Test func anImportThroughTheServiceIsOneSubmission() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let (process, base, _) = try ServeCommandTests.start(fund, recording: true)
        defer { if process.isRunning { process.terminate() } }
        let line = { (number: Int) in
            #"{"date":"2026-02-01","memo":"import \#(number)","ref":"IMP-\#(number)","postings":[{"account":"1100","amount":"\#(number).00","currency":"USD"},{"account":"4100","amount":"-\#(number).00","currency":"USD"}]}"#
        }
        try (1...40).map(line).joined(separator: "\n").appending("\n").write(toFile: fund.dir + "/v.jsonl", atomically: true, encoding: .utf8)
        let before = try fund.vtf(["journal", "export", "--ledger", fund.ledger], as: nil).stdout.split(separator: "\n").count
        let imported = try ServiceLedgerTests.run(fund, ["import", "--ledger", base, "--file", "v.jsonl"], key: "alice", mirrors: fund.dir + "/m")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try fund.vtf(["journal", "export", "--ledger", fund.ledger], as: nil).stdout.split(separator: "\n").count == before + 40)
        #expect(try fund.vtf(["verify", "--ledger", fund.ledger], as: nil).status == 0)
        // One bad line: nothing of the file is recorded.
        try ((41...45).map(line) + [line(46).replacingOccurrences(of: "-46.00", with: "-45.00")]).joined(separator: "\n").appending("\n")
            .write(toFile: fund.dir + "/bad.jsonl", atomically: true, encoding: .utf8)
        let bytes = try fund.fileBytes()
        let refused = try ServiceLedgerTests.run(fund, ["import", "--ledger", base, "--file", "bad.jsonl"], key: "alice", mirrors: fund.dir + "/m")
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(try fund.fileBytes() == bytes)
    }

    @Test func aRefusalReadsAsOnTheFileAndRecordsNothing() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let (process, base, _) = try ServeCommandTests.start(fund, recording: true)
        defer { if process.isRunning { process.terminate() } }
        let unbalanced = ["post", "--date", "2026-02-01", "--memo", "x", "--posting", "1100:100.00", "--posting", "4100:-99.00"]
        let before = try fund.fileBytes()
        let local = try fund.vtf(unbalanced + ["--ledger", fund.ledger])
        let remote = try ServiceLedgerTests.run(fund, unbalanced + ["--ledger", base], key: "alice", mirrors: fund.dir + "/mirrors")
        #expect(local.status == 2)
        #expect(remote.status == local.status)
        #expect(remote.stderr == local.stderr)
        #expect(try fund.fileBytes() == before)
    }
}

/// Two services over one PostgreSQL ledger (issue 15 point 1: stateless over PostgreSQL, so
/// several instances behind a load balancer serve one ledger): people recording through either
/// at once leave one chain.
@Suite struct ServicesOverPostgresTests {
    @Test(.enabled(if: TestPostgres.enabled))
    func twoServicesOnOneLedgerLeaveOneChain() async throws {
        let dir = try PostgresCommandTests.keys()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = try TestPostgres.ledger("served")
        _ = try PostgresCommandTests.smallYear(on: ledger, keys: dir)
        let (first, firstBase, _) = try ServeCommandTests.start(ledger: ledger, in: dir, more: ["--log-key", dir + "/log.pem"])
        defer { if first.isRunning { first.terminate() } }
        let (second, secondBase, _) = try ServeCommandTests.start(ledger: ledger, in: dir, more: ["--log-key", dir + "/log.pem"])
        defer { if second.isRunning { second.terminate() } }
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 6) { index in
            results.add(Result {
                try CLI.vtf(
                    ["post", "--ledger", index % 2 == 0 ? firstBase : secondBase, "--date", "2026-04-01", "--memo", "both \(index)", "--ref", "PG-\(index)",
                     "--posting", "1100:1.00", "--posting", "4100:-1.00"],
                    in: dir, environment: ["VTF_KEY": dir + "/alice.pem", "VTF_MIRROR_DIR": dir + "/mirror-\(index)"])
            })
        }
        for result in results.all {
            let run = try result.get()
            #expect(run.status == 0, "\(run.stderr)")
        }
        let verified = try CLI.vtf(["verify", "--ledger", ledger], in: dir)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.hasPrefix("ok: 13 entries"), "\(verified.stdout)")
        let journal = try CLI.vtf(["journal", "export", "--ledger", ledger], in: dir).stdout
        for index in 0..<6 { #expect(journal.contains("\"PG-\(index)\"")) }
    }
}

/// The donor role (issue 15 points 3 and 4): a donor's own key, bound to the donor by its
/// holder, fetches that donor's statement, signed by the service with the log key it alone
/// holds; it reads nothing else and records nothing.
@Suite struct DonorThroughServiceTests {
    @Test func aDonorsKeyGetsItsOwnSignedStatementAndNothingElse() async throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let dir = fund.base.dir
        try fund.base.expectOK(["key", "generate", "--out", dir + "/bel.pem", "--name", "Belgium (donor)"])
        let register = ["key", "register", "--ledger", fund.base.ledger, "--key", fund.base.key("admin"), "--public-key", dir + "/bel.pem.pub", "--role", "donor", "--date", "2026-02-01"]
        // Bound to a donor the ledger knows, and alone in its roles.
        try fund.refused(register + ["--holder", "NOBODY"], as: "admin", containing: "no donor has the id \"NOBODY\"")
        try fund.refused(register + ["--holder", "BEL", "--role", "auditor"], as: "admin", containing: "holds the role donor alone")
        try fund.base.expectOK(register + ["--holder", "BEL"])
        let (process, base, _) = try ServeCommandTests.start(ledger: fund.base.ledger, in: dir, more: ["--log-key", fund.base.key("log")])
        defer { if process.isRunning { process.terminate() } }
        let asDonor = ["VTF_KEY": dir + "/bel.pem", "VTF_MIRROR_DIR": dir + "/mirrors"]
        let fetched = try CLI.vtf(["statement", "--ledger", base, "--donor", "BEL", "--from", "2026-01-01", "--to", "2026-12-31", "--out", "bel.json"], in: dir, environment: asDonor)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let vkey = try fund.base.vtf(["log", "vkey", "--ledger", fund.base.ledger], as: nil).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let checked = try fund.base.vtf(["statement", "verify", dir + "/bel.json", "--vkey", vkey], as: nil)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("donor BEL"), "\(checked.stdout)")
        // The statement the fund makes from the file says the same figures.
        let local = try fund.base.vtf(["statement", "verify", try Self.localStatement(fund), "--vkey", vkey], as: nil)
        #expect(local.stdout.split(separator: "\n").dropFirst().first == checked.stdout.split(separator: "\n").dropFirst().first)
        for arguments in [
            ["statement", "--ledger", base, "--donor", "NOR", "--out", "nor.json"],
            ["verify", "--ledger", base],
            ["post", "--ledger", base, "--date", "2026-02-01", "--memo", "x", "--posting", "1100:1.00", "--posting", "4100:-1.00"],
        ] {
            let refused = try CLI.vtf(arguments, in: dir, environment: asDonor)
            #expect(refused.status == 2, "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.contains("(403)"), "\(arguments): \(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/nor.json"))
    }

    @Test func severalEntriesAtOnceGoThroughTheServiceAsOneWrite() async throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let dir = fund.base.dir
        let (process, base, _) = try ServeCommandTests.start(ledger: fund.base.ledger, in: dir, more: ["--log-key", fund.base.key("log")])
        defer { if process.isRunning { process.terminate() } }
        let before = try fund.base.vtf(["journal", "export", "--ledger", fund.base.ledger], as: nil).stdout.split(separator: "\n").count
        try "effective,currency,rate\n2026-04-01,EUR,0.9100\n2026-05-01,EUR,0.9200\n2026-06-01,EUR,0.9300\n".write(toFile: dir + "/rates.csv", atomically: true, encoding: .utf8)
        let set = try CLI.vtf(["rates", "import", "--ledger", base, "rates.csv"], in: dir,
                              environment: ["VTF_KEY": fund.base.key("maria"), "VTF_MIRROR_DIR": dir + "/mirrors"])
        #expect(set.status == 0, "\(set.stderr)")
        let journal = try fund.base.vtf(["journal", "export", "--ledger", fund.base.ledger], as: nil).stdout
        #expect(journal.split(separator: "\n").count == before + 3)
        #expect(try fund.base.vtf(["verify", "--ledger", fund.base.ledger], as: nil).status == 0)
        // The checkpoint the service signed covers the three at once: one write.
        let sizes = try fund.base.vtf(["checkpoint", "--ledger", fund.base.ledger], as: nil).stdout
        #expect(sizes.contains("\n\(before + 3)\n"), "\(sizes)")
    }

    /// Requests recorded at the same moment without a ref, on the file and through the service:
    /// each gets its own `SET-YEAR-NNNN`, numbered inside the write (before, the refs were drawn
    /// before the write and all but one of the people who drew together were refused).
    @Test func requestsRecordedAtOnceWithoutARefEachGetTheirOwn() async throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let dir = fund.base.dir
        let (process, base, _) = try ServeCommandTests.start(ledger: fund.base.ledger, in: dir, more: ["--log-key", fund.base.key("log")])
        defer { if process.isRunning { process.terminate() } }
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let ledger = index % 2 == 0 ? fund.base.ledger : base
            results.add(Result {
                try CLI.vtf(
                    ["setting", "change", "psc_rate", "\(7 + index % 3)", "--from", "2026-09-01", "--date", "2026-08-01", "--ledger", ledger], in: dir,
                    environment: ["VTF_KEY": fund.base.key("maria"), "VTF_LOG_KEY": fund.base.key("log"), "VTF_MIRROR_DIR": dir + "/mirror-\(index)"])
            })
        }
        var refs: [String] = []
        for result in results.all {
            let run = try result.get()
            #expect(run.status == 0, "\(run.stderr)")
            refs += run.stdout.split(separator: "\n").compactMap { line in
                line.contains("REF ") ? line.split(separator: " ").dropFirst().first.map(String.init) : nil
            }
        }
        #expect(refs.count == 8)
        #expect(Set(refs).count == 8, "\(refs)")
        #expect(refs.allSatisfy { $0.hasPrefix("SET-2026-") }, "\(refs)")
        #expect(try fund.base.vtf(["verify", "--ledger", fund.base.ledger], as: nil).status == 0)
    }

    static func localStatement(_ fund: FundLedger) throws -> String {
        let path = fund.base.dir + "/bel-local.json"
        let made = try fund.base.vtf(["statement", "--ledger", fund.base.ledger, "--donor", "BEL", "--from", "2026-01-01", "--to", "2026-12-31", "--out", path], as: nil,
                                     environment: ["VTF_LOG_KEY": fund.base.key("log")])
        #expect(made.status == 0, "\(made.stderr)")
        return path
    }
}
