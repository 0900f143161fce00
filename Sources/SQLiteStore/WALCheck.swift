import Foundation
import LedgerStore

/// What a `-wal` file would do to its ledger, read with plain file reads (SQLite is not asked,
/// so nothing is replayed or written): its header and the frames SQLite would replay, that is
/// every frame up to the last commit frame of the valid prefix (salts equal to the header's and
/// cumulative checksums right), exactly as SQLite's WAL recovery decides.
struct WALFile: Equatable {
    /// The raw 32-byte header (salts at bytes 16..<24, as the -shm index stores them).
    let header: [UInt8]
    let pageSize: Int
    /// Frames SQLite would replay.
    let committedFrames: Int
    /// The change counter (bytes 24..<28 of page 1) in the first and last replayed frame of page 1.
    let firstPageOneCounter: UInt32?
    let lastPageOneCounter: UInt32?
    /// The database size in pages after the last replayed commit.
    let pagesAfterLastCommit: UInt32
    /// The file's size, to notice a writer working while it was read.
    let fileSize: UInt64

    static let headerSize = 32
    static let frameHeaderSize = 24

    /// Reads the -wal at `path`; nil when there is none, or it holds nothing SQLite would replay
    /// (SQLite ignores a file shorter than a header or with a wrong magic number).
    static func read(at path: String) throws -> WALFile? {
        guard let handle = try RegularFile.open(path) else { return nil }
        defer { try? handle.close() }
        let fileSize = try handle.seekToEnd()
        try handle.seek(toOffset: 0)
        let header = [UInt8](try handle.read(upToCount: headerSize) ?? Data())
        guard header.count == headerSize, let format = WALFormat(header: header) else { return nil }
        var scan = FrameScan(format: format)
        let frameSize = frameHeaderSize + format.pageSize
        let framesPerRead = max(1, (4 << 20) / frameSize)
        while let chunk = try handle.read(upToCount: frameSize * framesPerRead), !chunk.isEmpty {
            let keepGoing = chunk.withUnsafeBytes { raw in
                var offset = 0
                while offset + frameSize <= raw.count {
                    guard scan.add(frame: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + frameSize)])) else {
                        return false
                    }
                    offset += frameSize
                }
                return offset == raw.count
            }
            if !keepGoing { break }
        }
        guard scan.committed.frames > 0 else { return nil }
        return WALFile(
            header: header, pageSize: format.pageSize, committedFrames: scan.committed.frames,
            firstPageOneCounter: scan.committed.firstCounter, lastPageOneCounter: scan.committed.lastCounter,
            pagesAfterLastCommit: scan.committed.pages, fileSize: fileSize)
    }
}

/// The fixed part of a WAL header: page size, salts, checksum byte order.
struct WALFormat {
    let pageSize: Int
    let salt1: UInt32
    let salt2: UInt32
    let bigEndianChecksums: Bool
    let headerChecksum: (UInt32, UInt32)

    init?(header: [UInt8]) {
        let magic = BigEndian.u32(header, 0)
        guard magic & 0xFFFF_FFFE == 0x377F_0682, BigEndian.u32(header, 4) == 3_007_000 else { return nil }
        let size = Int(BigEndian.u32(header, 8))
        guard size >= 512, size <= 65536, size & (size - 1) == 0 else { return nil }
        pageSize = size
        bigEndianChecksums = magic & 1 == 1
        salt1 = BigEndian.u32(header, 16)
        salt2 = BigEndian.u32(header, 20)
        let sum = header.withUnsafeBytes { WALChecksum.add($0[0..<24], to: (0, 0), bigEndian: magic & 1 == 1) }
        guard sum == (BigEndian.u32(header, 24), BigEndian.u32(header, 28)) else { return nil }
        headerChecksum = sum
    }
}

/// Walks frames in order as SQLite's recovery does and remembers what the last commit covers.
struct FrameScan {
    struct Summary {
        var frames = 0
        var firstCounter: UInt32?
        var lastCounter: UInt32?
        var pages: UInt32 = 0
    }

    let format: WALFormat
    private var checksum: (UInt32, UInt32)
    private var pending = Summary()
    private(set) var committed = Summary()

    init(format: WALFormat) {
        self.format = format
        checksum = format.headerChecksum
    }

    /// Adds one frame (header and page); false at the first frame SQLite would not accept.
    mutating func add(frame: UnsafeRawBufferPointer) -> Bool {
        let page = BigEndian.u32(frame, 0)
        let pagesAfterCommit = BigEndian.u32(frame, 4)
        guard page != 0, BigEndian.u32(frame, 8) == format.salt1, BigEndian.u32(frame, 12) == format.salt2 else {
            return false
        }
        var sum = WALChecksum.add(frame[0..<8], to: checksum, bigEndian: format.bigEndianChecksums)
        sum = WALChecksum.add(frame[WALFile.frameHeaderSize...], to: sum, bigEndian: format.bigEndianChecksums)
        guard sum == (BigEndian.u32(frame, 16), BigEndian.u32(frame, 20)) else { return false }
        checksum = sum
        pending.frames += 1
        if page == 1 {
            let counter = BigEndian.u32(frame, WALFile.frameHeaderSize + 24)
            if pending.firstCounter == nil { pending.firstCounter = counter }
            pending.lastCounter = counter
        }
        if pagesAfterCommit != 0 {
            pending.pages = pagesAfterCommit
            committed = pending
        }
        return true
    }
}

/// SQLite's WAL checksum: pairs of 32-bit words, s1 += w0 + s2; s2 += w1 + s1.
enum WALChecksum {
    static func add(_ bytes: Slice<UnsafeRawBufferPointer>, to start: (UInt32, UInt32), bigEndian: Bool) -> (UInt32, UInt32) {
        var (s1, s2) = start
        var index = bytes.startIndex
        while index + 8 <= bytes.endIndex {
            let w0 = bytes.base.loadUnaligned(fromByteOffset: index, as: UInt32.self)
            let w1 = bytes.base.loadUnaligned(fromByteOffset: index + 4, as: UInt32.self)
            s1 = s1 &+ (bigEndian ? w0.bigEndian : w0.littleEndian) &+ s2
            s2 = s2 &+ (bigEndian ? w1.bigEndian : w1.littleEndian) &+ s1
            index += 8
        }
        return (s1, s2)
    }
}

/// Big-endian integers at a byte offset.
enum BigEndian {
    static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes.withUnsafeBytes { u32($0, offset) }
    }

    static func u32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    static func u16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        bytes.withUnsafeBytes { UInt16(bigEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt16.self)) }
    }
}

/// Opens files next to a ledger for reading, refusing what is not a regular file (a FIFO or a
/// device would block or never end).
enum RegularFile {
    /// Nil when nothing is at `path`.
    static func open(_ path: String) throws -> FileHandle? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }  // follows links: a linked ledger is fine
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw StoreError(.unreadable, "\(path) is not a regular file; vtf will not read it. Move it aside")
        }
        return FileHandle(forReadingAtPath: path)
    }
}
