import Foundation

/// The bytes of a camt.053 document handed to Foundation's XML parser in pieces of at most
/// 16 KiB (libxml2 refuses a single chunk over 10 MB as "not well-formed", so a large document
/// must never be given whole). Every piece is checked before the parser sees it: UTF-8 only (a
/// multi-byte character split between pieces is held back until complete), no NUL byte, no
/// `<!DOCTYPE` or `<!ENTITY`, and an XML declaration naming no other encoding than UTF-8.
final class CamtInputStream: InputStream {
    typealias Pull = (Int) throws(StatementError) -> [UInt8]

    private let pull: Pull
    private let fileName: String
    /// Why the bytes were refused, if they were; the parse then stops.
    private(set) var problem: StatementError?
    private var held: [UInt8] = []
    /// The last bytes handed out, to find a declaration split between pieces.
    private var tail: [UInt8] = []
    private var line = 1
    private var started = false
    private var sourceEnded = false
    private var status: Stream.Status = .notOpen

    init(fileName: String, pull: @escaping Pull) {
        self.fileName = fileName
        self.pull = pull
        super.init(data: Data())
    }

    override func open() { status = .open }
    override func close() { status = .closed }
    override var streamStatus: Stream.Status { status }
    override var hasBytesAvailable: Bool { !(sourceEnded && held.isEmpty) && problem == nil }
    override var streamError: (any Error)? { problem }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        guard problem == nil else { return -1 }
        guard length >= 4 else {
            problem = StatementError("\(fileName): the XML parser asked for fewer than 4 bytes at a time")
            return -1
        }
        do throws(StatementError) {
            let piece = try next(upTo: min(length, StatementLimits.pieceSize))
            piece.withUnsafeBufferPointer { bytes in
                if let base = bytes.baseAddress { buffer.update(from: base, count: bytes.count) }
            }
            return piece.count
        } catch {
            problem = error
            status = .error
            return -1
        }
    }

    /// The next checked piece, empty at the end.
    private func next(upTo length: Int) throws(StatementError) -> [UInt8] {
        var bytes: [UInt8] = []
        repeat {
            bytes = held
            held = []
            // Whole pieces of `length` bytes, whatever the source gives at a time.
            while !sourceEnded && bytes.count < length {
                let piece = try pull(length - bytes.count)
                if piece.isEmpty { sourceEnded = true } else { bytes += piece }
            }
            if bytes.count > length {
                held = Array(bytes[length...])
                bytes.removeSubrange(length...)
            }
            if !(sourceEnded && held.isEmpty) {
                let cut = Self.completeLength(bytes)
                held = Array(bytes[cut...]) + held
                bytes.removeSubrange(cut...)
            }
        } while bytes.isEmpty && !(sourceEnded && held.isEmpty)
        if !started {
            started = true
            try checkDeclaration(bytes)
        }
        try check(bytes)
        line += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        tail = Array((tail + bytes).suffix(8))
        return bytes
    }

    /// How many of `bytes` end on a whole UTF-8 character (a split one is held back).
    static func completeLength(_ bytes: [UInt8]) -> Int {
        var index = bytes.count - 1
        let lowest = max(0, bytes.count - 3)
        while index >= lowest {
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 {
                let needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                return index + needed > bytes.count ? index : bytes.count
            }
            index -= 1
        }
        return bytes.count
    }

    private func fail(at offset: Int, in bytes: [UInt8], _ message: String) -> StatementError {
        let before = bytes.prefix(offset).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return .at(fileName, line: line + before, statement: nil, message)
    }

    private func check(_ bytes: [UInt8]) throws(StatementError) {
        if String(validating: bytes, as: UTF8.self) == nil {
            let offset = TextDecoding.firstInvalidUTF8(bytes) ?? 0
            throw fail(at: offset, in: bytes, "the document is not valid UTF-8")
        }
        if let nul = bytes.firstIndex(of: 0) { throw fail(at: nul, in: bytes, "the document contains a NUL byte") }
        if let offset = Self.declarationOffset(tail + bytes) {
            throw fail(at: max(0, offset - tail.count), in: bytes, "DTDs and entity declarations are not allowed in camt.053")
        }
    }

    /// Where `<!DOCTYPE` or `<!ENTITY` starts in `bytes`, if it does.
    static func declarationOffset(_ bytes: [UInt8]) -> Int? {
        let doctype = Array("<!DOCTYPE".utf8)
        let entity = Array("<!ENTITY".utf8)
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x3C, bytes[index + 1] == 0x21 {
                let rest = bytes[index...]
                if rest.starts(with: doctype) || rest.starts(with: entity) { return index }
            }
            index += 1
        }
        return nil
    }

    /// An XML declaration must name UTF-8 when it names an encoding.
    private func checkDeclaration(_ bytes: [UInt8]) throws(StatementError) {
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
        guard head.hasPrefix("<?xml"), let end = head.firstIndex(of: ">") else { return }
        let declaration = head[..<end].lowercased().replacing("'", with: "\"")
        guard declaration.contains("encoding"), !declaration.contains("encoding=\"utf-8\"") else { return }
        throw .at(fileName, line: 1, statement: nil, "the XML declaration names another encoding than UTF-8")
    }
}
