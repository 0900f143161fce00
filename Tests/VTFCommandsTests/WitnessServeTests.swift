import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Witnesses over the network (issue 15 point 6): `vtf witness serve` answers C2SP tlog-witness
/// `add-checkpoint`; `vtf serve --witness URL` sends it each new checkpoint with the consistency
/// proof from the size it cosigned last and stores the cosignature it returns, which `vtf
/// checkpoint show` and the public `/checkpoint` then carry. A service showing a forked history
/// gets nothing from the witness.
@Suite struct WitnessServeTests {
    static let name = "test.example/boa"

    /// Waits up to ten seconds for `condition`.
    static func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<100 {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    static func copyLedger(_ from: String, to: String) throws {
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: from + suffix) {
            try FileManager.default.copyItem(atPath: from + suffix, toPath: to + suffix)
        }
    }

    @Test func theServiceSendsEachCheckpointToItsWitnessAndAForkGetsNothing() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        // A copy of the ledger as it is now, to become a forked history later.
        let fork = fund.dir + "/fork.ledger"
        try Self.copyLedger(fund.ledger, to: fork)
        let vkey = try fund.vtf(["log", "vkey", "--ledger", fund.ledger], as: nil).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let (witness, witnessURL, _) = try ServeCommandTests.launch(
            ["witness", "serve", "--key", fund.key("auditor"), "--name", Self.name, "--log-vkey", vkey, "--listen", "127.0.0.1:0"],
            in: fund.dir, ready: "witnessing http")
        defer { if witness.isRunning { witness.terminate() } }
        let (service, base, _) = try ServeCommandTests.start(fund, recording: true, more: ["--witness", witnessURL])
        defer { if service.isRunning { service.terminate() } }
        let posted = try ServiceLedgerTests.run(
            fund, ["post", "--ledger", base, "--date", "2026-02-01", "--memo", "honest", "--posting", "1100:2.00", "--posting", "4100:-2.00"],
            key: "alice", mirrors: fund.dir + "/mirrors")
        #expect(posted.status == 0, "\(posted.stderr)")
        let size = try fund.vtf(["journal", "export", "--ledger", fund.ledger], as: nil).stdout.split(separator: "\n").count
        func show() throws -> String { try fund.vtf(["checkpoint", "show", "--ledger", fund.ledger], as: nil).stdout }
        let cosigned = try Self.eventually { try show().hasPrefix("test.example/vtf\n\(size)\n") && show().contains("\n— \(Self.name) ") }
        let shown = try show()
        #expect(cosigned, "\(shown)")
        let state = try String(contentsOfFile: fund.key("auditor") + ".witness.json", encoding: .utf8)
        #expect(state.contains("\"size\" : \(size)"), "\(state)")
        // The public checkpoint carries it, and the ledger with it verifies.
        let (status, published) = try await ServeCommandTests.get(base + "/checkpoint")
        #expect(status == 200 && published.contains("\n— \(Self.name) "), "\(published)")
        let verified = try fund.vtf(["verify", "--ledger", fund.ledger], as: nil)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

        // The fork: the same history up to the copy, then another entry at the same seq.
        let forked = try CLI.vtf(
            ["post", "--ledger", fork, "--date", "2026-02-01", "--memo", "forked", "--posting", "1100:9.00", "--posting", "4100:-9.00"],
            in: fund.dir, environment: ["VTF_KEY": fund.key("alice"), "VTF_LOG_KEY": fund.key("log")])
        #expect(forked.status == 0, "\(forked.stderr)")
        let (forkService, forkBase, forkOut) = try ServeCommandTests.start(ledger: fork, in: fund.dir, more: ["--log-key", fund.key("log"), "--witness", witnessURL])
        defer { if forkService.isRunning { forkService.terminate() } }
        let forkLog = forkOut.replacingOccurrences(of: ".out", with: ".err")
        func logged() -> String { (try? String(contentsOfFile: forkLog, encoding: .utf8)) ?? "" }
        // Same size, another root: a split view, refused.
        #expect(Self.eventually { logged().contains("split view") }, "\(logged())")
        // One more entry on the fork, with the fork's proof from the size cosigned: rewritten.
        let more = try ServiceLedgerTests.run(
            fund, ["post", "--ledger", forkBase, "--date", "2026-02-02", "--memo", "forked again", "--posting", "1100:1.00", "--posting", "4100:-1.00"],
            key: "alice", mirrors: fund.dir + "/fork-mirrors")
        #expect(more.status == 0, "\(more.stderr)")
        #expect(Self.eventually { logged().contains("(422)") && logged().contains("history was rewritten") }, "\(logged())")
        let forkShow = try fund.vtf(["checkpoint", "show", "--ledger", fork], as: nil).stdout
        #expect(!forkShow.contains("— \(Self.name) "), "\(forkShow)")
        let after = try String(contentsOfFile: fund.key("auditor") + ".witness.json", encoding: .utf8)
        #expect(after == state, "the witness state moved for the fork")
    }

    @Test func aWitnessIsStartedWithTheLogKeyItTrustsAndRefusesBadRequests() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let refused = try CLI.vtf(["witness", "serve", "--key", fund.key("auditor"), "--name", Self.name, "--listen", "127.0.0.1:0"], in: fund.dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--log-vkey"), "\(refused.stderr)")
        let vkey = try fund.vtf(["log", "vkey", "--ledger", fund.ledger], as: nil).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let (witness, witnessURL, _) = try ServeCommandTests.launch(
            ["witness", "serve", "--key", fund.key("auditor"), "--name", Self.name, "--log-vkey", vkey, "--listen", "127.0.0.1:0"],
            in: fund.dir, ready: "witnessing http")
        defer { if witness.isRunning { witness.terminate() } }
        // A second witness on the same state file, served or cosigning, is refused while it runs.
        let second = try CLI.vtf(["witness", "serve", "--key", fund.key("auditor"), "--name", Self.name, "--log-vkey", vkey, "--listen", "127.0.0.1:0"], in: fund.dir)
        #expect(second.status == 2 && second.stderr.contains("another witness is using"), "\(second.stderr)")
        let cosign = try fund.vtf(["checkpoint", "cosign", "--ledger", fund.ledger, "--name", Self.name], as: "auditor")
        #expect(cosign.status == 2 && cosign.stderr.contains("another witness is using"), "\(cosign.stderr)")
        var request = URLRequest(url: URL(string: witnessURL + "/add-checkpoint")!)
        request.httpMethod = "POST"
        request.httpBody = Data("old 0\n\nnot a checkpoint\n".utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 400)
        #expect(String(decoding: data, as: UTF8.self).contains("not a signed checkpoint note"))
        request.httpBody = Data(repeating: 0x41, count: 70_000)
        let (_, large) = try await URLSession.shared.data(for: request)
        #expect((large as? HTTPURLResponse)?.statusCode == 400)
        #expect(!FileManager.default.fileExists(atPath: fund.key("auditor") + ".witness.json"))
        // A witness is only for a service that records (it alone has new checkpoints).
        let readOnly = try CLI.vtf(["serve", "--ledger", fund.ledger, "--listen", "127.0.0.1:0", "--witness", witnessURL], in: fund.dir)
        #expect(readOnly.status == 2 && readOnly.stderr.contains("--witness needs --log-key"), "\(readOnly.stderr)")
        let plain = try CLI.vtf(["serve", "--ledger", fund.ledger, "--log-key", fund.key("log"), "--listen", "127.0.0.1:0", "--witness", "http://witness.example.org"], in: fund.dir)
        #expect(plain.status == 2 && plain.stderr.contains("plain http reaches this machine only"), "\(plain.stderr)")
    }

    /// A witness whose key the ledger does not know as an auditor's cosigns, but nothing of it is
    /// stored, and the service's log says what the admin must do.
    @Test func aWitnessTheLedgerDoesNotKnowGetsNothingStored() async throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let vkey = try fund.vtf(["log", "vkey", "--ledger", fund.ledger], as: nil).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let (witness, witnessURL, _) = try ServeCommandTests.launch(
            ["witness", "serve", "--key", fund.key("outsider"), "--name", "outsider.example/w", "--log-vkey", vkey, "--listen", "127.0.0.1:0"],
            in: fund.dir, ready: "witnessing http")
        defer { if witness.isRunning { witness.terminate() } }
        let (service, _, out) = try ServeCommandTests.start(fund, recording: true, more: ["--witness", witnessURL])
        defer { if service.isRunning { service.terminate() } }
        let log = out.replacingOccurrences(of: ".out", with: ".err")
        func logged() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        #expect(Self.eventually { logged().contains("none of its lines verifies by a registered auditor key") }, "\(logged())")
        let shown = try fund.vtf(["checkpoint", "show", "--ledger", fund.ledger], as: nil).stdout
        #expect(!shown.contains("outsider.example/w"), "\(shown)")
    }
}
