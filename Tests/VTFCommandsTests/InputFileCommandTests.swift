import Foundation
import Testing

/// Issue 10 items 11 and 13: `import --file /dev/zero` grew without end, a FIFO as `--key` or as
/// a bundle's journal hung, a JSONL line had no cap below 16 MiB. Every outside file is now a
/// regular file read within a cap: these are refused at once (exit 2; `audit verify` fails the
/// bundle, exit 1), the ledger unchanged. Each runs under a watchdog, so a hang fails the test.
@Suite("Outside files are regular and bounded")
struct InputFileCommandTests {
    private func refused(_ ledger: TestLedger, _ arguments: [String], key: String? = nil, status: Int32 = 2, containing words: String,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try ledger.fileBytes()
        let outcome = try Watchdog.vtf(arguments, in: ledger.dir, environment: ["VTF_LEDGER": ledger.ledger, "VTF_KEY": key ?? ledger.key("alice")])
        #expect(!outcome.hung, "vtf \(arguments.joined(separator: " ")) hung", sourceLocation: sourceLocation)
        #expect(outcome.status == status, "exit \(outcome.status): \(outcome.stderr)\(outcome.stdout)", sourceLocation: sourceLocation)
        #expect((outcome.stderr + outcome.stdout).contains(words), "\(outcome.stderr)\(outcome.stdout)", sourceLocation: sourceLocation)
        #expect(try ledger.fileBytes() == before, "the ledger changed", sourceLocation: sourceLocation)
    }

    @Test func importRefusesDevZeroAFIFOAndAFolder() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        try refused(ledger, ["import", "--file", "/dev/zero"], containing: "/dev/zero is a device, not a regular file")
        let fifo = ledger.dir + "/vouchers.jsonl"
        mkfifo(fifo, 0o600)
        try refused(ledger, ["import", "--file", fifo], containing: "is a FIFO (named pipe), not a regular file")
        try refused(ledger, ["import", "--file", ledger.dir], containing: "is a folder, not a regular file")
    }

    @Test func importRefusesALineOverOneMebibyte() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let path = ledger.dir + "/long.jsonl"
        let good = #"{"date":"2026-02-01","memo":"ok","postings":[{"account":"1100","amount":"1.00"},{"account":"4100","amount":"-1.00"}]}"#
        let long = #"{"date":"2026-02-01","memo":""# + String(repeating: "x", count: 2 << 20) + #""}"#
        try (good + "\n" + long + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try refused(ledger, ["import", "--file", path], containing: "line 2 is longer than 1 MiB")
    }

    @Test func aKeyThatIsAFIFOOrADeviceIsRefused() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let fifo = ledger.dir + "/alice-fifo.pem"
        mkfifo(fifo, 0o600)
        let post = ["post", "--date", "2026-02-01", "--memo", "m", "--posting", "1100:1.00", "--posting", "4100:-1.00"]
        try refused(ledger, post, key: fifo, containing: "not a regular file")
        try refused(ledger, post, key: "/dev/zero", containing: "not a regular file")
    }

    @Test func aDraftFileThatIsAFIFOIsRefused() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let fifo = ledger.dir + "/draft.json"
        mkfifo(fifo, 0o600)
        try refused(ledger, ["post", "--file", fifo], containing: "is a FIFO (named pipe), not a regular file")
        try refused(ledger, ["post", "--file", "/dev/zero"], containing: "is a device")
    }

    /// Before: `audit verify` hashed journal.jsonl through FileHandle, which blocks on a FIFO and
    /// reads /dev/zero for ever.
    @Test func aBundleWhoseJournalIsAFIFOOrALinkToDevZeroFails() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let vkey = try ledger.vtf(["log", "vkey"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for (name, replace) in [("fifo", { (path: String) in _ = mkfifo(path, 0o600) }),
                                ("zero", { (path: String) in try? FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero") })] {
            let bundle = ledger.dir + "/bundle-\(name)"
            #expect(try ledger.vtf(["audit", "export", bundle]).status == 0)
            let journal = bundle + "/journal.jsonl"
            try FileManager.default.removeItem(atPath: journal)
            replace(journal)
            try refused(ledger, ["audit", "verify", bundle, "--vkey", vkey], status: 1, containing: "journal.jsonl: is not a regular file")
        }
    }

    @Test func aBundleWhoseVerifierKeyIsAFIFOOrHugeFails() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let vkey = try ledger.vtf(["log", "vkey"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let bundle = ledger.dir + "/bundle"
        #expect(try ledger.vtf(["audit", "export", bundle]).status == 0)
        let manifest = bundle + "/MANIFEST"
        try FileManager.default.removeItem(atPath: manifest)
        mkfifo(manifest, 0o600)
        try refused(ledger, ["audit", "verify", bundle, "--vkey", vkey], status: 1, containing: "MANIFEST: is not a regular file")
        try FileManager.default.removeItem(atPath: manifest)
        try FileManager.default.createSymbolicLink(atPath: manifest, withDestinationPath: "/dev/zero")
        try refused(ledger, ["audit", "verify", bundle, "--vkey", vkey], status: 1, containing: "MANIFEST: is not a regular file")
    }
}
