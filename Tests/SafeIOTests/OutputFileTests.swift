import Foundation
import SafeIO
import Testing

@Suite("OutputFile: never over a ledger, over a file only with force, atomic")
struct OutputFileTests {
    private let sqlite = Array("SQLite format 3".utf8) + [0] + [UInt8](repeating: 7, count: 100)

    private func refusal(_ path: String, _ outputGuard: OutputGuard = OutputGuard(), force: Bool) -> OutputFileError? {
        do { try OutputFile.write(Array("new".utf8), to: path, guard: outputGuard, force: force) } catch { return error }
        return nil
    }

    @Test func theOpenLedgerIsNeverWrittenUnderAnySpelling() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let ledger = try folder.write("unvtf.ledger", sqlite)
        let outputGuard = OutputGuard(protecting: [ledger])
        try FileManager.default.createSymbolicLink(atPath: folder.file("link"), withDestinationPath: ledger)
        try FileManager.default.linkItem(atPath: ledger, toPath: folder.file("hard"))
        for path in [ledger, folder.file("link"), folder.file("hard"), folder.path + "/./unvtf.ledger"] {
            for force in [false, true] {
                #expect(refusal(path, outputGuard, force: force)?.code == .wouldOverwriteLedger, "\(path) force \(force)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == Data(sqlite))
    }

    @Test func aCopyOfALedgerAndSQLiteSideFilesAreNeverWritten() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let copy = try folder.write("copy.db", sqlite)
        for path in [copy, folder.file("unvtf.ledger-wal"), folder.file("unvtf.ledger-shm"), folder.file("x-journal")] {
            #expect(refusal(path, force: true)?.code == .wouldOverwriteLedger, "\(path)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data(sqlite))
        #expect(!FileManager.default.fileExists(atPath: folder.file("unvtf.ledger-wal")))
    }

    @Test func anExistingFileNeedsForceAndIsThenReplacedWhole() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("out.jsonl", Array("old contents, longer than the new".utf8))
        #expect(refusal(path, force: false)?.code == .exists)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents, longer than the new")
        #expect(refusal(path, force: true) == nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.jsonl"], "no temporary file left")
    }

    @Test func nothingChangesUntilCommitAndAnAbandonedFileLeavesNoTrace() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let file = try OutputFile(path: folder.file("new.csv"), guard: OutputGuard(), force: false)
            try file.write("a,b\r\n")
            #expect(!FileManager.default.fileExists(atPath: folder.file("new.csv")))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("an empty path, a name of blanks, a tab or a line break is refused, and nothing is written")
    func namesNoOneMeans() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        for path in ["", "\t", folder.file(" "), folder.file("\t"), folder.file("out\n.csv"), folder.file("a\u{1b}[2J.csv"), folder.path + "/  /x.csv"] {
            let error = refusal(path, force: true)
            #expect(error?.code == .badName, "\(path.debugDescription)")
            #expect(error.map { !$0.message.contains("\u{1b}") } ?? false, "the message is safe to print")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        // Spaces inside a name, and names in other scripts, are plain names.
        #expect(refusal(folder.file(" report 2025.csv"), force: false) == nil)
        #expect(refusal(folder.file("Отчёт-ÜNÏ.csv"), force: false) == nil)
    }

    @Test func aFolderOrAFIFOIsNotAnOutputFile() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        #expect(refusal(folder.path, force: true)?.code == .notRegular)
        #expect(refusal(folder.fifo("pipe"), force: true)?.code == .notRegular)
    }
}

@Suite("OutputFile: a path that cannot be created")
struct OutputFileCreateTests {
    @Test func aMissingFolderIsNamed() {
        do { try OutputFile.write([], to: "/nonexistent/vtf/out.csv", guard: OutputGuard(), force: false) } catch {
            #expect(error.code == .cannotCreate && error.message.contains("folder exists"), "\(error.message)")
            return
        }
        Issue.record("a file was written into a missing folder")
    }
}
