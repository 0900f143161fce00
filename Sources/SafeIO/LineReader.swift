/// Streams the lines of a regular file in bounded memory: 1 MiB reads, and no line longer than
/// its cap (``LineCap``), so a file of one 200 MB line or a `/dev/zero` never grows memory.
public struct LineReader {
    /// The bytes read at a time.
    static let chunkSize = 1 << 20

    private let file: InputFile
    private var buffer: [UInt8] = []
    private var position = 0
    /// Where in `buffer` the search for the next newline resumes (no rescanning a long line).
    private var scanned = 0
    private var atEnd = false
    /// The longest line accepted, in bytes.
    public let lineCap: Int
    /// The number of the line last returned (1-based, counted from where reading started).
    public private(set) var lineNumber: UInt64 = 0
    /// The byte offset in the file where the next line starts.
    public private(set) var nextLineOffset: UInt64

    /// Whether a CR before the newline is part of the line (exact files such as a journal) or
    /// dropped (what people type).
    private let keepCarriageReturns: Bool

    /// Opens `path` (a regular file, see ``InputFile``) for reading from byte `offset` (the
    /// start of a line); throws ``InputFileError`` naming the file.
    public init(
        path: String, offset: UInt64 = 0, keepCarriageReturns: Bool = false, kind: InputKind = .jsonLines,
        lineCap: Int? = nil
    ) throws(InputFileError) {
        let file = try InputFile(path: path, kind: kind)
        if offset > 0 { try file.seek(to: offset) }
        self.file = file
        self.nextLineOffset = offset
        self.keepCarriageReturns = keepCarriageReturns
        self.lineCap = lineCap ?? LineCap.of(kind)
    }

    /// The next line without its newline (and without a trailing CR unless kept), or nil at the
    /// end; throws ``InputFileError`` (`input.line_too_long`) for a line over the cap.
    public mutating func next() throws(InputFileError) -> [UInt8]? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                try checkCap(upTo: newline)
                return take(upTo: newline, skipping: 1)
            }
            scanned = buffer.count
            try checkCap(upTo: buffer.count)
            if atEnd {
                guard position < buffer.count else { return nil }
                return take(upTo: buffer.count, skipping: 0)
            }
            try refill()
        }
    }

    private mutating func take(upTo end: Int, skipping separator: Int) -> [UInt8] {
        var line = Array(buffer[position..<end])
        nextLineOffset += UInt64(end + separator - position)
        position = end + separator
        scanned = position
        lineNumber += 1
        if line.last == 0x0D, !keepCarriageReturns { line.removeLast() }
        return line
    }

    /// A CR before the newline is not counted.
    private func checkCap(upTo end: Int) throws(InputFileError) {
        guard end - position > lineCap + 1 else { return }
        throw InputFileError(
            .lineTooLong, path: file.path,
            "\(file.path) line \(lineNumber + 1) is longer than \(ByteCount.text(lineCap)), the most vtf reads as one line of a \(file.kind.noun); split it, or check that this is the right file")
    }

    private mutating func refill() throws(InputFileError) {
        if position > 0 {
            buffer.removeFirst(position)
            scanned -= position
            position = 0
        }
        if let chunk = try file.read(upToCount: Self.chunkSize) { buffer += chunk } else { atEnd = true }
    }
}
