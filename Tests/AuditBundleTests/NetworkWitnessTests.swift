import AuditBundle
import Foundation
import LedgerCrypto
import LedgerJournal
import LedgerStore
import SQLiteStore
import Testing
import TransparencyLog

/// A witness on the network (C2SP tlog-witness, `vtf witness serve`) as a library: it trusts
/// one log key, cosigns a checkpoint whose consistency proof extends the one it cosigned last,
/// and refuses everything else with the protocol's status, its state file untouched.
@Suite("Witness on the network (C2SP tlog-witness add-checkpoint)")
struct NetworkWitnessTests {
    static let name = "test.example/boa"
    static let time: UInt64 = 1_780_000_000

    /// Two ledgers with the same first entries, byte for byte (same keys, same recording
    /// time), so that posting different entries to each forks one history into two.
    static func twins() throws -> (WitnessLedger, WitnessLedger) {
        try RecordingTime.$override.withValue("2026-03-01T09:00:00Z") { (try WitnessLedger(), try WitnessLedger()) }
    }

    static func witness(_ log: WitnessLedger, vkey: String? = nil) async throws -> NetworkWitness {
        try NetworkWitness(
            key: WitnessLedger.auditor, name: name, statePath: log.statePath, logVerifierKey: vkey ?? (try log.file.logVerifierKey()))
    }

    /// The add-checkpoint body for `log`'s latest checkpoint from `old`.
    static func request(_ log: WitnessLedger, from old: UInt64) async throws -> [UInt8] {
        let store = SQLiteLedger(log.file)
        let latest = try #require(try await store.latestNote())
        let proof = old == 0 || old == latest.size ? [] : try await store.consistencyProof(oldSize: old, newSize: latest.size)
        return AddCheckpoint(oldSize: old, proof: proof, note: latest.note).body
    }

    /// `witness` refuses `body` with `code` (and so `status`); its state file is unchanged.
    static func expectRefusal(
        _ witness: NetworkWitness, _ body: [UInt8], _ code: WitnessError.Code, status: Int, containing words: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        let state = FileManager.default.contents(atPath: witness.statePath)
        do {
            _ = try await witness.add(body, timestamp: time)
            Issue.record("expected \(code.rawValue)", sourceLocation: sourceLocation)
        } catch let error as WitnessError {
            #expect(error.code == code, "\(error.code.rawValue): \(error.message)", sourceLocation: sourceLocation)
            #expect(error.httpStatus == status, sourceLocation: sourceLocation)
            if let words { #expect(error.message.contains(words), "\(error.message)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
        #expect(FileManager.default.contents(atPath: witness.statePath) == state, "the state file changed", sourceLocation: sourceLocation)
    }

    @Test func itCosignsFromZeroThenEachCheckpointThatExtendsTheLast() async throws {
        let log = try WitnessLedger()
        defer { log.remove() }
        let firstNote = try #require(try log.file.storedNote(size: nil))
        do {
            let witness = try await Self.witness(log)
            let first = try await witness.add(try await Self.request(log, from: 0), timestamp: Self.time)
            // The line is a cosignature by the witness's own key of the log's checkpoint text.
            let verifier = try NoteVerifier(verifierKey: await witness.verifierKey)
            #expect(Cosignature.verify(first, checkpointText: try SignedNote.parse(firstNote.note).text, verifier: verifier) == (true, Self.time))
            #expect(await witness.cosignedSize == firstNote.size)
            #expect(try WitnessState.load(log.statePath)?.size == firstNote.size)
            try log.post()
            try log.post()
            _ = try await witness.add(try await Self.request(log, from: firstNote.size), timestamp: Self.time + 1)
            #expect(await witness.cosignedSize == firstNote.size + 2)
            // The same checkpoint again is cosigned again (a fresh timestamp), as the protocol allows.
            _ = try await witness.add(try await Self.request(log, from: firstNote.size + 2), timestamp: Self.time + 2)
        }
        // A witness started again (the first one has ended) reads its state: it goes on from there.
        let restarted = try NetworkWitness(key: WitnessLedger.auditor, name: Self.name, statePath: log.statePath, logVerifierKey: nil)
        #expect(await restarted.cosignedSize == firstNote.size + 2)
    }

    @Test func anotherOldSizeIsAConflictNamingTheSizeCosigned() async throws {
        let log = try WitnessLedger()
        defer { log.remove() }
        let witness = try await Self.witness(log)
        let size = try #require(try log.file.storedNote(size: nil)).size
        _ = try await witness.add(try await Self.request(log, from: 0), timestamp: Self.time)
        try log.post()
        await Self.expectRefusal(witness, try await Self.request(log, from: 0), .oldSizeMismatch, status: 409, containing: "last cosigned size \(size)")
        await Self.expectRefusal(witness, try await Self.request(log, from: size - 1), .oldSizeMismatch, status: 409)
        // The log that learnt the size sends the proof from there, and is cosigned.
        _ = try await witness.add(try await Self.request(log, from: size), timestamp: Self.time)
    }

    @Test func aForkedHistoryIsNeverCosigned() async throws {
        let (honest, fork) = try Self.twins()
        defer { honest.remove(); fork.remove() }
        #expect(try honest.file.storedNote(size: nil)?.note == (try fork.file.storedNote(size: nil)?.note), "the twins start equal")
        let witness = try await Self.witness(honest)
        _ = try await witness.add(try await Self.request(honest, from: 0), timestamp: Self.time)
        let size = await witness.cosignedSize
        try honest.post()
        try fork.post(memo: "another entry at the same seq")
        _ = try await witness.add(try await Self.request(honest, from: size), timestamp: Self.time)
        // The fork's checkpoint of the same size has another root: a split view.
        await Self.expectRefusal(witness, try await Self.request(fork, from: size + 1), .splitView, status: 409)
        // One entry more on the fork, with the fork's own proof from the size cosigned: rewritten.
        try fork.post()
        await Self.expectRefusal(witness, try await Self.request(fork, from: size + 1), .notConsistent, status: 422)
        // The honest log goes on being cosigned.
        try honest.post()
        _ = try await witness.add(try await Self.request(honest, from: size + 1), timestamp: Self.time)
    }

    @Test func aLogThatDroppedEntriesIsRefused() async throws {
        let (honest, behind) = try Self.twins()
        defer { honest.remove(); behind.remove() }
        let witness = try await Self.witness(honest)
        try honest.post()
        _ = try await witness.add(try await Self.request(honest, from: 0), timestamp: Self.time)
        // The copy without the last entry claims the witness cosigned what it holds.
        let size = try #require(try behind.file.storedNote(size: nil)).size
        let body = AddCheckpoint(oldSize: size, proof: [], note: try #require(try behind.file.storedNote(size: nil)).note).body
        await Self.expectRefusal(witness, body, .oldSizeMismatch, status: 409, containing: "rolled back")
        // Told the truth (the size cosigned), it asks for an old size above its own: refused.
        let truthful = AddCheckpoint(oldSize: size + 1, proof: [], note: try #require(try behind.file.storedNote(size: nil)).note).body
        await Self.expectRefusal(witness, truthful, .badRequest, status: 400, containing: "above the checkpoint's size")
    }

    @Test func anotherLogOrAnotherKeyIsRefused() async throws {
        let log = try WitnessLedger()
        defer { log.remove() }
        let note = try #require(try log.file.storedNote(size: nil)).note
        // Signed by the admin's key under the log's name: not the log key the witness trusts.
        let impostor = NoteVerifier.ed25519VerifierKey(name: "witness.test/ledger", publicKey: WitnessLedger.admin.publicKey)
        do {
            let distrusting = try await Self.witness(log, vkey: impostor)
            await Self.expectRefusal(distrusting, AddCheckpoint(oldSize: 0, proof: [], note: note).body, .notSigned, status: 403)
        }
        // A witness of another log does not know this origin.
        try? FileManager.default.removeItem(atPath: log.statePath)
        let other = NoteVerifier.ed25519VerifierKey(name: "other.test/ledger", publicKey: WitnessLedger.log.publicKey)
        let elsewhere = try await Self.witness(log, vkey: other)
        await Self.expectRefusal(elsewhere, AddCheckpoint(oldSize: 0, proof: [], note: note).body, .otherOrigin, status: 404)
        #expect(!FileManager.default.fileExists(atPath: log.statePath))
    }

    @Test func aWitnessNeverTrustsOnFirstUseAndKeepsItsLogKey() async throws {
        let log = try WitnessLedger()
        defer { log.remove() }
        #expect(throws: WitnessError.self) { try NetworkWitness(key: WitnessLedger.auditor, name: Self.name, statePath: log.statePath, logVerifierKey: nil) }
        #expect(throws: WitnessError.self) { try NetworkWitness(key: WitnessLedger.auditor, name: Self.name, statePath: log.statePath, logVerifierKey: "not a key") }
        #expect(throws: WitnessError.self) {
            try NetworkWitness(key: WitnessLedger.auditor, name: "with space", statePath: log.statePath, logVerifierKey: try log.file.logVerifierKey())
        }
        do {
            let witness = try await Self.witness(log)
            _ = try await witness.add(try await Self.request(log, from: 0), timestamp: Self.time)
        }
        let impostor = NoteVerifier.ed25519VerifierKey(name: "witness.test/ledger", publicKey: WitnessLedger.admin.publicKey)
        do {
            _ = try NetworkWitness(key: WitnessLedger.auditor, name: Self.name, statePath: log.statePath, logVerifierKey: impostor)
            Issue.record("a state file trusts one log key")
        } catch let error as WitnessError {
            #expect(error.code == .otherLogKey)
        }
    }

    /// One witness at a time per state file: a second one, served or cosigning at the ledger, is
    /// refused while the first runs, and may go on once it has ended.
    @Test func aSecondWitnessOnTheSameStateIsRefused() async throws {
        let log = try WitnessLedger()
        defer { log.remove() }
        var first: NetworkWitness? = try await Self.witness(log)
        _ = try await first?.add(try await Self.request(log, from: 0), timestamp: Self.time)
        do {
            _ = try await Self.witness(log)
            Issue.record("a second witness on the same state")
        } catch let error as WitnessError {
            #expect(error.code == .stateInUse, "\(error.message)")
        }
        try log.post()
        do {
            _ = try await log.cosign()
            Issue.record("cosigning at the ledger beside a served witness")
        } catch let error as WitnessError {
            #expect(error.code == .stateInUse, "\(error.message)")
        }
        first = nil
        #expect(first == nil)
        let next = try await Self.witness(log)
        _ = try await next.add(try await Self.request(log, from: try #require(try WitnessState.load(log.statePath)).size), timestamp: Self.time)
    }

    @Test(arguments: [
        ("", "the first line"), ("old 01\n\nx", "the first line"), ("old -1\n\nx", "the first line"), ("old 1\nnot base64\n\nx", "proof line 1"),
        ("old 1\nAAAA\n\nx", "proof line 1"), ("old 0\n", "an empty line"), ("old 0\n\nnot a note", "not a signed checkpoint note"),
        ("old 1\n" + String(repeating: Base64.encode([UInt8](repeating: 1, count: 32)) + "\n", count: 64) + "\nx", "at most 63 lines"),
    ])
    func aMalformedRequestIsABadRequest(body: String, words: String) async throws {
        let log = try WitnessLedger()
        defer { log.remove() }
        let witness = try await Self.witness(log)
        await Self.expectRefusal(witness, Array(body.utf8), .badRequest, status: 400, containing: words)
    }

    @Test func aRequestReadsBackAsWritten() throws {
        let proof = [SHA256.hash([1]), SHA256.hash([2])]
        let request = AddCheckpoint(oldSize: 20, proof: proof, note: "o\n21\nroot\n\n— o sig\n")
        #expect(try AddCheckpoint(body: request.body) == request)
        #expect(String(decoding: request.body, as: UTF8.self).hasPrefix("old 20\n\(Base64.encode(proof[0].bytes))\n"))
        #expect(throws: AddCheckpoint.Malformed.self) { try AddCheckpoint(body: [UInt8](repeating: 0x41, count: AddCheckpoint.maxBytes + 1)) }
        #expect(throws: AddCheckpoint.Malformed.self) { try AddCheckpoint(body: [0x6F, 0x6C, 0x64, 0x20, 0x30, 0x0A, 0x0A, 0xFF]) }
    }
}
