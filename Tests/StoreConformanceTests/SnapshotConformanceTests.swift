import CanonicalJSON
import Dispatch
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import Testing
import TransparencyLog

/// The synchronous snapshot every store hands its readers (`LedgerReading.read`): the reports,
/// checks and statements read through it, so a store serves them by passing these tests.
@Suite("Store conformance: one snapshot")
struct SnapshotConformanceTests {
    @Test("a snapshot answers every query as the store does", arguments: StoreFactories.all)
    func snapshotAnswersAsTheStore(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        try await store.append([ConformanceLedger.voucher(150, ref: "S1"), ConformanceLedger.voucher(275, ref: "S2")], keys: ConformanceLedger.aliceKeys, origin: nil)
        let later = try LedgerDate(parsing: "2026-03-09")
        let late = EntryDraft(kind: .voucher, date: later, ref: "S3", memo: "late", postings: ConformanceLedger.voucher(40).postings)
        try await store.append([late], keys: ConformanceLedger.aliceKeys, origin: nil)
        let date = ConformanceLedger.date
        let cash = try AccountCode("1100")

        let seen = try await store.read { ledger in
            SnapshotFigures(
                settings: "\(try ledger.settings().map { "\($0)" } ?? "none")", entryCount: try ledger.entryCount(),
                entry: try ledger.entry(at: 4).map(\.bodyBytes), vouchers: try ledger.entries(ofKinds: [.voucher]).map(\.seq),
                moving: try ledger.entries(posting: cash, from: date, through: date).map(\.entry.seq),
                accounts: "\(try ledger.accounts())", keys: try ledger.keys().map(\.record.holder),
                trialBalance: "\(try ledger.trialBalance(asOf: date))", trialBalances: "\(try ledger.trialBalances(asOf: date, later))",
                postingTotals: "\(try ledger.postingTotals(from: later, through: nil, excluding: []))",
                kindTotals: "\(try ledger.kindTotals([.voucher], from: date, through: date))",
                lastSeq: try ledger.lastSeqWithPostings(through: date), records: "\(try ledger.allFundRecords())",
                note: try ledger.storedNote(size: nil)?.note, noteOf5: try ledger.storedNote(size: 5)?.note,
                vkey: try ledger.logVerifierKey(), root: try ledger.root(size: 5).hex,
                proof: try ledger.inclusionProof(seq: 4, size: 7).path.map(\.hex),
                consistency: try ledger.consistencyProof(oldSize: 4, newSize: 7).map(\.hex),
                reversed: try ledger.reversedEntries().sorted(), ruleKeys: try ledger.withRuleState { try $0.registeredKeys().count })
        }
        let expected = SnapshotFigures(
            settings: "\(try await store.settings().map { "\($0)" } ?? "none")", entryCount: try await store.entryCount(),
            entry: try await store.entry(at: 4).map(\.bodyBytes), vouchers: try await store.entries(ofKinds: [.voucher]).map(\.seq),
            moving: try await store.entries(posting: cash, from: date, through: date).map(\.entry.seq),
            accounts: "\(try await store.accounts())", keys: try await store.keys().map(\.record.holder),
            trialBalance: "\(try await store.trialBalance(asOf: date))", trialBalances: "\(try await store.trialBalances(asOf: date, later))",
            postingTotals: "\(try await store.postingTotals(from: later, through: nil, excluding: []))",
            kindTotals: "\(try await store.kindTotals([.voucher], from: date, through: date))",
            lastSeq: try await store.lastSeqWithPostings(through: date), records: "\(try await store.allFundRecords())",
            note: try await store.storedNote(size: nil)?.note, noteOf5: try await store.storedNote(size: 5)?.note,
            vkey: try await store.logVerifierKey(), root: try await store.root(size: 5).hex,
            proof: try await store.inclusionProof(seq: 4, size: 7).path.map(\.hex),
            consistency: try await store.consistencyProof(oldSize: 4, newSize: 7).map(\.hex),
            reversed: [], ruleKeys: try await store.withRuleState { try $0.registeredKeys().count })
        #expect(seen == expected)
        // The figures are the ledger's, not empty ones that happen to agree.
        #expect(seen.entryCount == 7)
        #expect(seen.vouchers == [4, 5, 6])
        #expect(seen.moving == [4, 5])
        #expect(seen.lastSeq == 5)
        #expect(seen.trialBalance.contains("USD 4.25"))
        #expect(seen.postingTotals.contains("USD 0.40"))
        #expect(seen.ruleKeys == 3)
    }

    @Test("every query of one read sees the same writes, while another connection writes", arguments: StoreFactories.all)
    func oneReadIsOneSnapshot(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        let other = try await made.connect()
        let counts = try await store.read { ledger in
            let before = try ledger.entryCount()
            // A write by another connection commits while this read is open.
            let written = Blocking.wait {
                try await other.append([ConformanceLedger.voucher(500, ref: "W1")], keys: ConformanceLedger.aliceKeys, origin: nil).count
            }
            return (before, try written.get(), try ledger.entryCount(), try ledger.entries(ofKinds: [.voucher]).count, "\(try ledger.trialBalance(asOf: nil))")
        }
        #expect(counts.0 == ConformanceLedger.startCount)
        #expect(counts.1 == 1)
        #expect(counts.2 == ConformanceLedger.startCount, "the read saw a write committed after it began")
        #expect(counts.3 == 0)
        #expect(counts.4 == "[]")
        // The write is there for the next read.
        #expect(try await store.read { try $0.entryCount() } == ConformanceLedger.startCount + 1)
    }

    @Test("a checked journal rests on the store's replay; audits come from registered auditor keys", arguments: StoreFactories.all)
    func checkedJournalAndAudits(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        let auditor = try Ed25519PrivateKey(seed: [UInt8](repeating: 35, count: 32))
        guard case .object(let data) = KeyRecord(publicKey: auditor.publicKey, holder: "olga", name: "Olga", roles: [.auditor]).jsonValue
        else { throw StoreError(.badInput, "a key record is an object") }
        try await store.append([EntryDraft(kind: .keyRegister, date: ConformanceLedger.date, data: data)], keys: ConformanceLedger.adminKeys, origin: nil)
        try await store.append([ConformanceLedger.voucher(90, ref: "C1")], keys: ConformanceLedger.aliceKeys, origin: nil)
        try await store.append([ConformanceLedger.voucher(10, ref: "C2")], keys: ConformanceLedger.aliceKeys, origin: nil)
        // Olga audits the checkpoint of 6 entries; a stranger "cosigns" the one of 7.
        for (size, key, name) in [(UInt64(6), auditor, "olga.audit"), (7, ConformanceLedger.stranger, "mallory.audit")] {
            let note = try #require(try await store.storedNote(size: size))
            let signature = try Cosignature.sign(checkpointText: try SignedNote.parse(note.note).text, name: name, key: key, timestamp: 1_770_000_000)
            try await store.addCosignature(size: size, signature: signature)
        }
        let found = try await store.read { ledger in
            let checked = try CheckedJournal.check(ledger, threads: 2)
            let replay = try ledger.replayForSigning(threads: 1)
            let audited = try checked.auditedCheckpoint(ledger, atLeast: 2)
            let later = try checked.auditedCheckpoint(ledger, atLeast: 7)
            let latest = try checked.note(ledger, size: 7)
            return (
                checked.entryCount, checked.root.hex, checked.keys.map(\.record.holder), checked.origin, replay.verification.differences,
                try ledger.cosignedSizes(from: 0, through: 7, limit: 10), try ledger.cosignedSizes(from: 7, through: 7, limit: 10),
                try ledger.checkpointParts(size: 6).map { ($0.note, $0.cosignatureLines.count) }, try ledger.checkpointParts(size: 99) == nil,
                audited.map { ($0.note.size, $0.audits.map(\.holder)) }, later == nil, latest.map { ($0.note.note, $0.audits.count) })
        }
        #expect(found.0 == 7)
        #expect(found.1 == (try await store.root(size: 7)).hex)
        #expect(found.2.sorted() == ["alice", "ana", "log", "olga"])
        #expect(found.3 == ConformanceLedger.origin)
        #expect(found.4.isEmpty)
        #expect(found.5 == [6, 7])
        #expect(found.6 == [7])
        let parts = try #require(found.7)
        #expect(parts.1 == 1)
        #expect(!parts.0.contains("olga.audit"), "the checkpoint as the log signed it, without its cosignature lines")
        #expect(found.8)
        #expect(found.9?.0 == 6)
        #expect(found.9?.1 == ["olga"])
        #expect(found.10, "the stranger's line on 7 is no audit")
        let latest = try #require(found.11)
        #expect(latest.1 == 0)
        #expect(!latest.0.contains("mallory.audit"), "a line that is no audit is not passed on")
    }

    @Test("tree hashes are the leaves and the roots of complete subtrees, as tlog-tiles serves them", arguments: StoreFactories.all)
    func treeHashesAreTheTreesNodes(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        try await store.append([ConformanceLedger.voucher(150, ref: "T1"), ConformanceLedger.voucher(275, ref: "T2"), ConformanceLedger.voucher(40, ref: "T3")], keys: ConformanceLedger.aliceKeys, origin: nil)
        var leaves: [[UInt8]] = []
        for seq in 0..<(try await store.entryCount()) {
            guard let entry = try await store.entry(at: seq) else { Issue.record("entry \(seq) is missing"); return }
            leaves.append(SHA256.hash([0x00] + entry.bodyBytes).bytes)
        }
        #expect(leaves.count == 7)
        let node: ([UInt8], [UInt8]) -> [UInt8] = { SHA256.hash([0x01] + $0 + $1).bytes }
        let level1 = (0..<3).map { node(leaves[2 * $0], leaves[2 * $0 + 1]) }
        let level2 = [node(level1[0], level1[1])]
        let seen = try await store.read { ledger in
            (try ledger.treeHashes(level: 0, 0..<7).map(\.bytes), try ledger.treeHashes(level: 1, 0..<3).map(\.bytes),
             try ledger.treeHashes(level: 2, 0..<1).map(\.bytes), try ledger.treeHashes(level: 1, 2..<2).map(\.bytes))
        }
        #expect(seen.0 == leaves)
        #expect(seen.1 == level1)
        #expect(seen.2 == level2)
        #expect(seen.3.isEmpty)
        let beyond: [(Int, Range<UInt64>)] = [(0, 5..<8), (1, 3..<4), (2, 0..<2), (3, 0..<1)]
        for (level, range) in beyond {
            await #expect(throws: StoreError.self, "level \(level) \(range)") {
                _ = try await store.read { ledger in try ledger.treeHashes(level: level, range) }
            }
        }
    }
}

/// What a snapshot read, as comparable text.
struct SnapshotFigures: Equatable, Sendable {
    let settings: String
    let entryCount: UInt64
    let entry: [UInt8]?
    let vouchers: [UInt64]
    let moving: [UInt64]
    let accounts: String
    let keys: [String]
    let trialBalance: String
    let trialBalances: String
    let postingTotals: String
    let kindTotals: String
    let lastSeq: UInt64?
    let records: String
    let note: String?
    let noteOf5: String?
    let vkey: String
    let root: String
    let proof: [String]
    let consistency: [String]
    let reversed: [UInt64]
    let ruleKeys: Int
}

/// Waits, on a thread outside the cooperative pool, for an async call.
enum Blocking {
    final class Box<T: Sendable>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }

    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> Result<T, any Error> {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return box.result ?? .failure(StoreError(.io, "no result"))
    }
}
