/// One line of a statement file: its bytes without the terminator, its number (from 1) and the
/// byte offset in the file where it starts.
struct RawLine {
    var bytes: [UInt8]
    var number: Int
    var offset: Int
}

/// Cuts a byte source into lines ended by LF, CRLF or CR, never holding more than one line
/// (at most ``StatementLimits/maxLineBytes``) and one piece. A leading UTF-8 byte-order mark is
/// dropped.
struct LineReader<Source: StatementByteSource> {
    private var source: Source
    private let fileName: String
    private var buffer: [UInt8] = []
    private var position = 0
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    private var atEnd = false
    private var skipLF = false
    private var started = false
    private var number = 0

    init(source: Source, fileName: String) {
        self.source = source
        self.fileName = fileName
    }

    /// The next line, nil at the end.
    mutating func next() throws(StatementError) -> RawLine? {
        while true {
            if !started, try !fillForStart() { continue }
            if skipLF, position < buffer.count {
                skipLF = false
                if buffer[position] == 0x0A { position += 1 }
            }
            if let end = terminator() {
                let line = try take(upTo: end)
                let terminatorByte = buffer[end]
                position = end + 1
                if terminatorByte == 0x0D { skipLF = true }
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let line = try take(upTo: buffer.count)
                position = buffer.count
                return line
            }
            try check(length: buffer.count - position)
            try refill()
        }
    }

    /// Reads until the byte-order mark can be told; returns whether the start is settled.
    private mutating func fillForStart() throws(StatementError) -> Bool {
        if buffer.count - position < 3 && !atEnd {
            try refill()
            return false
        }
        started = true
        if buffer[position...].starts(with: [0xEF, 0xBB, 0xBF]) { position += 3 }
        return true
    }

    private func terminator() -> Int? {
        var index = position
        let count = buffer.count
        return buffer.withUnsafeBufferPointer { bytes -> Int? in
            while index < count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D { return index }
                index += 1
            }
            return nil
        }
    }

    private mutating func take(upTo end: Int) throws(StatementError) -> RawLine {
        try check(length: end - position)
        number += 1
        return RawLine(bytes: Array(buffer[position..<end]), number: number, offset: bufferOffset + position)
    }

    private func check(length: Int) throws(StatementError) {
        guard length > StatementLimits.maxLineBytes else { return }
        throw .at(fileName, line: number + 1, statement: nil,
                  "a line longer than \(StatementLimits.maxLineBytes) bytes; this is no bank statement")
    }

    private mutating func refill() throws(StatementError) {
        if position > 0 {
            buffer.removeFirst(position)
            bufferOffset += position
            position = 0
        }
        let piece = try source.read(upTo: StatementLimits.pieceSize)
        if piece.isEmpty { atEnd = true } else { buffer += piece }
    }
}
