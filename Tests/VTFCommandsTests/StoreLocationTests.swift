import Foundation
import LedgerStore
import SQLiteStore
import Testing
@testable import VTFCommands

/// `--ledger` picks the store in one place (``StoreLocation``): a path is a SQLite ledger file;
/// a `postgresql://` URL names a schema of a PostgreSQL database, and one with a password is
/// refused with exit 2, the password never echoed (issue 14).
@Suite("Store location: the --ledger value picks the store")
struct StoreLocationTests {
    @Test func aPathNamesASQLiteFile() throws {
        #expect(try StoreLocation("books/fund.ledger") == .sqliteFile("books/fund.ledger"))
        #expect(try StoreLocation("/tmp/a:b.ledger") == .sqliteFile("/tmp/a:b.ledger"))
        #expect(try StoreLocation("./postgresql/fund.ledger") == .sqliteFile("./postgresql/fund.ledger"))
    }

    @Test func aPostgreSQLURLNamesASchema() throws {
        guard case .postgres(let location) = try StoreLocation("postgresql://fund@db.example.org:5433/unvtf?schema=books&sslmode=verify-full") else {
            Issue.record("a postgresql:// URL names a PostgreSQL ledger")
            return
        }
        #expect(location.user == "fund" && location.host == "db.example.org" && location.port == 5433)
        #expect(location.database == "unvtf" && location.schema == "books" && location.sslMode == .verifyFull)
        #expect(try StoreLocation("PostgreSQL://fund@h/db") != .sqliteFile("PostgreSQL://fund@h/db"))
    }

    @Test(arguments: ["postgresql://vtf:s3cret@db.example.org/unvtf", "postgres://vtf:s3cret@db.example.org:5432/unvtf", "postgresql://vtf@h/db?password=s3cret"])
    func aPasswordInTheURLIsRefusedWithoutEchoingIt(url: String) throws {
        let error = try #require(throws: InputError.self) { try StoreLocation(url) }
        #expect(error.message.contains("PGPASSWORD"), "\(error.message)")
        #expect(!error.message.contains("s3cret"), "\(error.message)")
    }

    @Test func anUnknownSchemeIsRefused() throws {
        let error = try #require(throws: InputError.self) { try StoreLocation("mysql://h/db") }
        #expect(error.message.contains("vtf keeps no ledger at a mysql URL"), "\(error.message)")
    }

    /// The options open the ledger through the seam: a reader and a writer of the same journal.
    @Test func theOptionsOpenTheLedgerThroughTheSeam() async throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        var options = LedgerOptions()
        options.ledger = ledger.ledger
        let reader = try await options.openReading()
        let writer = try await options.openWriting()
        #expect(reader is SQLiteLedger && writer is SQLiteLedger)
        let count = try await reader.entryCount()
        #expect(count > 0)
        #expect(try await writer.entryCount() == count)
        options.ledger = ledger.dir + "/missing.ledger"
        let missing = try await #require(throws: StoreError.self) { try await options.openReading() }
        #expect(missing.code == .notFound)
    }

    /// On the command line: a password in the URL is refused with exit 2, the reason, no file
    /// made; the same from $VTF_LEDGER.
    @Test func theCommandsRefuseAPasswordInTheURLWithExit2() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let url = "postgresql://vtf:s3cret@db.example.org/unvtf"
        let list = try CLI.vtf(["account", "list", "--ledger", url], in: ledger.dir)
        #expect(list.status == 2, "\(list.stderr)")
        #expect(list.stderr.contains("PGPASSWORD") && !list.stderr.contains("s3cret"), "\(list.stderr)")
        let post = try ledger.vtf(["post", "--date", "2026-02-01", "--memo", "x", "--posting", "1100:1", "--posting", "4100:-1"],
                                  environment: ["VTF_LEDGER": url])
        #expect(post.status == 2, "\(post.stderr)")
        #expect(post.stderr.contains("PGPASSWORD") && !post.stderr.contains("s3cret"), "\(post.stderr)")
        #expect(!FileManager.default.fileExists(atPath: ledger.dir + "/postgresql:"))
    }

    /// A command writing through the seam closes the ledger before it exits: its -wal is
    /// checkpointed into the file and removed, as after a command on the file itself, so a
    /// copy of the file alone is the whole ledger.
    @Test func aWriteThroughTheSeamLeavesNoWAL() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        for index in 1...5 {
            let open = try ledger.vtf(["account", "open", "170\(index)", "--name", "Cash \(index)", "--type", "asset", "--date", "2026-01-02"])
            #expect(open.status == 0, "\(open.stderr)")
            #expect(!FileManager.default.fileExists(atPath: ledger.ledger + "-wal"), "after account open \(index)")
        }
    }
}
