import Foundation
import PostgresStore
import Testing

/// The password lookup of `PostgresLocation`, as libpq does it: PGPASSWORD, else the password
/// file (PGPASSFILE or ~/.pgpass) with its wildcards, escapes, first match and permission rule.
@Suite("A PostgreSQL password looked up as libpq does")
struct PostgresPasswordLookupTests {
    /// A temporary folder holding `.pgpass` with `text`, at mode `mode`.
    struct Home {
        let path: String
        var file: String { path + "/.pgpass" }

        init(_ text: String, mode: Int = 0o600) throws {
            path = NSTemporaryDirectory() + "vtf-pgpass-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    static let location = { () -> PostgresLocation in
        do {
            return try PostgresLocation("postgresql://alice@db.example.org:6543/books", environment: [:])
        } catch {
            preconditionFailure("the test location parses: \(error)")
        }
    }()

    static func lookUp(_ text: String, mode: Int = 0o600, location: PostgresLocation = location) throws -> PostgresPasswordLookup {
        let home = try Home(text, mode: mode)
        defer { home.remove() }
        return location.lookUpPassword(environment: ["HOME": home.path], homeDirectory: nil)
    }

    @Test func pgpasswordComesFirst() throws {
        let home = try Home("*:*:*:*:fromfile\n")
        defer { home.remove() }
        let found = Self.location.lookUpPassword(environment: ["PGPASSWORD": "fromenv", "HOME": home.path], homeDirectory: nil)
        #expect(found.password?.secret == "fromenv")
        #expect(found.source == .environment)
        // An empty PGPASSWORD is none: the file is read.
        let fallback = Self.location.lookUpPassword(environment: ["PGPASSWORD": "", "HOME": home.path], homeDirectory: nil)
        #expect(fallback.password?.secret == "fromfile")
        #expect(fallback.source == .passwordFile(path: home.file, line: 1))
    }

    @Test func pgpassfileNamesTheFile() throws {
        let home = try Home("db.example.org:6543:books:alice:named\n")
        defer { home.remove() }
        let elsewhere = NSTemporaryDirectory() + "vtf-no-such-home-" + UUID().uuidString
        let found = Self.location.lookUpPassword(environment: ["PGPASSFILE": home.file, "HOME": elsewhere], homeDirectory: nil)
        #expect(found.password?.secret == "named")
        // Without HOME, the home folder given is used.
        let viaHome = Self.location.lookUpPassword(environment: [:], homeDirectory: home.path)
        #expect(viaHome.password?.secret == "named")
    }

    @Test func exactFieldsAndWildcards() throws {
        #expect(try Self.lookUp("db.example.org:6543:books:alice:exact\n").password?.secret == "exact")
        #expect(try Self.lookUp("*:6543:books:alice:anyhost\n").password?.secret == "anyhost")
        #expect(try Self.lookUp("db.example.org:*:*:alice:anyportdb\n").password?.secret == "anyportdb")
        #expect(try Self.lookUp("*:*:*:*:all").password?.secret == "all")  // no final newline
        // Each field must match whole: no prefix, no longer value, no case folding.
        for line in [
            "db.example.org:6543:books:bob:x", "db.example.org:5432:books:alice:x", "db.example.org:6543:book:alice:x",
            "db.example.org:6543:booksx:alice:x", "DB.example.org:6543:books:alice:x", "db:6543:books:alice:x",
            "db.example.org:6543:books:alice", "db.example.org:6543:books", "*x:6543:books:alice:x", "*",
        ] {
            let found = try Self.lookUp(line + "\n")
            #expect(found.password == nil, "\(line)")
            #expect(found.source == nil && found.warnings.isEmpty)
        }
    }

    @Test func firstMatchWinsCommentsAndBlankLinesSkipped() throws {
        let text = """
            # a comment: db.example.org:6543:books:alice:commented
            
            other.host:6543:books:alice:other
            db.example.org:6543:books:alice:first\r
            *:*:*:*:second
            """
        let found = try Self.lookUp(text)
        #expect(found.password?.secret == "first")  // and the \r of a CRLF line is not part of it
        #expect(found.source.map { if case .passwordFile(_, let line) = $0 { line } else { 0 } } == 4)
    }

    @Test func escapes() throws {
        let location = try PostgresLocation("postgresql://a%3Ab@h:1/d%5Cx", environment: [:])  // user a:b, database d\x
        #expect(try Self.lookUp("h:1:d\\\\x:a\\:b:pw\n", location: location).password?.secret == "pw")
        #expect(try Self.lookUp("h:1:d\\x:a\\:b:pw\n", location: location).password == nil)  // \x is x, not \x
        // In the password, \: is a colon and \\ a backslash; it ends at the first bare colon.
        #expect(try Self.lookUp("*:*:*:*:p\\:w\\\\d:ignored\n").password?.secret == "p:w\\d")
        #expect(try Self.lookUp("*:*:*:*:trailing\\").password?.secret == "trailing\\")
        // An empty password is none.
        let empty = try Self.lookUp("*:*:*:*:\n")
        #expect(empty.password == nil)
    }

    @Test func aFileOthersCanReadIsIgnoredWithAWarning() throws {
        for mode in [0o640, 0o604, 0o660, 0o610, 0o644, 0o666] {
            let found = try Self.lookUp("*:*:*:*:leaky\n", mode: mode)
            #expect(found.password == nil, "mode \(String(mode, radix: 8))")
            #expect(found.warnings.count == 1)
            #expect(found.warnings.first?.contains("group or world access") == true)
            #expect(found.warnings.first?.contains("chmod 0600") == true)
            #expect(found.warnings.first?.contains("leaky") == false)
        }
        for mode in [0o600, 0o400] {
            #expect(try Self.lookUp("*:*:*:*:private\n", mode: mode).password?.secret == "private")
        }
    }

    @Test func aMissingFileIsSilentlyNoneAFolderIsIgnoredWithAWarning() throws {
        let nowhere = NSTemporaryDirectory() + "vtf-no-such-home-" + UUID().uuidString
        let missing = Self.location.lookUpPassword(environment: ["HOME": nowhere], homeDirectory: nil)
        #expect(missing.password == nil && missing.source == nil && missing.warnings.isEmpty)
        let home = try Home("")
        defer { home.remove() }
        let folder = Self.location.lookUpPassword(environment: ["PGPASSFILE": home.path], homeDirectory: nil)
        #expect(folder.password == nil)
        #expect(folder.warnings.first?.contains("not a plain file") == true)
    }

    @Test func aPasswordIsNeverPrinted() throws {
        let password = PostgresPassword("Hunter2-s3cret")
        #expect(password.secret == "Hunter2-s3cret")
        var dumped = ""
        dump(password, to: &dumped)
        for shown in [password.description, password.debugDescription, String(reflecting: password), "\(password)", dumped] {
            #expect(!shown.contains("Hunter2"), "\(shown)")
        }
        let found = try Self.lookUp("*:*:*:*:Hunter2-s3cret\n")
        var dumpedLookup = ""
        dump(found, to: &dumpedLookup)
        #expect(!dumpedLookup.contains("Hunter2"))
        #expect(!String(describing: found).contains("Hunter2"))
        #expect(found.password == password)
    }
}
