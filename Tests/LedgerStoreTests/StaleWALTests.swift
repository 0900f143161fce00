import Foundation
import GRDB
import LedgerCore
import LedgerJournal
import TransparencyLog
import LedgerStore
@testable import SQLiteStore
import Testing

@Suite("A stale -wal is never replayed")
struct StaleWALTests {
    /// Makes a ledger whose -wal was copied after five entries, then writes `later` more and
    /// closes it (the last close copies the WAL into the file and removes it); returns the copy.
    private func ledgerWithOldWAL(_ fixture: StoreFixture, later: Int = 40) throws -> Data {
        var writer: LedgerFile? = try fixture.open()
        for index in 1...5 {
            try writer?.append([StoreFixture.voucher(Int64(index), ref: "OLD-\(index)")], keys: StoreFixture.aliceKeys)
        }
        let old = try Data(contentsOf: URL(fileURLWithPath: fixture.path + "-wal"))
        #expect(old.count > 32, "the writer keeps a -wal while it is open")
        for index in 1...later {
            try writer?.append([StoreFixture.voucher(Int64(index), ref: "NEW-\(index)")], keys: StoreFixture.aliceKeys)
        }
        writer = nil
        #expect(!FileManager.default.fileExists(atPath: fixture.path + "-wal"), "the last close checkpoints and removes the -wal")
        return old
    }

    @Test func anOldWALPutBackIsRefusedAndTouchesNothing() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let old = try ledgerWithOldWAL(fixture)
        try old.write(to: URL(fileURLWithPath: fixture.path + "-wal"))
        let before = try fixture.bytes()
        for mode in [LedgerFile.OpenMode.readWrite, .readOnly] {
            do {
                _ = try fixture.open(mode)
                Issue.record("a stale -wal was accepted (\(mode))")
            } catch let error as StoreError {
                #expect(error.code == .walMismatch && error.kind == .system)
                // The message explains the danger and the fix.
                #expect(error.message.contains("does not belong to this ledger"))
                #expect(error.message.contains("move it aside"))
            }
            #expect(try fixture.bytes() == before, "neither the ledger nor its -wal changed")
        }
        // Moved aside, the ledger is whole.
        try FileManager.default.moveItem(atPath: fixture.path + "-wal", toPath: fixture.path + "-wal.stale")
        let file = try fixture.open()
        let result = try file.verify()
        #expect(result.entryCount == 4 + 5 + 40 && result.differences.isEmpty)
        try file.append([StoreFixture.voucher(1, ref: "AFTER")], keys: StoreFixture.aliceKeys)
        #expect(try file.verify().differences.isEmpty)
    }

    /// A ledger file restored from an older backup next to today's -wal: the -wal continues a
    /// newer state than the file holds.
    @Test func anOldFileWithANewerWALIsRefused() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let oldFile = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
        for index in 1...20 {
            try fixture.open().append([StoreFixture.voucher(Int64(index), ref: "N-\(index)")], keys: StoreFixture.aliceKeys)
        }
        var writer: LedgerFile? = try fixture.open()
        for index in 1...5 {
            try writer?.append([StoreFixture.voucher(Int64(index), ref: "W-\(index)")], keys: StoreFixture.aliceKeys)
        }
        let wal = try Data(contentsOf: URL(fileURLWithPath: fixture.path + "-wal"))
        writer = nil
        try oldFile.write(to: URL(fileURLWithPath: fixture.path))
        try wal.write(to: URL(fileURLWithPath: fixture.path + "-wal"))
        let before = try fixture.bytes()
        #expect(throws: StoreError.self) { _ = try fixture.open() }
        #expect(try fixture.bytes() == before)
    }

    /// The ordinary cases pass: a -wal left by a crash (the writer's own, not checkpointed) and
    /// one shared with a live writer.
    @Test func theLedgersOwnWALIsAccepted() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let writer = try fixture.open()
        for index in 1...10 {
            try writer.append([StoreFixture.voucher(Int64(index), ref: "C-\(index)")], keys: StoreFixture.aliceKeys)
            let reader = try fixture.open(.readOnly)
            #expect(try reader.entryCount() == 4 + UInt64(index))
        }
        // A crash: the file and -wal as they are now, without the checkpoint of a clean close.
        let copy = StoreFixture.Copy(of: fixture)
        let file = try LedgerFile.open(at: copy.path, mode: .readWrite, rules: .core)
        #expect(try file.verify().entryCount == 14)
    }

    /// A -wal that is a FIFO is refused at once instead of blocking the open.
    @Test func aWALThatIsNotARegularFileIsRefused() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        #expect(mkfifo(fixture.path + "-wal", 0o600) == 0)
        do {
            _ = try fixture.open(.readOnly)
            Issue.record("a FIFO -wal was accepted")
        } catch let error as StoreError {
            #expect(error.code == .unreadable && error.kind == .system)
        }
    }

    @Test func walParsingFindsTheCommittedFrames() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let writer = try fixture.open()
        try writer.append([StoreFixture.voucher(1, ref: "F-1")], keys: StoreFixture.aliceKeys)
        let wal = try #require(try WALFile.read(at: fixture.path + "-wal"))
        #expect(wal.committedFrames > 0)
        // A torn last frame is not replayed, and the frames before it still are.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.path + "-wal"))
        bytes[bytes.count - 1] ^= 0xFF
        let torn = FileManager.default.temporaryDirectory.appendingPathComponent("torn-\(UUID().uuidString)-wal").path
        try bytes.write(to: URL(fileURLWithPath: torn))
        defer { try? FileManager.default.removeItem(atPath: torn) }
        #expect((try WALFile.read(at: torn)?.committedFrames ?? 0) < wal.committedFrames)
    }
}

extension StoreFixture {
    /// A copy of the ledger's files as they are on disk now, in a new folder.
    struct Copy {
        let path: String

        init(of fixture: StoreFixture) {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-copy-\(UUID().uuidString)").path
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            path = dir + "/s.ledger"
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: fixture.path + suffix) {
                try? FileManager.default.copyItem(atPath: fixture.path + suffix, toPath: path + suffix)
            }
        }
    }
}
