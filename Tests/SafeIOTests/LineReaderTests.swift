import Foundation
import SafeIO
import Testing

@Suite("LineReader: lines streamed, each capped")
struct LineReaderTests {
    private func lines(_ bytes: [UInt8], cap: Int? = nil, keepCR: Bool = false) throws -> [[UInt8]] {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var reader = try LineReader(path: try folder.write("f.jsonl", bytes), keepCarriageReturns: keepCR, lineCap: cap)
        var result: [[UInt8]] = []
        while let line = try reader.next() { result.append(line) }
        return result
    }

    @Test func linesWithAndWithoutAFinalNewline() throws {
        #expect(try lines(Array("a\nbb\r\nccc".utf8)) == [Array("a".utf8), Array("bb".utf8), Array("ccc".utf8)])
        #expect(try lines(Array("a\r\n".utf8), keepCR: true) == [Array("a\r".utf8)])
        #expect(try lines([]) == [])
    }

    /// Before: one line was buffered whole, however long (a 200 MB line took 200 MB and more).
    @Test func aLineOverTheCapIsRefusedNamingItsNumber() throws {
        let bytes = Array("ok\n".utf8) + [UInt8](repeating: 0x7B, count: 5000) + [0x0A]
        do {
            _ = try lines(bytes, cap: 4096)
            Issue.record("a 5000-byte line passed a 4096-byte cap")
        } catch let error as InputFileError {
            #expect(error.code == .lineTooLong && error.message.contains("line 2 is longer than 4 KiB"), "\(error.message)")
        }
    }

    @Test func aLineOverTheCapSpanningReadsIsRefused() throws {
        // Longer than one 1 MiB read, newline present: the cap holds across reads too.
        let bytes = [UInt8](repeating: 0x20, count: (1 << 20) + 10) + [0x0A]
        #expect(throws: InputFileError.self) { try lines(bytes) }
        #expect(try lines([UInt8](repeating: 0x20, count: 1 << 20) + [0x0A]).first?.count == 1 << 20)
    }

    @Test func theCapIsDefaultedByKindAndOffsetsAreKept() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("j.jsonl", Array("one\ntwo\nthree\n".utf8))
        var reader = try LineReader(path: path, kind: .bundleJournal)
        #expect(reader.lineCap == LineCap.bundleJournal)
        _ = try reader.next()
        #expect(reader.nextLineOffset == 4)
        var again = try LineReader(path: path, offset: 4)
        #expect(try again.next() == Array("two".utf8))
    }
}
