import Foundation
import Testing

/// What a command does when its output cannot be written. An outside trial's
/// `vtf grant award … | true` died of SIGPIPE (status 141) after its entry was recorded, and a
/// script that retried on it was refused a duplicate ref; `>/dev/full` lost the output and exited 0.
@Suite("Output that cannot be written")
struct ClosedOutputTests {
    private func shell(_ script: String, in dir: String) throws -> CLI.Result {
        try CLI.run("/bin/bash", ["-c", script], in: dir, environment: ["VTF": CLI.binary])
    }

    @Test func aReaderThatLeavesChangesNothingAndAFullDiskIsAFailure() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-pipe-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The command does its work and exits 0 though nobody reads what it prints.
        let closed = try shell(#""$VTF" key generate --out k.pem --name x | true; echo "status ${PIPESTATUS[0]}""#, in: dir)
        #expect(closed.stdout.contains("status 0"), "\(closed.stdout)\(closed.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/k.pem"))
        // Output to a full device is lost: a system failure (3), said on standard error.
        let full = try shell(#""$VTF" key list --help >/dev/full; echo "status $?""#, in: dir)
        #expect(full.stdout.contains("status 3"), "\(full.stdout)\(full.stderr)")
        #expect(full.stderr.contains("the output could not be written: No space left on device"), "\(full.stderr)")
    }
}
