import Foundation
import Testing

/// The test server (Scripts/test starts one and sets these): a PostgreSQL URL without a schema,
/// and, when Scripts/test started the cluster itself, its folder (for a standby of it).
enum TestPostgres {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["VTF_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let clusterDir = environment["VTF_TEST_POSTGRES_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    /// Scripts/test sets VTF_REQUIRE_POSTGRES=1: then a missing server fails these tests.
    static let required = environment["VTF_REQUIRE_POSTGRES"] == "1"
    static var enabled: Bool { url != nil || required }

    /// The URL of a new schema of the test server (one ledger per schema).
    static func ledger(_ label: String) throws -> String {
        guard let url else { throw Missing() }
        let unique = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        return url + (url.contains("?") ? "&" : "?") + "schema=\(label)_\(unique)"
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "VTF_REQUIRE_POSTGRES=1 but VTF_TEST_POSTGRES_URL names no server (Scripts/test starts one)" }
    }
}

/// The ledger's commands on a PostgreSQL ledger (issue 14 point 1): the same commands, the same
/// output as on a file, and clear refusals for what cannot work.
@Suite("Commands on a PostgreSQL ledger")
struct PostgresCommandTests {
    /// Runs the same small year of commands on `ledger` (a file or a URL), returning the outputs
    /// to compare.
    static func smallYear(on ledger: String, keys dir: String) throws -> [String] {
        func vtf(_ arguments: [String], key: String? = "alice") throws -> CLI.Result {
            var env = ["VTF_LEDGER": ledger]
            if let key { env["VTF_KEY"] = dir + "/\(key).pem" }
            let result = try CLI.vtf(arguments, in: dir, environment: env)
            #expect(result.status == 0, "vtf \(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }
        _ = try vtf(["init", "--origin", "test.example/pg", "--fund-name", "Test Fund", "--admin-key", dir + "/admin.pem",
                     "--log-key", dir + "/log.pem", "--date", "2026-01-01"], key: nil)
        _ = try vtf(["key", "register", "--key", dir + "/admin.pem", "--public-key", dir + "/alice.pem.pub", "--holder", "alice",
                     "--role", "fund-manager", "--date", "2026-01-01"], key: nil)
        for (code, type) in [("1100", "asset"), ("4100", "revenue"), ("5100", "expense")] {
            _ = try vtf(["account", "open", code, "--name", "Account \(code)", "--type", type, "--date", "2026-01-01"])
        }
        _ = try vtf(["post", "--date", "2026-02-01", "--memo", "gift", "--ref", "P1", "--posting", "1100:1250.75", "--posting", "4100:-1250.75"])
        _ = try vtf(["post", "--date", "2026-03-01", "--memo", "spend", "--ref", "P2", "--posting", "5100:300.10", "--posting", "1100:-300.10"])
        var outputs: [String] = []
        for arguments in [["report", "trial-balance", "--as-of", "2026-12-31"], ["balance"], ["balance", "--as-of", "2026-02-15", "--format", "json"],
                          ["report", "financial-position", "--as-of", "2026-12-31", "--format", "json"]] {
            outputs.append(try vtf(arguments, key: nil).stdout)
        }
        let verified = try vtf(["verify"], key: nil).stdout
        outputs.append(String(verified.prefix { $0 != "," }))
        return outputs
    }

    static func keys() throws -> String {
        let dir = TestLedger.newFolder()
        for name in ["admin", "log", "alice"] {
            let made = try CLI.vtf(["key", "generate", "--out", dir + "/\(name).pem", "--name", name.capitalized], in: dir)
            #expect(made.status == 0, "\(made.stderr)")
        }
        return dir
    }

    @Test("the same commands print the same on a PostgreSQL ledger as on a file", .enabled(if: TestPostgres.enabled))
    func sameOutputAsOnAFile() throws {
        let dir = try Self.keys()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let onFile = try Self.smallYear(on: dir + "/books.ledger", keys: dir)
        let onServer = try Self.smallYear(on: try TestPostgres.ledger("same"), keys: dir)
        #expect(onFile.count == onServer.count)
        for (file, server) in zip(onFile, onServer) { #expect(file == server) }
        #expect(onServer.last?.hasPrefix("ok: 7 entries") == true, "\(onServer.last ?? "")")
    }

    @Test("a password in the URL, a server that is not there, a missing database, a schema with no ledger: clear refusals", .enabled(if: TestPostgres.enabled))
    func clearRefusals() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let withPassword = try CLI.vtf(["verify", "--ledger", "postgresql://fund:s3cret-never-shown@127.0.0.1/books"], in: dir)
        #expect(withPassword.status == 2)
        #expect(withPassword.stderr.contains("PGPASSWORD") && !withPassword.stderr.contains("s3cret-never-shown"), "\(withPassword.stderr)")

        let nobody = try CLI.vtf(["verify", "--ledger", "postgresql://postgres@127.0.0.1:1/postgres?sslmode=disable"], in: dir)
        #expect(nobody.status == 3)
        #expect(nobody.stderr.contains("cannot reach the PostgreSQL server at 127.0.0.1:1 (Connection refused): check that it runs"), "\(nobody.stderr)")
        #expect(!nobody.stderr.contains("SingleConnectionFailure"), "NIO's internals are not the user's business: \(nobody.stderr)")
        let unknownHost = try CLI.vtf(["verify", "--ledger", "postgresql://postgres@no-such-host.invalid/postgres?sslmode=disable"], in: dir)
        #expect(unknownHost.status == 3 && unknownHost.stderr.contains("no-such-host.invalid"), "\(unknownHost.stderr)")

        let server = try #require(TestPostgres.url)
        let base = String(server.prefix { $0 != "?" })
        let database = try #require(base.lastIndex(of: "/"))
        let noDatabase = try CLI.vtf(["verify", "--ledger", base[..<database] + "/no_such_db"], in: dir)
        #expect(noDatabase.status == 2)
        #expect(noDatabase.stderr.contains("does not exist"), "\(noDatabase.stderr)")

        let empty = try CLI.vtf(["verify", "--ledger", try TestPostgres.ledger("empty")], in: dir)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("holds no vtf ledger") && empty.stderr.contains("vtf store migrate"), "\(empty.stderr)")
    }

    @Test("a second init into a schema that holds a ledger is refused and changes nothing", .enabled(if: TestPostgres.enabled))
    func secondInitRefused() throws {
        let dir = try Self.keys()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = try TestPostgres.ledger("twice")
        let first = try Self.smallYear(on: ledger, keys: dir)
        let again = try CLI.vtf(["init", "--ledger", ledger, "--origin", "test.example/pg", "--fund-name", "Other", "--admin-key", dir + "/admin.pem",
                                 "--log-key", dir + "/log.pem", "--date", "2026-01-01"], in: dir)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already holds a ledger"), "\(again.stderr)")
        let verified = try CLI.vtf(["verify", "--ledger", ledger], in: dir)
        #expect(verified.stdout.prefix { $0 != "," } == first.last?.prefix { $0 != "," })
        // The demo into that schema is refused before it makes its folder or a key.
        let demo = try CLI.vtf(["demo", "--dir", "demo", "--ledger", ledger], in: dir)
        #expect(demo.status == 2 && demo.stderr.contains("--ledger") && demo.stderr.contains("already holds a ledger"), "\(demo.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/demo"))
    }

    @Test("vtf demo on PostgreSQL builds the same year, with the same figures, as on a file", .enabled(if: TestPostgres.enabled))
    func demoOnPostgres() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = try TestPostgres.ledger("demo")
        let result = try CLI.vtf(["demo", "--dir", dir + "/demo", "--ledger", ledger], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        // The figures LedgerCommandTests checks on the file: the 2025 budget against the year's expenses.
        #expect(result.stdout.contains("Total                                  5100 + 5300 + 5400 + 5500 + 5200       231,000.00    171,500.00                 155,690.75                  15,809.25  90.8"))
        #expect(result.stdout.contains("ok: 247 entries, "), "\(result.stdout.suffix(2000))")
        let copy = try CLI.vtf(["store", "copy", "--from", ledger, "--to", dir + "/copy.ledger"], in: dir)
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout.contains("ok: 247 entries, root"), "\(copy.stdout)")
        // The same year on a file: every line the demo prints, and every statement, report and
        // bank file it writes, are the same once keys, signatures, times and paths are masked —
        // the fund's, reconciliation's and statements' commands answer alike on both stores.
        let onFile = try CLI.vtf(["demo", "--dir", dir + "/file"], in: dir)
        #expect(onFile.status == 0, "\(onFile.stderr)")
        let mask = DemoMask(ledgers: [ledger, dir + "/file/unvtf.ledger"], folders: [dir + "/demo", dir + "/file"])
        mask.expectSameYear(result.stdout, in: dir + "/demo", as: onFile.stdout, in: dir + "/file", label: "PostgreSQL")
    }

    @Test("a wrong password and a right one, from PGPASSWORD and from a password file", .enabled(if: TestPostgres.enabled))
    func passwords() throws {
        let server = try #require(TestPostgres.url)
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let role = "vtf_pw_" + UUID().uuidString.lowercased().prefix(8)
        let psql = ["/usr/bin/psql", "/usr/local/bin/psql"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "psql"
        let made = try CLI.run(psql, [server, "-v", "ON_ERROR_STOP=1", "-c", "CREATE ROLE \(role) LOGIN PASSWORD 'right-one'"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        defer { _ = try? CLI.run(psql, [server, "-c", "DROP ROLE IF EXISTS \(role)"], in: dir) }
        let base = String(server.prefix { $0 != "?" })
        let ledger = base.replacingOccurrences(of: "://postgres@", with: "://\(role)@") + "?schema=pw&sslmode=disable"
        let wrong = try CLI.vtf(["verify", "--ledger", ledger], in: dir, environment: ["PGPASSWORD": "wrong-one", "PGPASSFILE": dir + "/none"])
        #expect(wrong.status == 3, "\(wrong.stderr)")
        #expect(wrong.stderr.contains("authentication failed for role \(role)") && !wrong.stderr.contains("wrong-one"), "\(wrong.stderr)")
        // The right password from a password file: past authentication, to a schema with no ledger.
        try "*:*:*:\(role):right-one\n".write(toFile: dir + "/pgpass", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir + "/pgpass")
        let right = try CLI.vtf(["verify", "--ledger", ledger], in: dir, environment: ["PGPASSFILE": dir + "/pgpass"])
        #expect(right.status == 2 && right.stderr.contains("holds no vtf ledger"), "\(right.stderr)")
        // A password file others may read is ignored, with a warning, as libpq does.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir + "/pgpass")
        let open = try CLI.vtf(["verify", "--ledger", ledger], in: dir, environment: ["PGPASSFILE": dir + "/pgpass"])
        #expect(open.status == 3 && !open.stderr.contains("right-one"), "\(open.stderr)")
    }

    @Test("store migrate creates a schema once; a writer role that does not exist, a superuser and the schema's owner are refused with the fix", .enabled(if: TestPostgres.enabled))
    func migrate() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = try TestPostgres.ledger("mig")
        let first = try CLI.vtf(["store", "migrate", "--ledger", ledger], in: dir)
        #expect(first.status == 0 && first.stdout.contains("ran 0001_journal.sql"), "\(first.stdout)\(first.stderr)")
        let again = try CLI.vtf(["store", "migrate", "--ledger", ledger], in: dir)
        #expect(again.status == 0 && again.stdout.contains("up to date"), "\(again.stdout)\(again.stderr)")
        let noRole = try CLI.vtf(["store", "migrate", "--ledger", ledger, "--writer-role", "no_such_role_here"], in: dir)
        #expect(noRole.status == 2)
        #expect(noRole.stderr.contains("no_such_role_here") && noRole.stderr.contains("create it first"), "\(noRole.stderr)")
        // The owner (here a superuser too) as the writer: no grant could hold it to SELECT and INSERT.
        let mighty = try CLI.vtf(["store", "migrate", "--ledger", ledger, "--writer-role", "postgres"], in: dir)
        #expect(mighty.status == 2 && mighty.stderr.contains("--writer-role postgres is a superuser"), "\(mighty.stderr)")
        #expect(!mighty.stdout.contains("granted"), "\(mighty.stdout)")
        // A role that owns the schema (not a superuser) could drop the append-only triggers.
        let server = try #require(TestPostgres.url)
        let owner = "vtf_own_" + UUID().uuidString.lowercased().prefix(8)
        let schema = "own_" + UUID().uuidString.lowercased().prefix(8)
        let psql = ["/usr/bin/psql", "/usr/local/bin/psql"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "psql"
        let made = try CLI.run(psql, [server, "-v", "ON_ERROR_STOP=1", "-c", "CREATE ROLE \(owner) LOGIN", "-c", "CREATE SCHEMA \(schema) AUTHORIZATION \(owner)"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        defer { _ = try? CLI.run(psql, [server, "-c", "DROP SCHEMA IF EXISTS \(schema) CASCADE", "-c", "DROP ROLE IF EXISTS \(owner)"], in: dir) }
        let owned = String(server.prefix { $0 != "?" }) + "?schema=\(schema)&sslmode=disable"
        let byOwner = try CLI.vtf(["store", "migrate", "--ledger", owned, "--writer-role", owner], in: dir)
        #expect(byOwner.status == 2 && byOwner.stderr.contains("owns the schema \(schema)"), "\(byOwner.stderr)")
        #expect(!byOwner.stdout.contains("granted"), "\(byOwner.stdout)")
    }
}

/// What differs between two runs of the demo by nature: key ids, signatures and roots (hex and
/// base64), recording times, and where the ledger and the folder are.
struct DemoMask {
    let ledgers: [String]
    let folders: [String]

    func lines(_ text: String) -> [String] {
        var text = text
        for ledger in ledgers {
            text = text.replacingOccurrences(of: ledger.replacingOccurrences(of: "&", with: "&amp;"), with: "LEDGER")
            text = text.replacingOccurrences(of: ledger, with: "LEDGER")
        }
        for folder in folders { text = text.replacingOccurrences(of: folder, with: "DIR") }
        text = text.replacing(#/[0-9a-f]{16,}/#, with: "HEX")
        text = text.replacing(#/[A-Za-z0-9+\/]{40,}={0,2}/#, with: "B64")
        text = text.replacing(#/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/#, with: "TIME")
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Every line a demo printed (`output`, its folder `folder`) and every statement, report and
    /// bank file it wrote are those of the demo on a file (`fileOutput` in `fileFolder`), once
    /// keys, signatures, times and paths are masked.
    func expectSameYear(
        _ output: String, in folder: String, as fileOutput: String, in fileFolder: String, label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (other, file) = (lines(output), lines(fileOutput))
        #expect(other.count == file.count && other.count > 700, "\(other.count) and \(file.count) lines", sourceLocation: sourceLocation)
        for (index, (a, b)) in zip(other, file).enumerated() where a != b {
            Issue.record("demo output line \(index + 1) differs:\n  \(label): \(a)\n  file: \(b)", sourceLocation: sourceLocation)
        }
        let written = ((try? FileManager.default.contentsOfDirectory(atPath: fileFolder)) ?? []).filter { name in
            [".json", ".html", ".csv", ".note", ".sta", ".xml"].contains { name.hasSuffix($0) }
        }
        #expect(written.count >= 10, "\(written)", sourceLocation: sourceLocation)
        for name in written {
            // Bank files keep their banks' encodings (one is not UTF-8): compared as decoded, lossily.
            let a = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))) ?? Data(), as: UTF8.self)
            let b = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: fileFolder + "/" + name))) ?? Data(), as: UTF8.self)
            #expect(!a.isEmpty && lines(a) == lines(b), "\(name) differs between the demo (\(label)) and on a file", sourceLocation: sourceLocation)
        }
    }
}
