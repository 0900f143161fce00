import AuditBundle
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import SQLiteStore
import Testing
import TransparencyLog

/// The witness as a library: what an auditor checks before cosigning a checkpoint, without the
/// command line. Every refusal leaves the state file and the ledger as they were.
@Suite("Witness cosigning")
struct WitnessTests {
    static let name = "test.example/boa"

    @Test func theFirstCosignatureTrustsTheLogKeyAndTheNextExtendsIt() async throws {
        let log = try WitnessLedger()
        defer { log.remove() }
        let first = try await log.cosign()
        #expect(first.trustedOnFirstUse == (try log.file.logVerifierKey()))
        #expect(first.note.contains("\n— \(Self.name) "))
        #expect(first.witnessVerifierKey == Cosignature.verifierKey(name: Self.name, publicKey: WitnessLedger.auditor.publicKey))
        let state = try #require(try WitnessState.load(log.statePath))
        #expect(state.size == first.size && state.origin == "witness.test/ledger")
        try log.post()
        let second = try await log.cosign()
        #expect(second.trustedOnFirstUse == nil && second.size == first.size + 1)
        #expect(try WitnessState.load(log.statePath)?.size == second.size)
    }

    @Test func aCheckpointNotSignedByTheTrustedLogKeyIsRefused() async throws {
        let log = try WitnessLedger()
        defer { log.remove() }
        _ = try await log.cosign()
        let state = try #require(try WitnessState.load(log.statePath))
        let impostor = NoteVerifier.ed25519VerifierKey(name: state.origin, publicKey: WitnessLedger.admin.publicKey)
        try WitnessState(origin: state.origin, logVerifierKey: impostor, size: state.size, rootBase64: state.rootBase64).save(log.statePath)
        try log.post()
        try await log.expectRefusal(.notSigned)
        let note = try #require(try log.file.storedNote(size: nil)).note
        #expect(throws: WitnessError.self) { try Witness.logCheckpoint(note, verifierKey: impostor) }
    }

    @Test func aCheckpointInconsistentWithTheLastCosignedIsRefused() async throws {
        let log = try WitnessLedger()
        defer { log.remove() }
        _ = try await log.cosign()
        let state = try #require(try WitnessState.load(log.statePath))
        let otherRoot = Base64.encode([UInt8](repeating: 7, count: 32))
        // The same size with another root: a split view.
        try WitnessState(origin: state.origin, logVerifierKey: state.logVerifierKey, size: state.size, rootBase64: otherRoot).save(log.statePath)
        try await log.expectRefusal(.splitView)
        // A smaller size whose root is not a prefix of the log: history rewritten.
        try WitnessState(origin: state.origin, logVerifierKey: state.logVerifierKey, size: state.size - 1, rootBase64: otherRoot).save(log.statePath)
        try await log.expectRefusal(.notConsistent)
        // More entries cosigned than the log now holds: rolled back.
        try WitnessState(origin: state.origin, logVerifierKey: state.logVerifierKey, size: state.size + 5, rootBase64: state.rootBase64).save(log.statePath)
        try await log.expectRefusal(.rolledBack)
        // Another log's state.
        try WitnessState(origin: "other.test/ledger", logVerifierKey: state.logVerifierKey, size: state.size, rootBase64: state.rootBase64).save(log.statePath)
        try await log.expectRefusal(.otherOrigin)
    }

    @Test func aMalformedStateFileIsRefused() async throws {
        let log = try WitnessLedger()
        defer { log.remove() }
        try "{\"origin\": 3}".write(toFile: log.statePath, atomically: true, encoding: .utf8)
        try await log.expectRefusal(.malformedState)
        try FileManager.default.removeItem(atPath: log.statePath)
        _ = try await log.cosign()
        let state = try #require(try WitnessState.load(log.statePath))
        try WitnessState(origin: state.origin, logVerifierKey: state.logVerifierKey, size: state.size, rootBase64: "not base64!").save(log.statePath)
        try await log.expectRefusal(.malformedState)
    }

    @Test func aKeyThatIsNotARegisteredAuditorIsRefused() async throws {
        let log = try WitnessLedger()
        defer { log.remove() }
        try await log.expectRefusal(.notAnAuditor, key: WitnessLedger.admin)
        #expect(!FileManager.default.fileExists(atPath: log.statePath))
    }
}

/// A core ledger with an auditor key (the witness) and accounts 1100 and 4100.
struct WitnessLedger {
    static let admin = key(51)
    static let log = key(52)
    static let auditor = key(53)
    static let day = try! LedgerDate(parsing: "2026-03-01")

    let dir: String
    let file: LedgerFile
    var path: String { dir + "/w.ledger" }
    var statePath: String { dir + "/boa.witness.json" }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-witness-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let records = [
            KeyRecord(publicKey: Self.admin.publicKey, holder: "ana", name: "Ana", roles: [.admin, .fundManager]),
            KeyRecord(publicKey: Self.log.publicKey, holder: "log", name: "log", roles: [.log]),
        ]
        let genesis = EntryDraft(kind: .genesis, date: Self.day, data: JSONObject([
            ("fund_name", .string("Witness test")), ("currency", .string("USD")), ("keys", .array(records.map(\.jsonValue))),
        ]))
        let keys = WriteKeys(author: Self.admin, log: Self.log)
        file = try LedgerFile.createLedger(
            at: dir + "/w.ledger", origin: "witness.test/ledger", genesis: genesis, keys: keys, localSettings: [:], rules: .core)
        guard case .object(let data) = KeyRecord(publicKey: Self.auditor.publicKey, holder: "boa", name: "Board of Auditors", roles: [.auditor]).jsonValue
        else { preconditionFailure("a key record is an object") }
        try file.append([EntryDraft(kind: .keyRegister, date: Self.day, data: data)], keys: keys)
        try file.append(["1100", "4100"].map { code in
            EntryDraft(kind: .accountOpen, date: Self.day, data: JSONObject([
                ("code", .string(code)), ("name", .string(code)), ("type", .string(code == "1100" ? "asset" : "revenue")),
            ]))
        }, keys: keys)
    }

    /// One more entry (and so one more checkpoint).
    func post(memo: String = "v") throws {
        let cash = try AccountCode("1100")
        let revenue = try AccountCode("4100")
        let amount = Amount(minorUnits: 100, currency: .usd)
        try file.append([EntryDraft(kind: .voucher, date: Self.day, memo: memo, postings: [
            Posting(account: cash, amount: amount, value: amount),
            Posting(account: revenue, amount: try amount.negated(), value: try amount.negated()),
        ])], keys: WriteKeys(author: Self.admin, log: Self.log))
    }

    func cosign(key: Ed25519PrivateKey = WitnessLedger.auditor) async throws -> Witness.Cosigned {
        try await Witness.cosign(
            SQLiteLedger(file), key: key, keyLabel: dir + "/boa.pem", name: WitnessTests.name, statePath: statePath, timestamp: 1_780_000_000)
    }

    /// Cosigning is refused with `code`; the state file and the ledger are unchanged.
    func expectRefusal(_ code: WitnessError.Code, key: Ed25519PrivateKey = WitnessLedger.auditor, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let state = FileManager.default.contents(atPath: statePath)
        let before = try bytes()
        do {
            _ = try await cosign(key: key)
            Issue.record("expected \(code.rawValue)", sourceLocation: sourceLocation)
        } catch let error as WitnessError {
            #expect(error.code == code, "\(error.code.rawValue): \(error.message)", sourceLocation: sourceLocation)
            #expect(error.kind == code.kind)
        }
        #expect(FileManager.default.contents(atPath: statePath) == state, "the state file changed", sourceLocation: sourceLocation)
        #expect(try bytes() == before, "the ledger changed", sourceLocation: sourceLocation)
    }

    func bytes() throws -> [Data] {
        try ["", "-wal"].map { suffix in
            FileManager.default.fileExists(atPath: path + suffix) ? try Data(contentsOf: URL(fileURLWithPath: path + suffix)) : Data()
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

private func key(_ byte: UInt8) -> Ed25519PrivateKey {
    try! Ed25519PrivateKey(seed: [UInt8](repeating: byte, count: 32))
}
