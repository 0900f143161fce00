import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import Testing
@testable import SQLiteStore

/// `appendSigned`: a journal copied as it was signed (`vtf store copy`) into an empty ledger, its
/// checkpoints stored as signed, every table re-derived; anything wrong refused with nothing
/// written.
@Suite("Appending entries signed elsewhere")
struct SignedAppendTests {
    /// A fixture with vouchers, so there are postings and balances to re-derive.
    static func source() throws -> StoreFixture {
        let fixture = try StoreFixture()
        let file = try fixture.open()
        try file.append([StoreFixture.voucher(1250, ref: "V-1"), StoreFixture.voucher(75)], keys: StoreFixture.aliceKeys)
        try file.append([StoreFixture.voucher(-300, ref: "V-3")], keys: StoreFixture.aliceKeys)
        return fixture
    }

    /// Entries `range` of `file`, and its checkpoints of sizes within (range.lowerBound, upperBound].
    static func parts(_ file: LedgerFile, _ range: Range<UInt64>) throws -> ([SignedEntry], [StoredNote]) {
        let entries = try range.map { try #require(try file.entry(at: $0)) }
        let notes = try (range.lowerBound + 1...range.upperBound).compactMap { size in
            try file.checkpointParts(size: size).map { StoredNote(size: size, note: $0.note) }
        }
        return (entries, notes)
    }

    static func emptyCopy(in fixture: StoreFixture) throws -> LedgerFile {
        try LedgerFile.create(at: fixture.dir + "/copy.ledger", rules: .core)
    }

    @Test func aCopyVerifiesWithTheSameRootCheckpointsAndTables() throws {
        let fixture = try Self.source()
        defer { fixture.remove() }
        let source = try fixture.open(.readOnly)
        let count = try source.entryCount()
        #expect(count == 7)
        let copy = try Self.emptyCopy(in: fixture)
        // Two writes, cut in the middle of the source's history (a checkpoint in each).
        for range in [0..<3, 3..<count] {
            let (entries, notes) = try Self.parts(source, range)
            try copy.appendSigned(entries, checkpoints: notes)
        }
        let original = try source.verify(threads: 1)
        let copied = try copy.verify(threads: 1)
        #expect(copied.differences.isEmpty && original.differences.isEmpty)
        #expect(copied.entryCount == count && copied.root == original.root)
        #expect(try copy.exportLines(0..<count) == source.exportLines(0..<count), "the same signed bytes")
        for size in 1...count {
            #expect(try copy.checkpointParts(size: size)?.note == source.checkpointParts(size: size)?.note, "checkpoint \(size)")
        }
        #expect(try copy.storedNotes(after: 0, limit: 100).map(\.size) == source.storedNotes(after: 0, limit: 100).map(\.size))
        #expect(try copy.trialBalance(asOf: nil) == source.trialBalance(asOf: nil))
        #expect(try copy.accounts().map(\.code) == source.accounts().map(\.code))
        #expect(try copy.keys().map(\.record.keyID) == source.keys().map(\.record.keyID))
        // The copy takes new entries like any ledger.
        try copy.append([StoreFixture.voucher(5)], keys: StoreFixture.aliceKeys)
        #expect(try copy.verify(threads: 1).entryCount == count + 1)
    }

    /// Runs `body` on a fresh empty copy holding the source's first `prefix` entries; expects it
    /// refused with `words`, and the copy unchanged.
    func refused(prefix: UInt64 = 0, containing words: String, _ body: (LedgerFile, LedgerFile) throws -> Void) throws {
        let fixture = try Self.source()
        defer { fixture.remove() }
        let source = try fixture.open(.readOnly)
        let copy = try Self.emptyCopy(in: fixture)
        if prefix > 0 {
            let (entries, notes) = try Self.parts(source, 0..<prefix)
            try copy.appendSigned(entries, checkpoints: notes)
        }
        let before = try copy.exportLines(0..<prefix)
        let notesBefore = try copy.storedNotes(after: 0, limit: 100).map(\.note)
        do {
            try body(source, copy)
            Issue.record("accepted; expected a refusal with \(words)")
        } catch {
            #expect("\(error)".contains(words), "\(error)")
        }
        #expect(try copy.entryCount() == prefix, "nothing written")
        #expect(try copy.exportLines(0..<prefix) == before)
        #expect(try copy.storedNotes(after: 0, limit: 100).map(\.note) == notesBefore)
    }

    @Test func anEntryOutOfPlaceIsRefused() throws {
        try refused(containing: "the next is entry 0") { source, copy in
            let (entries, _) = try Self.parts(source, 1..<3)
            try copy.appendSigned(entries, checkpoints: [])
        }
        try refused(prefix: 3, containing: "the next is entry 3") { source, copy in
            let (entries, _) = try Self.parts(source, 4..<5)
            try copy.appendSigned(entries, checkpoints: [])
        }
    }

    @Test func aForgedSignatureIsRefusedAndTheWholeBatchWithIt() throws {
        try refused(containing: "signature is not valid") { source, copy in
            var (entries, notes) = try Self.parts(source, 0..<7)
            let last = entries[6]
            var signature = last.signature
            signature[10] ^= 0x01
            entries[6] = SignedEntry(body: last.body, bodyBytes: last.bodyBytes, signature: signature)
            try copy.appendSigned(entries, checkpoints: notes)
        }
    }

    @Test func aForgedSignatureInABatchCheckedOnEveryCoreIsNamed() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let file = try fixture.open()
        try file.append((1...120).map { StoreFixture.voucher(Int64($0)) }, keys: StoreFixture.aliceKeys)
        let (entries, notes) = try Self.parts(file, 0..<124)
        for forged in [4, 90, 123] {
            var copyEntries = entries
            var signature = entries[forged].signature
            signature[0] ^= 0x80
            copyEntries[forged] = SignedEntry(body: entries[forged].body, bodyBytes: entries[forged].bodyBytes, signature: signature)
            let copyPath = fixture.dir + "/copy-\(forged).ledger"
            let copy = try LedgerFile.create(at: copyPath, rules: .core)
            #expect(throws: StoreError.self, "entry \(forged)") {
                do { try copy.appendSigned(copyEntries, checkpoints: notes) } catch let error as StoreError {
                    #expect(error.message.hasPrefix("entry \(forged): its signature is not valid"), "\(error)")
                    throw error
                }
            }
            #expect(try copy.entryCount() == 0)
        }
        let copy = try LedgerFile.create(at: fixture.dir + "/copy.ledger", rules: .core)
        try copy.appendSigned(entries, checkpoints: notes)
        #expect(try copy.verify(threads: 2).root == file.verify(threads: 2).root)
    }

    @Test func bytesThatAreNotTheBodysAreRefused() throws {
        try refused(prefix: 4, containing: "not the canonical bytes") { source, copy in
            let (entries, _) = try Self.parts(source, 4..<5)
            let entry = entries[0]
            let spaced = Array(entry.bodyBytes.prefix(1)) + Array(" ".utf8) + Array(entry.bodyBytes.dropFirst())
            try copy.appendSigned([SignedEntry(body: entry.body, bodyBytes: spaced, signature: entry.signature)], checkpoints: [])
        }
    }

    @Test func checkpointsMustFallOnTheEntriesAndSignTheirRoot() throws {
        try refused(prefix: 3, containing: "does not fall on one of the entries appended") { source, copy in
            let (entries, _) = try Self.parts(source, 3..<5)
            let note = try #require(try source.checkpointParts(size: 7)).note
            try copy.appendSigned(entries, checkpoints: [StoredNote(size: 7, note: note)])
        }
        try refused(prefix: 3, containing: "filed under the wrong size") { source, copy in
            let (entries, _) = try Self.parts(source, 3..<7)
            let note = try #require(try source.checkpointParts(size: 7)).note
            try copy.appendSigned(entries, checkpoints: [StoredNote(size: 5, note: note)])
        }
        // Another ledger of the same origin and log key with other vouchers: its checkpoint of
        // size 7 is validly signed, but over another journal.
        let other = try StoreFixture()
        defer { other.remove() }
        let otherFile = try other.open()
        try otherFile.append([StoreFixture.voucher(1), StoreFixture.voucher(2)], keys: StoreFixture.aliceKeys)
        try otherFile.append([StoreFixture.voucher(3)], keys: StoreFixture.aliceKeys)
        let otherNote = try #require(try otherFile.checkpointParts(size: 7)).note
        try refused(prefix: 3, containing: "signs a different root") { source, copy in
            let (entries, _) = try Self.parts(source, 3..<7)
            try copy.appendSigned(entries, checkpoints: [StoredNote(size: 7, note: otherNote)])
        }
    }
}
