/// Where a statement's bytes come from, a piece at a time. The parsers read only through this,
/// so BankStatements holds no file policy: the caller decides which files may be read and how
/// much of them (the command line refuses anything but a regular file and caps its size).
public protocol StatementByteSource {
    /// The next bytes, at most `maxCount` of them (at least one unless the source is at its end).
    /// - Returns: an empty array at the end of the bytes.
    /// - Throws: ``StatementError`` when the bytes cannot be read, naming the input.
    mutating func read(upTo maxCount: Int) throws(StatementError) -> [UInt8]
}

/// Bytes already in memory, handed out in pieces of at most `pieceSize` bytes (tests feed 1, 7
/// or 4096 byte pieces to show that a statement reads the same in any chunks).
public struct InMemoryByteSource: StatementByteSource {
    private let bytes: [UInt8]
    private let pieceSize: Int
    private var position = 0

    /// A source over `bytes` giving at most `pieceSize` (at least 1) bytes per read.
    public init(_ bytes: [UInt8], pieceSize: Int = 1 << 16) {
        self.bytes = bytes
        self.pieceSize = max(1, pieceSize)
    }

    /// The next piece of at most `maxCount` and `pieceSize` bytes; empty at the end. Never throws.
    public mutating func read(upTo maxCount: Int) throws(StatementError) -> [UInt8] {
        let count = min(max(0, maxCount), pieceSize, bytes.count - position)
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }
}
