import Foundation
import GRDB
import Testing

/// What the machine lets a test do to take write access away from vtf (the tests run as root,
/// for whom file modes alone change nothing).
enum WriteAccess {
    /// `unshare -m` + a read-only bind mount: the kernel answers EROFS, as on a read-only mount.
    static let canMountReadOnly: Bool = works(["/usr/bin/unshare", "-m", "true"])
    /// `setpriv` without CAP_DAC_OVERRIDE: root obeys file modes, as an auditor without write access.
    static let canDropOverride: Bool = works(["/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search", "true"])

    private static func works(_ command: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: command[0]),
            let result = try? CLI.run(command[0], Array(command.dropFirst()), in: "/")
        else { return false }
        return result.status == 0
    }

    /// `vtf args` run with the ledger's folder bind-mounted read-only.
    static func onReadOnlyMount(_ folder: String, _ arguments: [String], ledger: String) throws -> CLI.Result {
        try CLI.run("/usr/bin/unshare", [
            "-m", "sh", "-c", "mount --bind -o ro \"$0\" \"$0\" && exec \"$@\"", folder, CLI.binary,
        ] + arguments + ["--ledger", ledger], in: folder)
    }

    /// `vtf args` run as root without the right to override file modes.
    static func withoutOverride(_ folder: String, _ arguments: [String], ledger: String) throws -> CLI.Result {
        try CLI.run("/usr/bin/setpriv", ["--bounding-set=-dac_override,-dac_read_search", CLI.binary] + arguments + ["--ledger", ledger], in: folder)
    }
}

@Suite("Storage safety: stale -wal, read-only ledgers")
struct StorageSafetyTests {
    private func modified(_ path: String) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    }

    /// An older copy of the ledger's own -wal put back: the next post is refused with exit 3,
    /// both files stay byte-identical, and the ledger is whole once the -wal is moved aside.
    @Test func postWithAStaleWALExits3AndTouchesNothing() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        var holder: DatabaseQueue? = try DatabaseQueue(path: ledger.ledger)  // keeps the -wal while vtf writes
        for index in 1...3 { try ledger.post(["1100:10", "4100:-10"], ref: "OLD-\(index)") }
        let old = try Data(contentsOf: URL(fileURLWithPath: ledger.ledger + "-wal"))
        for index in 1...20 { try ledger.post(["1100:10", "4100:-10"], ref: "NEW-\(index)") }
        holder = nil  // the last close copies the -wal into the file and removes it
        #expect(holder == nil && !FileManager.default.fileExists(atPath: ledger.ledger + "-wal"))
        try old.write(to: URL(fileURLWithPath: ledger.ledger + "-wal"))
        let before = try ledger.fileBytes()
        let post = try ledger.post(["1100:10", "4100:-10"], ref: "X")
        #expect(post.status == 3, "\(post.stderr)")
        #expect(post.stderr.contains("does not belong to this ledger") && post.stderr.contains("move it aside"), "\(post.stderr)")
        #expect(try ledger.vtf(["verify"]).status == 3)
        #expect(try ledger.fileBytes() == before)
        try FileManager.default.moveItem(atPath: ledger.ledger + "-wal", toPath: ledger.ledger + "-wal.stale")
        let verify = try ledger.vtf(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    /// verify, balance and journal leave the ledger and its -wal byte-identical, mtime included.
    @Test func readOnlyCommandsWriteNothing() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        try ledger.post(["1100:10", "4100:-10"], ref: "R-1")
        let before = try ledger.fileBytes()
        let mtime = try modified(ledger.ledger)
        for arguments in [["verify"], ["balance"], ["journal", "export"], ["balance", "--format", "json"]] {
            let result = try ledger.vtf(arguments)
            #expect(result.status == 0, "vtf \(arguments): \(result.stderr)")
        }
        #expect(try ledger.fileBytes() == before)
        #expect(try modified(ledger.ledger) == mtime)
    }

    /// On a read-only mount (EROFS; SQLite cannot create the -shm) verify and balance work.
    @Test(.enabled(if: WriteAccess.canMountReadOnly)) func verifyAndBalanceOnAReadOnlyMount() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        try ledger.post(["1100:10", "4100:-10"], ref: "M-1")
        let before = try ledger.fileBytes()
        for arguments in [["verify"], ["balance"], ["journal", "export"]] {
            let result = try WriteAccess.onReadOnlyMount(ledger.dir, arguments, ledger: ledger.ledger)
            #expect(result.status == 0, "vtf \(arguments) on a read-only mount: \(result.stderr)")
        }
        let balance = try WriteAccess.onReadOnlyMount(ledger.dir, ["balance", "--format", "json"], ledger: ledger.ledger)
        #expect(balance.stdout.contains("\"1100\""), "\(balance.stdout)")
        #expect(try ledger.fileBytes() == before)
        // A post there fails as a system error, not a crash.
        let post = try WriteAccess.onReadOnlyMount(ledger.dir, ["post", "--date", "2026-02-01", "--memo", "m", "--posting", "1100:1", "--posting", "4100:-1", "--key", ledger.key("alice")], ledger: ledger.ledger)
        #expect(post.status == 3, "\(post.stderr)")
    }

    /// On a read-only mount, a -wal holding commits the file lacks cannot be read without a
    /// -shm: the command says so (exit 3) instead of showing the file's older state.
    @Test(.enabled(if: WriteAccess.canMountReadOnly)) func pendingWALOnAReadOnlyMountIsNamed() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let holder = try DatabaseQueue(path: ledger.ledger)  // keeps the -wal while vtf writes
        try ledger.post(["1100:10", "4100:-10"], ref: "W-1")
        let copy = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: ledger.ledger + suffix, toPath: copy + "/test.ledger" + suffix)
        }
        try holder.close()
        let verify = try WriteAccess.onReadOnlyMount(copy, ["verify"], ledger: copy + "/test.ledger")
        #expect(verify.status == 3 && verify.stderr.contains("Copy the ledger and its -wal together"), "\(verify.stderr)")
    }

    /// A ledger file (0444) in a folder (0555) the user cannot write: verify and balance work.
    @Test(.enabled(if: WriteAccess.canDropOverride)) func verifyAndBalanceWithoutWriteAccess() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        try ledger.post(["1100:10", "4100:-10"], ref: "P-1")
        let before = try ledger.fileBytes()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: ledger.ledger)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: ledger.dir)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: ledger.dir) }
        for arguments in [["verify"], ["balance"]] {
            let result = try WriteAccess.withoutOverride(ledger.dir, arguments, ledger: ledger.ledger)
            #expect(result.status == 0, "vtf \(arguments) without write access: \(result.stderr)")
        }
        #expect(try ledger.fileBytes() == before)
    }
}
