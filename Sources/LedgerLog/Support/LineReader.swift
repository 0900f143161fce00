import Foundation

/// Streams the lines of a file in bounded memory (1 MiB chunks).
public struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    /// The number of the line last returned (1-based, counted from where reading started).
    public private(set) var lineNumber: UInt64 = 0
    /// The byte offset in the file where the next line starts.
    public private(set) var nextLineOffset: UInt64

    /// Whether a CR before the newline is part of the line (exact files such as a journal) or
    /// dropped (what people type).
    private let keepCarriageReturns: Bool

    /// Opens `path` for reading from byte `offset` (the start of a line); fails naming the file.
    public init(path: String, offset: UInt64 = 0, keepCarriageReturns: Bool = false) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw RuleViolation("cannot read \(path)") }
        if offset > 0 { try handle.seek(toOffset: offset) }
        self.handle = handle
        self.nextLineOffset = offset
        self.keepCarriageReturns = keepCarriageReturns
    }

    /// The next line without its newline (and without a trailing CR), or nil at the end.
    public mutating func next() throws -> [UInt8]? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                var line = Array(buffer[position..<newline])
                nextLineOffset += UInt64(newline + 1 - position)
                position = newline + 1
                lineNumber += 1
                if line.last == 0x0D, !keepCarriageReturns { line.removeLast() }
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let line = Array(buffer[position...])
                nextLineOffset += UInt64(buffer.count - position)
                position = buffer.count
                lineNumber += 1
                return line
            }
            buffer.removeFirst(position)
            position = 0
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
