import Foundation
import SafeIO
import Testing

@Suite("InputFile: regular files only, bounded")
struct InputFileTests {
    @Test func aRegularFileIsReadWhole() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("draft.json", Array(#"{"a":1}"#.utf8))
        #expect(try InputFile.text(path, kind: .jsonDocument) == #"{"a":1}"#)
    }

    /// Before: FileManager.contents(atPath:) and open(O_RDONLY) block on a FIFO until a writer comes.
    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.fifo("key.pem")
        #expect(throws: InputFileError.self) { _ = try InputFile(path: fifo, kind: .keyFile) }
        do { _ = try InputFile(path: fifo, kind: .keyFile) } catch {
            #expect(error.code == .notRegular)
            #expect(error.message.contains("FIFO") && error.message.contains(fifo), "\(error.message)")
        }
    }

    @Test func aLinkToDevZeroIsRefused() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.file("journal.jsonl"), withDestinationPath: "/dev/zero")
        do {
            _ = try InputFile.read(folder.file("journal.jsonl"), kind: .bundleJournal)
            Issue.record("a link to /dev/zero was read")
        } catch {
            #expect(error.code == .notRegular && error.message.contains("a device"), "\(error.message)")
        }
        #expect(throws: InputFileError.self) { _ = try InputFile(path: "/dev/zero", kind: .jsonLines) }
    }

    @Test func aLinkToARegularFileIsFollowed() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let target = try folder.write("real.json", Array("{}".utf8))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.json"), withDestinationPath: target)
        #expect(try InputFile.text(folder.file("link.json"), kind: .jsonDocument) == "{}")
    }

    @Test func aFolderIsRefused() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do { _ = try InputFile(path: folder.path, kind: .jsonDocument) } catch {
            #expect(error.code == .notRegular && error.message.contains("a folder"), "\(error.message)")
            return
        }
        Issue.record("a folder was opened as an input file")
    }

    @Test func aFileOverItsKindsCapIsRefused() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let cap = try #require(InputKind.keyFile.byteCountMax)
        let path = try folder.write("big.pem", [UInt8](repeating: 0x41, count: cap + 1))
        do { _ = try InputFile.read(path, kind: .keyFile) } catch {
            #expect(error.code == .tooLarge && error.message.contains("64 KiB"), "\(error.message)")
            return
        }
        Issue.record("a file over the cap was read")
    }

    @Test func aMissingFileIsNamed() {
        do { _ = try InputFile(path: "/nonexistent/vtf/key.pem", kind: .keyFile) } catch {
            #expect(error.code == .notFound && error.message == "there is no key file at /nonexistent/vtf/key.pem")
            return
        }
        Issue.record("a missing file was opened")
    }

    @Test func everyKindWholeReadHasACapAndStreamedKindsALineCap() {
        let kinds: [InputKind] = [.keyFile, .jsonDocument, .jsonLines, .textTable, .bundleManifest, .bundleVerifierKey,
                                  .bundleCheckpoint, .bundleJournal, .bankStatement]
        for kind in kinds {
            #expect(kind.byteCountMax != nil || [.jsonLines, .bundleJournal].contains(kind), "\(kind)")
            #expect(LineCap.of(kind) > 0)
        }
        #expect(LineCap.jsonLines == 1 << 20)
    }
}
