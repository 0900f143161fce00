import AuditFixtures
import Foundation
import HTTPMessageSignatures
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerServer
import LedgerStore
import SQLiteStore
import Testing
import TransparencyLog

/// The ledger service over the golden ledger (18 entries; alice a fund manager, bruno revoked,
/// audrey an auditor, the intruder never registered), through Hummingbird's router test client.
@Suite struct LedgerServiceTests {
    let folder: String
    let ledger: LedgerFile
    let now = 1_790_000_000

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        ledger = try AuditFixtures.goldenLedger(at: folder + "/golden.ledger")
    }

    func withClient(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let service = LedgerService(store: ledger.store, now: { [now] in now })
        let app = Application(router: service.router())
        try await app.test(.router) { client in try await test(client) }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The headers of a request to `target` signed by `key` at `created`, covering what the
    /// service requires (or `components`).
    func signed(_ target: String, by key: Ed25519PrivateKey, created: Int? = nil, components: [String] = SignedRequests.required) throws -> HTTPFields {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        let request = HTTPRequestParts(method: "GET", scheme: "http", authority: "localhost", path: parts[0], query: parts.count > 1 ? parts[1] : nil, headers: [])
        let fields = try MessageSigner.sign(
            request, label: "vtf",
            parameters: SignatureParameters(components: components, created: created ?? now, keyID: key.publicKey.keyID, algorithm: "ed25519"),
            key: key)
        var headers = HTTPFields()
        headers[HTTPField.Name("Signature-Input")!] = fields.signatureInput
        headers[HTTPField.Name("Signature")!] = fields.signature
        return headers
    }

    static func json(_ response: TestResponse) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        return (object ?? [:]).compactMapValues { $0 as? String }
    }

    /// RFC 6962's Merkle tree hash, written here again so the test does not trust vtf's.
    static func treeHash(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.count == 1 { return leaves.first! }
        var split = 1
        while split * 2 < leaves.count { split *= 2 }
        let left = treeHash(leaves.prefix(split)), right = treeHash(leaves.dropFirst(split))
        return SHA256.hash([0x01] + left + right).bytes
    }

    @Test func theCheckpointIsTheLogsSignedNoteWithItsCosignatures() async throws {
        let vkey = try ledger.logVerifierKey()
        try await withClient { client in
            try await client.execute(uri: "/checkpoint", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                let checkpoint = try LogCheckpoint(note: text, verifier: NoteVerifier(verifierKey: vkey)).checkpoint
                #expect(checkpoint.size == 18)
                #expect(text.contains("— \(AuditFixtures.witnessName) "))
            }
        }
    }

    /// A path served with other methods answers 405 naming them in `Allow`; an unknown path 404;
    /// both as the service's JSON refusals. A limit or a number beyond what the API states is a 400.
    @Test func unservedMethodsAndPathsAreRefusedAsHTTPSays() async throws {
        try await withClient { client in
            try await client.execute(uri: "/v1/entries", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
                let body = try Self.json(response)
                #expect(body["error"] == "method-not-allowed")
            }
            try await client.execute(uri: "/checkpoint", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
            try await client.execute(uri: "/tile/0/000", method: .put) { response in
                #expect(response.status == .methodNotAllowed)
            }
            try await client.execute(uri: "/v1/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try Self.json(response)
                #expect(body["error"] == "not-found")
            }
            let alice = AuditFixtures.alice
            for target in ["/v1/checkpoints?limit=4097", "/v1/journal?from=9223372036854775808&to=1"] {
                try await client.execute(uri: target, method: .get, headers: try signed(target, by: alice)) { response in
                    #expect(response.status == .badRequest, "\(target)")
                }
            }
        }
    }

    @Test func hashTilesAndEntryBundlesRebuildTheSignedRoot() async throws {
        let vkey = try ledger.logVerifierKey()
        let headers = try signed("/tile/entries/000.p/18", by: AuditFixtures.auditor)
        try await withClient { client in
            let note = try await client.execute(uri: "/checkpoint", method: .get) { String(buffer: $0.body) }
            let checkpoint = try LogCheckpoint(note: note, verifier: NoteVerifier(verifierKey: vkey)).checkpoint
            let tile = try await client.execute(uri: "/tile/0/000.p/18", method: .get) { response in
                #expect(response.status == .ok)
                return [UInt8](buffer: response.body)
            }
            #expect(tile.count == 18 * 32)
            let leaves = stride(from: 0, to: tile.count, by: 32).map { Array(tile[$0..<($0 + 32)]) }
            #expect(Self.treeHash(leaves[...]) == checkpoint.rootHash.bytes)
            let bundle = try await client.execute(uri: "/tile/entries/000.p/18", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                return [UInt8](buffer: response.body)
            }
            let entries = try TileData.entries(ofBundle: bundle)
            #expect(entries.map { SHA256.hash([0x00] + $0).bytes } == leaves)
        }
    }

    @Test func aTileOfLevelOneHoldsTheRootsOfEach256Leaves() async throws {
        let alice = WriteKeys(author: AuditFixtures.alice, log: AuditFixtures.log)
        let day = try LedgerDate(parsing: "2026-03-31")
        let drafts = try (0..<500).map { number in
            EntryDraft(kind: .voucher, date: day, ref: "T-\(number)", memo: "tile test \(number)", postings: [
                Posting(account: try AccountCode("5100"), amount: try Amount(parsing: "1.00", currency: .usd, mode: .exact), value: try Amount(parsing: "1.00", currency: .usd, mode: .exact)),
                Posting(account: try AccountCode("1100"), amount: try Amount(parsing: "-1.00", currency: .usd, mode: .exact), value: try Amount(parsing: "-1.00", currency: .usd, mode: .exact)),
            ])
        }
        try ledger.append(drafts, keys: alice)
        #expect(try ledger.entryCount() == 518)
        try await withClient { client in
            var leaves: [[UInt8]] = []
            for path in ["/tile/0/000", "/tile/0/001", "/tile/0/002.p/6"] {
                let tile = try await client.execute(uri: path, method: .get) { [UInt8](buffer: $0.body) }
                leaves += stride(from: 0, to: tile.count, by: 32).map { Array(tile[$0..<($0 + 32)]) }
            }
            #expect(leaves.count == 518)
            let level1 = try await client.execute(uri: "/tile/1/000.p/2", method: .get) { response in
                #expect(response.status == .ok)
                return [UInt8](buffer: response.body)
            }
            #expect(level1 == Self.treeHash(leaves[0..<256]) + Self.treeHash(leaves[256..<512]))
            try await client.execute(uri: "/tile/1/000.p/3", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func entriesNeedTheSignatureOfAKeyInForce() async throws {
        let intruder = try signed("/tile/entries/000.p/18", by: AuditFixtures.intruder)
        let revoked = try signed("/tile/entries/000.p/18", by: AuditFixtures.bruno)
        let stale = try signed("/tile/entries/000.p/18", by: AuditFixtures.alice, created: now - 3600)
        let otherPage = try signed("/v1/journal?from=0&to=1", by: AuditFixtures.alice)
        let pathOnly = try signed("/v1/journal?from=0&to=18", by: AuditFixtures.alice, components: ["@method", "@path"])
        try await withClient { client in
            for (uri, headers, code, words) in [
                ("/tile/entries/000.p/18", HTTPFields(), "unauthenticated", "not signed"),
                ("/tile/entries/000.p/18", intruder, "unknown-key", "not registered"),
                ("/tile/entries/000.p/18", revoked, "unknown-key", "revoked"),
                ("/tile/entries/000.p/18", stale, "unauthenticated", "3600 s ago"),
                ("/v1/journal?from=0&to=18", otherPage, "unauthenticated", "does not verify"),
                ("/v1/journal?from=0&to=18", pathOnly, "unauthenticated", "does not cover @authority"),
            ] {
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized, "\(uri) \(code)")
                    let body = try Self.json(response)
                    #expect(body["error"] == code)
                    #expect(body["message"]?.contains(words) == true, "\(body)")
                }
            }
        }
    }

    @Test func theJournalIsServedAsJournalExportWritesIt() async throws {
        var lines: [UInt8] = []
        for line in try await ledger.store.exportLines(3..<18) { lines += line + [0x0A] }
        let expected = lines
        let page = try signed("/v1/journal?from=3&to=18", by: AuditFixtures.alice)
        let beyond = try signed("/v1/journal?from=3&to=19", by: AuditFixtures.alice)
        let twice = try signed("/v1/journal?from=3&from=4", by: AuditFixtures.alice)
        let sign = try signed("/v1/journal?from=-1", by: AuditFixtures.alice)
        try await withClient { client in
            try await client.execute(uri: "/v1/journal?from=3&to=18", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                #expect([UInt8](buffer: response.body) == expected)
            }
            for (uri, headers) in [("/v1/journal?from=3&to=19", beyond), ("/v1/journal?from=3&from=4", twice), ("/v1/journal?from=-1", sign)] {
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    let body = try Self.json(response)
                    #expect(body["error"] == "bad-request")
                }
            }
        }
    }

    @Test func proofsAreServedAsVtfProvePrintsThem() async throws {
        let inclusion = try ledger.inclusionProof(seq: 5, size: 18)
        let expected = try ProofDocuments.inclusion(seq: 5, treeSize: 18, leafHash: inclusion.leafHash, path: inclusion.path) + "\n"
        let consistency = try ProofDocuments.consistency(oldSize: 7, newSize: 18, path: try ledger.consistencyProof(oldSize: 7, newSize: 18)) + "\n"
        let signedInclusion = try signed("/v1/proof/inclusion?seq=5", by: AuditFixtures.auditor)
        let signedConsistency = try signed("/v1/proof/consistency?old=7&new=18", by: AuditFixtures.auditor)
        try await withClient { client in
            try await client.execute(uri: "/v1/proof/inclusion?seq=5", method: .get, headers: signedInclusion) { response in
                #expect(String(buffer: response.body) == expected)
            }
            try await client.execute(uri: "/v1/proof/consistency?old=7&new=18", method: .get, headers: signedConsistency) { response in
                #expect(String(buffer: response.body) == consistency)
            }
        }
    }

    @Test func tilesBeyondTheTreeOrMisspeltAreRefused() async throws {
        try await withClient { client in
            for (uri, status, code) in [
                ("/tile/0/000", HTTPResponse.Status.notFound, "not-found"),
                ("/tile/0/000.p/19", .notFound, "not-found"),
                ("/tile/0/0000", .badRequest, "bad-request"),
                ("/tile/0/000.p/256", .badRequest, "bad-request"),
                ("/tile/64/000", .badRequest, "bad-request"),
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    let body = try Self.json(response)
                    #expect(body["error"] == code, "\(uri)")
                }
            }
        }
    }

    @Test func healthAndMetrics() async throws {
        try await withClient { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(String(buffer: response.body) == "ok: 18 entries\n")
            }
            _ = try await client.execute(uri: "/tile/entries/000", method: .get)
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"vtf_http_requests_total{route="healthz",status="200"} 1"#))
                #expect(text.contains(#"vtf_http_requests_total{route="tile",status="401"} 1"#))
            }
        }
    }
}

/// `POST /v1/entries`: the service records only the next entry, signed by the key that signs
/// the request, recorded now, and checked by the rules; it changes nothing otherwise.
@Suite struct RecordingServiceTests {
    let folder: String
    let ledger: LedgerFile
    /// The next entry of the golden ledger, signed by alice (made on a copy of it).
    let next: SignedEntry
    /// The service's clock in every request: the second the entry was made. A real clock made
    /// the tests fail on a busy 2-core machine, where a test waited over five minutes for a
    /// thread between making its entry (or signing its request) and the service reading it.
    let madeAt: Int

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-record-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        ledger = try AuditFixtures.goldenLedger(at: folder + "/golden.ledger")
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: folder + "/golden.ledger" + suffix) {
            try FileManager.default.copyItem(atPath: folder + "/golden.ledger" + suffix, toPath: folder + "/copy.ledger" + suffix)
        }
        let copy = try LedgerFile.open(at: folder + "/copy.ledger", mode: .readWrite, rules: .unvtf)
        let amount = try Amount(parsing: "5.00", currency: .usd, mode: .exact)
        let minus = try Amount(parsing: "-5.00", currency: .usd, mode: .exact)
        next = try copy.append([EntryDraft(kind: .voucher, date: try LedgerDate(parsing: "2026-03-31"), ref: "NEXT-1", memo: "next", postings: [
            Posting(account: try AccountCode("5400"), amount: amount, value: amount), Posting(account: try AccountCode("1100"), amount: minus, value: minus),
        ])], keys: WriteKeys(author: AuditFixtures.alice, log: AuditFixtures.log))[0]
        madeAt = LedgerService.clock()
    }

    func line(_ entry: SignedEntry) throws -> [UInt8] {
        try JournalRows.exportLine(seq: entry.body.seq, body: entry.bodyBytes, signature: entry.signature) + [0x0A]
    }

    func post(
        _ body: [UInt8], by key: Ed25519PrivateKey, recording: Bool = true, clockOffset: Int = 0, turn: String? = nil, path: String = "/v1/entries"
    ) async throws -> (HTTPResponse.Status, String) {
        let service = LedgerService(
            store: ledger.store, writer: recording ? ledger.store : nil, logKey: recording ? AuditFixtures.log : nil,
            now: { [madeAt] in madeAt + clockOffset })
        let app = Application(router: service.router())
        let digest = ContentDigest.field(for: body)
        let parts = HTTPRequestParts(method: "POST", scheme: "http", authority: "localhost", path: path, query: nil, headers: [("content-digest", digest)])
        let fields = try MessageSigner.sign(parts, label: "vtf", parameters: SignatureParameters(
            components: SignedRequests.required + ["content-digest"], created: madeAt + clockOffset, keyID: key.publicKey.keyID, algorithm: "ed25519"), key: key)
        var headers = HTTPFields()
        headers[HTTPField.Name("Content-Digest")!] = digest
        headers[HTTPField.Name("Signature-Input")!] = fields.signatureInput
        headers[HTTPField.Name("Signature")!] = fields.signature
        if let turn { headers[HTTPField.Name("Vtf-Turn")!] = turn }
        let sent = headers
        return try await app.test(.router) { client in
            try await client.execute(uri: path, method: .post, headers: sent, body: ByteBuffer(bytes: body)) { response in
                (response.status, String(buffer: response.body))
            }
        }
    }

    /// A turn to record is for a key that records entries: an outside trial queued 300 turns
    /// with the auditor's key (see `RecordingTurnsTests` for one place per key).
    @Test func aTurnIsForAKeyThatRecords() async throws {
        let (auditor, why) = try await post([], by: AuditFixtures.auditor, path: "/v1/turn")
        #expect(auditor == .forbidden && why.contains("a turn to record is for a key that records entries"), "\(why)")
        let (alice, token) = try await post([], by: AuditFixtures.alice, path: "/v1/turn")
        #expect(alice == .ok && !token.isEmpty, "\(token)")
    }

    @Test func theNextEntrySignedByItsSenderIsRecordedWithACheckpointOfTheLogKey() async throws {
        let (status, note) = try await post(try line(next), by: AuditFixtures.alice)
        #expect(status == .created, "\(note)")
        #expect(try ledger.entryCount() == 19)
        #expect(try ledger.entry(at: 18)?.bodyBytes == next.bodyBytes)
        let checkpoint = try LogCheckpoint(note: note, verifier: NoteVerifier(verifierKey: ledger.logVerifierKey())).checkpoint
        #expect(checkpoint.size == 19)
        #expect(checkpoint.rootHash == (try ledger.root(size: 19)))
        #expect(try await ledger.store.verify(threads: 1).differences.isEmpty)
        // The same submission again is not the next entry any more: a conflict, nothing written.
        let (again, _) = try await post(try line(next), by: AuditFixtures.alice)
        #expect(again == .conflict)
        #expect(try ledger.entryCount() == 19)
    }

    @Test func whatTheServiceMustNotRecordChangesNothing() async throws {
        var badSignature = next.signature
        badSignature[0] ^= 1
        let forged = SignedEntry(body: next.body, bodyBytes: next.bodyBytes, signature: badSignature)
        let cases: [(String, [UInt8], Ed25519PrivateKey, Bool, HTTPResponse.Status)] = [
            ("a read-only service", try line(next), AuditFixtures.alice, false, .forbidden),
            ("another person's entry", try line(next), AuditFixtures.admin, true, .badRequest),
            ("a key that records nothing", try line(next), AuditFixtures.auditor, true, .forbidden),
            ("a bad signature", try line(forged), AuditFixtures.alice, true, .badRequest),
            ("not a journal line", Array("{\"kind\":\"voucher\"}\n".utf8), AuditFixtures.alice, true, .badRequest),
            ("an unregistered sender", try line(next), AuditFixtures.intruder, true, .unauthorized),
            ("an oversized body", [UInt8](repeating: 0x20, count: 9 << 20), AuditFixtures.alice, true, .badRequest),
            // The signature is checked before the body is read: a sender the ledger does not
            // know is refused as such, whatever it uploads (an outside trial held 150 unsigned
            // 8 MiB uploads open, over 1 GB of the service's memory).
            ("an oversized body from an unregistered sender", [UInt8](repeating: 0x20, count: 9 << 20), AuditFixtures.intruder, true, .unauthorized),
            ("an empty body", [], AuditFixtures.alice, true, .badRequest),
        ]
        for (what, body, key, recording, expected) in cases {
            let (status, message) = try await post(body, by: key, recording: recording)
            #expect(status == expected, "\(what): \(message)")
            #expect(try ledger.entryCount() == 18, "\(what)")
        }
        // An entry drafted against a journal this one never had (seq ahead): bad input, not a
        // conflict ("another entry came first" would be untrue).
        var aheadBody = next.body
        aheadBody.seq += 5
        let aheadBytes = try JournalVerifier.signableBytes(of: aheadBody, fundCurrency: .usd)
        let ahead = SignedEntry(body: aheadBody, bodyBytes: aheadBytes, signature: try AuditFixtures.alice.signature(for: aheadBytes))
        let early = try await post(try line(ahead), by: AuditFixtures.alice)
        #expect(early.0 == .badRequest && early.1.contains("ahead of the ledger, which holds 18 entries"), "\(early.1)")
        // A turn that is not the service's current one: a conflict, nothing written.
        let passed = try await post(try line(next), by: AuditFixtures.alice, turn: "not-a-turn")
        #expect(passed.0 == .conflict, "\(passed.1)")
        #expect(try ledger.entryCount() == 18)
        // Recorded an hour before the service's clock (the request itself signed on time): refused.
        let late = try await post(try line(next), by: AuditFixtures.alice, clockOffset: 3600)
        #expect(late.0 == .badRequest, "\(late.1)")
        #expect(late.1.contains("more than five minutes"), "\(late.1)")
        #expect(try ledger.entryCount() == 18)
    }
}
