import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import Testing

/// `appendSigned` (what `vtf store copy` writes with): a ledger copied entry by entry, as signed,
/// into an empty store of any kind, from a store of any kind, has the same root and verifies;
/// an entry whose signature does not hold is refused and leaves the copy as it was.
@Suite("Store conformance: appending entries signed elsewhere")
struct SignedAppendConformanceTests {
    static var pairs: [(any StoreFactory, any StoreFactory)] {
        StoreFactories.all.flatMap { source in StoreFactories.all.map { (source, $0) } }
    }

    @Test("a copy has the source's root and checkpoints, and verifies", arguments: pairs)
    func copyHasTheSameRoot(source factory: any StoreFactory, destination other: any StoreFactory) async throws {
        let source = try await ConformanceLedger.start(factory)
        defer { source.remove() }
        try await source.store.append([ConformanceLedger.voucher(500, ref: "S1"), ConformanceLedger.voucher(-120, ref: "S2")],
                                      keys: ConformanceLedger.aliceKeys, origin: nil)
        let size = try await source.store.entryCount()
        let (entries, notes) = try await source.store.read { snapshot in
            let entries = try (0..<size).map { try #require(try snapshot.entry(at: $0)) }
            var notes: [StoredNote] = []
            for size in 1...size {
                if let parts = try snapshot.checkpointParts(size: size) { notes.append(StoredNote(size: size, note: parts.note)) }
            }
            return (entries, notes)
        }
        #expect(!notes.isEmpty)
        let copy = try await other.makeEmpty(rules: .core)
        defer { copy.remove() }
        try await copy.store.appendSigned(Array(entries[..<3]), checkpoints: notes.filter { $0.size <= 3 })
        try await copy.store.appendSigned(Array(entries[3...]), checkpoints: notes.filter { $0.size > 3 })
        let (mine, theirs) = (try await copy.store.verify(threads: 2), try await source.store.verify(threads: 2))
        #expect(mine.differences.isEmpty)
        #expect(mine.entryCount == size && mine.root == theirs.root)
        for note in notes { #expect(try await copy.store.storedNote(size: note.size)?.note == note.note) }
        #expect(try await copy.store.trialBalance(asOf: nil) == (try await source.store.trialBalance(asOf: nil)))
    }

    @Test("an entry whose signature does not hold is refused, and nothing of its batch is written", arguments: pairs)
    func forgedEntryRefused(source factory: any StoreFactory, destination other: any StoreFactory) async throws {
        let source = try await ConformanceLedger.start(factory)
        defer { source.remove() }
        try await source.store.append([ConformanceLedger.voucher(500, ref: "F1")], keys: ConformanceLedger.aliceKeys, origin: nil)
        let size = try await source.store.entryCount()
        let entries = try await source.store.read { snapshot in try (0..<size).map { try #require(try snapshot.entry(at: $0)) } }
        let copy = try await other.makeEmpty(rules: .core)
        defer { copy.remove() }
        try await copy.store.appendSigned(Array(entries.dropLast()), checkpoints: [])
        let before = try await copy.store.entryCount()
        let last = try #require(entries.last)
        var signature = last.signature
        signature[0] ^= 1
        let forged = SignedEntry(body: last.body, bodyBytes: last.bodyBytes, signature: signature, leafHash: last.leafHash)
        await #expect(throws: StoreError.self) { try await copy.store.appendSigned([forged], checkpoints: []) }
        #expect(try await copy.store.entryCount() == before)
        #expect(try await copy.store.verify(threads: 1).differences.isEmpty)
    }

    @Test("entries that do not start where the journal ends (another writer came first) are refused as such", arguments: StoreFactories.all)
    func entriesAfterAnotherWriter(factory: any StoreFactory) async throws {
        let source = try await ConformanceLedger.start(factory)
        defer { source.remove() }
        let size = try await source.store.entryCount()
        let entries = try await source.store.read { snapshot in try (0..<size).map { try #require(try snapshot.entry(at: $0)) } }
        let copy = try await factory.makeEmpty(rules: .core)
        defer { copy.remove() }
        try await copy.store.appendSigned(entries, checkpoints: [])
        do {
            try await copy.store.appendSigned(entries, checkpoints: [])
            Issue.record("the same entries were appended twice")
        } catch let error as StoreError {
            #expect(error.code == .badInput)
            #expect(error.message.contains("start at seq 0, but the next is entry \(size) (the journal holds \(size) entries)"), "\(error.message)")
        }
        #expect(try await copy.store.entryCount() == size)
    }
}
