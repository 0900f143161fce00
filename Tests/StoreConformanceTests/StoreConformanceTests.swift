import Foundation
import LedgerCrypto
import LedgerJournal
import LedgerStore
import Testing
import TransparencyLog

/// The behaviour every store must show, whatever holds the ledger: each test runs once per
/// factory of ``StoreFactories/all`` (SQLite now; PostgreSQL joins by adding its factory).
@Suite("Store conformance")
struct StoreConformanceTests {
    @Test("append and read back: entries, bytes, signatures, checkpoint", arguments: StoreFactories.all)
    func appendAndReadBack(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        let written = try await store.append(
            [ConformanceLedger.voucher(150, ref: "A1"), ConformanceLedger.voucher(275, ref: "A2")],
            keys: ConformanceLedger.aliceKeys, origin: nil)
        #expect(written.map(\.body.seq) == [4, 5])
        #expect(try await store.entryCount() == 6)
        for entry in written {
            let stored = try #require(try await store.entry(at: entry.body.seq))
            #expect(stored.bodyBytes == entry.bodyBytes)
            #expect(stored.signature == entry.signature)
            #expect(ConformanceLedger.alice.publicKey.isValidSignature(stored.signature, for: stored.bodyBytes))
            #expect(stored.body.ref == entry.body.ref)
        }
        #expect(try await store.entry(at: 6) == nil)
        // Every entry's export line carries its signed body and signature.
        let lines = try await store.exportLines(0..<6)
        #expect(lines.count == 6)
        #expect(try await store.entries(ofKinds: [.voucher]).compactMap(\.ref) == ["A1", "A2"])
        let balance = try await store.trialBalance(asOf: nil)
        #expect(balance.first { $0.account.rawValue == "1100" }?.amount.minorUnits == 425)
        // The write stored the checkpoint of the new size, over the entries' leaves.
        let note = try #require(try await store.storedNote(size: nil))
        #expect(note.size == 6)
        let checkpoint = try LogCheckpoint(note: note.note, verifier: try NoteVerifier(verifierKey: try await store.logVerifierKey()))
        #expect(checkpoint.checkpoint.rootHash == (try await store.root(size: 6)))
        #expect(checkpoint.checkpoint.origin == ConformanceLedger.origin)
    }

    @Test("a refused append leaves nothing", arguments: StoreFactories.all)
    func refusedAppendLeavesNothing(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        try await store.append([ConformanceLedger.voucher(100, ref: "R1")], keys: ConformanceLedger.aliceKeys, origin: nil)
        let before = try await StoreContent(made)
        // The second draft reuses a ref: the first must not be recorded either.
        await #expect(throws: RuleViolation.self) {
            try await store.append(
                [ConformanceLedger.voucher(200, ref: "R2"), ConformanceLedger.voucher(300, ref: "R2")],
                keys: ConformanceLedger.aliceKeys, origin: nil)
        }
        #expect(try await StoreContent(made) == before)
        // An account that does not exist.
        await #expect(throws: RuleViolation.self) {
            try await store.append([ConformanceLedger.voucher(200, ref: "R3", account: "1999")], keys: ConformanceLedger.aliceKeys, origin: nil)
        }
        #expect(try await StoreContent(made) == before)
        // A key the ledger does not know.
        await #expect(throws: (any Error).self) {
            try await store.append(
                [ConformanceLedger.voucher(200, ref: "R4")], keys: WriteKeys(author: ConformanceLedger.stranger, log: ConformanceLedger.log),
                origin: nil)
        }
        #expect(try await StoreContent(made) == before)
        // A bulk import refused at its last draft records none of the others.
        await #expect(throws: RuleViolation.self) {
            try await store.appendBulk(
                { DraftList(drafts: (0..<9).map { ConformanceLedger.voucher(Int64($0 + 1), ref: "B\($0)") } + [ConformanceLedger.voucher(5, ref: "B0")]) },
                keys: ConformanceLedger.aliceKeys, batchSize: 4, threads: 2, progress: nil)
        }
        #expect(try await StoreContent(made) == before)
        #expect(try await store.verify(threads: 1).differences.isEmpty)
    }

    @Test("concurrent writers form one chain: no gap, no duplicate seq", arguments: StoreFactories.all)
    func concurrentWriters(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let writers = 4
        let each = 10
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                // Even writers share the test's handle (tasks); odd ones open their own
                // connection (for SQLite, another open of the file, as another process would).
                let store = writer.isMultiple(of: 2) ? made.store : try await made.connect()
                group.addTask {
                    for index in 0..<each {
                        try await store.append(
                            [ConformanceLedger.voucher(Int64(index + 1), ref: "W\(writer)-\(index)")],
                            keys: ConformanceLedger.aliceKeys, origin: nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        let store = made.store
        let count = try await store.entryCount()
        #expect(count == ConformanceLedger.startCount + UInt64(writers * each))
        var seqs: [UInt64] = []
        for seq in 0..<count { seqs.append(try #require(try await store.entry(at: seq)).body.seq) }
        #expect(seqs == Array(0..<count))
        let refs = Set(try await store.entries(ofKinds: [.voucher]).compactMap(\.ref))
        #expect(refs == Set((0..<writers).flatMap { writer in (0..<each).map { "W\(writer)-\($0)" } }))
        let verified = try await store.verify(threads: 2)
        #expect(verified.entryCount == count && verified.differences.isEmpty)
        #expect(try await store.storedNote(size: nil)?.size == count)
    }

    @Test("derived tables equal the replay", arguments: StoreFactories.all)
    func derivedTablesEqualTheReplay(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        try await store.append([ConformanceLedger.voucher(1_000, ref: "D1")], keys: ConformanceLedger.aliceKeys, origin: nil)
        let range = try await store.appendBulk(
            { DraftList(drafts: (0..<23).map { ConformanceLedger.voucher(Int64($0 * 7 + 3), ref: "D-bulk-\($0)") }) },
            keys: ConformanceLedger.aliceKeys, batchSize: 5, threads: 2, progress: nil)
        #expect(range == 5..<28)
        let verified = try await store.verify(threads: 2)
        #expect(verified.entryCount == 28 && verified.differences.isEmpty)
        #expect(verified.root == (try await store.root(size: 28)))
        #expect(try await store.reconcileDerived(threads: 1).differences.isEmpty)
        // The balances the store derived are the postings' sums.
        let cash = (try await store.trialBalance(asOf: nil)).first { $0.account.rawValue == "1100" }
        let bulk: Int64 = (0..<23).map { Int64($0 * 7 + 3) }.reduce(0, +)
        #expect(cash?.amount.minorUnits == 1_000 + bulk)
    }

    @Test("inclusion and consistency proofs verify against the stored checkpoints", arguments: StoreFactories.all)
    func proofsVerify(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        for batch in 0..<4 {
            try await store.append(
                (0...batch).map { ConformanceLedger.voucher(Int64(batch * 10 + $0 + 1), ref: "P\(batch)-\($0)") },
                keys: ConformanceLedger.aliceKeys, origin: nil)
        }
        let verifier = try NoteVerifier(verifierKey: try await store.logVerifierKey())
        let notes = try await store.storedNotes(after: 0, limit: 1_000)
        #expect(notes.map(\.size) == [1, 2, 4, 5, 7, 10, 14])
        var previous: Checkpoint?
        for note in notes {
            let checkpoint = try LogCheckpoint(note: note.note, verifier: verifier).checkpoint
            #expect(checkpoint.size == note.size)
            for seq in Set([0, note.size / 2, note.size - 1]) {
                let proof = try await store.inclusionProof(seq: seq, size: note.size)
                let entry = try #require(try await store.entry(at: seq))
                #expect(proof.leafHash == entry.leafHash)
                try MerkleVerifier.verifyInclusion(
                    leafIndex: seq, treeSize: note.size, leafHash: proof.leafHash, proof: proof.path, root: checkpoint.rootHash)
            }
            if let previous {
                let proof = try await store.consistencyProof(oldSize: previous.size, newSize: checkpoint.size)
                try MerkleVerifier.verifyConsistency(
                    oldSize: previous.size, newSize: checkpoint.size, oldRoot: previous.rootHash.bytes,
                    newRoot: checkpoint.rootHash.bytes, proof: proof.map(\.bytes))
            }
            previous = checkpoint
        }
        // Proofs past the journal are refused, not made up.
        await #expect(throws: StoreError.self) { try await store.inclusionProof(seq: 3, size: 15) }
        await #expect(throws: StoreError.self) { try await store.consistencyProof(oldSize: 5, newSize: 15) }
    }

    @Test("checkpoints are signed by the log key and consistent with each other", arguments: StoreFactories.all)
    func checkpointsAreSignedByTheLogKey(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        for index in 0..<3 {
            try await store.append([ConformanceLedger.voucher(Int64(index + 1), ref: "C\(index)")], keys: ConformanceLedger.aliceKeys, origin: nil)
        }
        let logKey = try await store.logVerifierKey()
        #expect(logKey == NoteVerifier.ed25519VerifierKey(name: ConformanceLedger.origin, publicKey: ConformanceLedger.log.publicKey))
        let verifier = try NoteVerifier(verifierKey: logKey)
        let otherKey = try NoteVerifier(verifierKey: NoteVerifier.ed25519VerifierKey(
            name: ConformanceLedger.origin, publicKey: ConformanceLedger.admin.publicKey))
        let notes = try await store.storedNotes(after: 0, limit: 1_000)
        // One checkpoint per committed write: genesis, the key, the two accounts, then each voucher.
        let expected: [UInt64] = [1, 2, 4, 5, 6, 7]
        #expect(notes.map(\.size) == expected)
        var checkpoints: [Checkpoint] = []
        for note in notes {
            checkpoints.append(try LogCheckpoint(note: note.note, verifier: verifier).checkpoint)
            // Signed by the log key, not by another key of the ledger.
            #expect(throws: (any Error).self) { try LogCheckpoint(note: note.note, verifier: otherKey) }
            #expect(try await store.storedNote(size: note.size)?.note == note.note)
        }
        // Each checkpoint's root is the root of the journal's first `size` entries, so every two
        // checkpoints are consistent.
        for checkpoint in checkpoints {
            #expect(checkpoint.rootHash == (try await store.root(size: checkpoint.size)))
        }
        for (old, new) in zip(checkpoints, checkpoints.dropFirst()) {
            let proof = try await store.consistencyProof(oldSize: old.size, newSize: new.size)
            try MerkleVerifier.verifyConsistency(
                oldSize: old.size, newSize: new.size, oldRoot: old.rootHash.bytes, newRoot: new.rootHash.bytes, proof: proof.map(\.bytes))
        }
        #expect(try await store.storedNotes(after: checkpoints[1].size, limit: 1).map(\.size) == [checkpoints[2].size])
    }
}
