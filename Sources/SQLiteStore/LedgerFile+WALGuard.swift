import Foundation
import LedgerStore

/// Refuses a `-wal` that does not belong to the current state of its ledger file, before SQLite
/// sees it: SQLite would replay it and, at the next checkpoint, copy its old pages over newer
/// ones, damaging the ledger for good (issue 10, item 8). Only file reads; nothing is written.
///
/// A WAL belongs when its page size is the ledger's and the ledger's page 1 lies between the
/// WAL's base and its last commit: SQLite adds one to page 1's change counter in every commit
/// that writes page 1, so with `first` and `last` the counters of page 1 in the WAL, the file's
/// counter must be in `first - 1 ... last`, and the file cannot have more pages than the WAL's
/// last commit says (vtf never shrinks a ledger). When a -shm index is in use, its salts must be
/// the WAL's. Audit/STORAGE.md says what this cannot see.
enum WALGuard {
    /// Throws a system error (exit 3) naming what to do when the -wal of `path` does not belong.
    static func check(ledger path: String) throws {
        // A writer may be working: a verdict "does not belong" counts only if the files stayed
        // the same while they were read.
        var reading = try Reading(ledger: path)
        for _ in 0..<5 {
            guard reading.problem != nil else { return }
            usleep(20_000)
            let again = try Reading(ledger: path)
            if again == reading { break }
            reading = again
        }
        if let problem = reading.problem { throw refusal(path, problem) }
    }

    static func refusal(_ path: String, _ problem: String) -> StoreError {
        StoreError(.walMismatch, """
            \(path)-wal does not belong to this ledger: \(problem). vtf refused to use the ledger and changed \
            neither file, because SQLite would copy that -wal's pages over newer ones and damage the ledger for good. \
            If the -wal was restored from a backup or copied from elsewhere, move it aside \
            (mv '\(path)-wal' '\(path)-wal.stale'; remove '\(path)-shm' if there is one) and run vtf verify; \
            to restore a backup, restore the ledger and its -wal together, taken at the same moment
            """)
    }

    /// The ledger's header, its -wal and its -shm index, read once.
    struct Reading: Equatable {
        let database: DatabaseHeader?
        let wal: WALFile?
        let shmSalts: [UInt8]?

        init(ledger path: String) throws {
            database = try DatabaseHeader.read(at: path)
            wal = try WALFile.read(at: path + "-wal")
            shmSalts = try ShmIndex.salts(at: path + "-shm")
        }

        /// Why the WAL does not belong, or nil if it does (or there is nothing to replay).
        var problem: String? {
            guard let wal, let database else { return nil }
            if wal.pageSize != database.pageSize {
                return "its page size is \(wal.pageSize) bytes, the ledger's \(database.pageSize)"
            }
            if let shmSalts, shmSalts != Array(wal.header[16..<24]) {
                return "the -shm index in use describes another -wal (its salts differ)"
            }
            if let last = wal.lastPageOneCounter, last < database.changeCounter {
                return "its newest page 1 has change counter \(last), older than the ledger file's \(database.changeCounter)"
            }
            if let first = wal.firstPageOneCounter, Int64(first) - 1 > Int64(database.changeCounter) {
                return "it continues a state (change counter \(Int64(first) - 1)) newer than the ledger file's (\(database.changeCounter)): the ledger file is older than its -wal"
            }
            if let pages = database.pageCount, pages > wal.pagesAfterLastCommit {
                return "its last commit leaves \(wal.pagesAfterLastCommit) pages, the ledger file has \(pages)"
            }
            return nil
        }
    }
}

/// The fields of a SQLite file header (its first 100 bytes) that the WAL check compares.
struct DatabaseHeader: Equatable {
    let pageSize: Int
    let changeCounter: UInt32
    /// The page count in the header, when valid (its version-valid-for number matches).
    let pageCount: UInt32?

    /// Nil for a file too short to be a database (SQLite treats it as empty).
    static func read(at path: String) throws -> DatabaseHeader? {
        guard let handle = try RegularFile.open(path) else {
            throw StoreError(.io, "cannot read \(path)")
        }
        defer { try? handle.close() }
        let bytes = [UInt8](try handle.read(upToCount: 100) ?? Data())
        guard bytes.count == 100, bytes.starts(with: Array("SQLite format 3\0".utf8)) else { return nil }
        let rawSize = Int(BigEndian.u16(bytes, 16))
        let counter = BigEndian.u32(bytes, 24)
        let valid = BigEndian.u32(bytes, 92) == counter
        return DatabaseHeader(
            pageSize: rawSize == 1 ? 65536 : rawSize, changeCounter: counter, pageCount: valid ? BigEndian.u32(bytes, 28) : nil)
    }
}

/// The salts recorded in a -shm wal-index header, when it is initialised, both copies agree
/// and it indexes at least one frame (otherwise it says nothing about the -wal).
enum ShmIndex {
    static func salts(at path: String) throws -> [UInt8]? {
        guard let handle = try RegularFile.open(path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 96), data.count == 96 else { return nil }
        let bytes = [UInt8](data)
        guard bytes[0..<48] == bytes[48..<96], bytes[12] != 0 else { return nil }
        let (version, frames) = bytes.withUnsafeBytes {
            ($0.loadUnaligned(fromByteOffset: 0, as: UInt32.self), $0.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        }
        guard version == 3_007_000, frames > 0 else { return nil }
        return Array(bytes[32..<40])
    }
}
