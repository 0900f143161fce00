import Foundation
import LedgerStore
import PostgresStore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `PostgresLocation`: the URL's parts, its defaults, its refusals (never echoing a password).
/// No server needed.
@Suite("A PostgreSQL location parsed from its URL")
struct PostgresLocationTests {
    static let environment = ["PGUSER": "envuser"]

    static func parse(_ url: String, _ environment: [String: String] = Self.environment) throws(PostgresLocationError) -> PostgresLocation {
        try PostgresLocation(url, environment: environment)
    }

    /// The refusal `url` gets (the test fails if it is accepted).
    static func refusal(_ url: String, _ environment: [String: String] = Self.environment) -> PostgresLocationError? {
        do {
            let location = try parse(url, environment)
            Issue.record("accepted \(url) as \(location)")
            return nil
        } catch {
            return error
        }
    }

    @Test func everyPartSpelledOut() throws {
        let location = try Self.parse("postgresql://alice@db.example.org:6543/books?schema=fund_a&sslmode=verify-full")
        #expect(location.user == "alice")
        #expect(location.host == "db.example.org")
        #expect(location.port == 6543)
        #expect(location.database == "books")
        #expect(location.schema == "fund_a")
        #expect(location.sslMode == .verifyFull)
        #expect(location.sslRootCertificatePath == nil)
        #expect(location.quotedSchema == "\"fund_a\"")
    }

    @Test func bothSchemesAnyCase() throws {
        for scheme in ["postgresql", "postgres", "PostgreSQL", "POSTGRES"] {
            let location = try Self.parse("\(scheme)://bob@127.0.0.1/x")
            #expect(location.host == "127.0.0.1" && location.user == "bob" && location.database == "x")
        }
        #expect(PostgresLocation.isPostgresURL("postgres://h/d"))
        #expect(PostgresLocation.isPostgresURL("POSTGRESQL://h/d"))
        #expect(!PostgresLocation.isPostgresURL("books.vtf"))
        #expect(!PostgresLocation.isPostgresURL("mysql://h/d"))
        #expect(!PostgresLocation.isPostgresURL("postgresql:/h/d"))
        #expect(Self.refusal("mysql://u@h/d")?.code == .notPostgresURL)
    }

    @Test func defaults() throws {
        let location = try Self.parse("postgresql://127.0.0.1/books")
        #expect(location.user == "envuser")  // PGUSER
        #expect(location.port == 5432)
        #expect(location.schema == "vtf")
        #expect(location.sslMode == .prefer)
        #expect(PostgresLocation.defaultPort == 5432 && PostgresLocation.defaultSchema == "vtf")
    }

    @Test func userDefaultsToTheLoginNameWithoutPGUSER() throws {
        let login = String(cString: try #require(getpwuid(geteuid())?.pointee.pw_name))
        for environment in [[:], ["PGUSER": ""]] {
            let location = try Self.parse("postgresql://127.0.0.1/books", environment)
            #expect(location.user == login)
        }
        // A user in the URL wins over PGUSER.
        #expect(try Self.parse("postgresql://carol@127.0.0.1/books").user == "carol")
    }

    @Test func sslModeFromTheURLThenPGSSLMODE() throws {
        for mode in PostgresLocation.SSLMode.allCases {
            #expect(try Self.parse("postgresql://h/d?sslmode=\(mode.rawValue)").sslMode == mode)
            #expect(try Self.parse("postgresql://h/d", ["PGSSLMODE": mode.rawValue]).sslMode == mode)
        }
        #expect(try Self.parse("postgresql://h/d?sslmode=disable", ["PGSSLMODE": "require"]).sslMode == .disable)
        #expect(try Self.parse("postgresql://h/d", ["PGSSLMODE": ""]).sslMode == .prefer)
        for bad in ["allow", "verify-ca", "REQUIRE", "on", ""] {
            let error = Self.refusal("postgresql://h/d?sslmode=\(bad)")
            #expect(error?.code == .badSSLMode)
            #expect(error?.message.contains("disable, prefer, require, verify-full") == true)
        }
        #expect(Self.refusal("postgresql://h/d?sslmode=verify-ca")?.message.contains("verify-full instead of verify-ca") == true)
        #expect(Self.refusal("postgresql://h/d", ["PGSSLMODE": "bogus"])?.message.contains("PGSSLMODE=bogus") == true)
        let certified = try Self.parse("postgresql://h/d?sslmode=verify-full&sslrootcert=/etc/fund/ca.pem")
        #expect(certified.sslRootCertificatePath == "/etc/fund/ca.pem")
    }

    @Test func aPasswordInTheURLIsRefusedAndNeverEchoed() {
        let secret = "Hunter2-s3cret"
        let urls = [
            "postgresql://alice:\(secret)@db/books",
            "postgresql://alice:\(secret)@@db/books",
            "postgresql://alice:p@\(secret)@db/books",
            "postgres://:\(secret)@db/books",
            "postgresql://alice:@db/books",
            "postgresql://alice@db/books?password=\(secret)",
            "postgresql://alice@db/books?schema=x&PassWord=\(secret)",
            // The password refusal comes before any other, so no other message can echo it.
            "postgresql://alice:\(secret)@db:notaport/?bogus=1#frag",
            "postgresql://alice@db:notaport/?bogus=1&password=\(secret)",
        ]
        for url in urls {
            let error = Self.refusal(url)
            #expect(error?.code == .passwordInURL, "\(url)")
            #expect(error?.message.contains(secret) == false)
            #expect(error?.message.contains("PGPASSWORD") == true)
            #expect(error?.message.contains("~/.pgpass") == true)
            #expect(error?.message.contains("visible to every user") == true)
            #expect(error.map { String(describing: $0) }?.contains(secret) == false)
        }
    }

    @Test func aForgottenAtDoesNotEchoThePassword() {
        // postgresql://alice:Secret99/books: no @, so "Secret99" reads as a port; not shown.
        let error = Self.refusal("postgresql://alice:Secret99/books")
        #expect(error?.code == .badPort)
        #expect(error?.message.contains("Secret99") == false)
    }

    @Test func ports() throws {
        #expect(try Self.parse("postgresql://h:1/d").port == 1)
        #expect(try Self.parse("postgresql://h:65535/d").port == 65535)
        for bad in ["0", "65536", "99999", "-1", "+5", "5432x", "", "123456", "٣"] {
            #expect(Self.refusal("postgresql://h:\(bad)/d")?.code == .badPort, "port \(bad)")
        }
    }

    @Test func hosts() throws {
        let ipv6 = try Self.parse("postgresql://u@[::1]:5433/d")
        #expect(ipv6.host == "::1" && ipv6.port == 5433)
        #expect(try Self.parse("postgresql://u@[fe80::1]/d").port == 5432)
        #expect(try Self.parse("postgresql://u@my_host-1.local/d").host == "my_host-1.local")
        let refusals: [(String, String)] = [
            ("postgresql://u@/d", "names no host"),
            ("postgresql:///d", "names no host"),
            ("postgresql://u@h1,h2/d", "several hosts"),
            ("postgresql://u@%2Ftmp/d", "socket folder"),
            ("postgresql://u@[::1/d", "no closing"),
            ("postgresql://u@[::1]x/d", "after the IPv6"),
            ("postgresql://u@[]/d", "not an IPv6"),
            ("postgresql://u@[zz]/d", "not an IPv6"),
            ("postgresql://u@ho st/d", "not a host name"),
        ]
        for (url, words) in refusals {
            let error = Self.refusal(url)
            #expect(error?.code == .badHost, "\(url)")
            #expect(error?.message.contains(words) == true, "\(url): \(error?.message ?? "")")
        }
    }

    @Test func databases() throws {
        #expect(try Self.parse("postgresql://u@h/my%20books").database == "my books")
        #expect(try Self.parse("postgresql://u%40org@h/d").user == "u@org")
        for url in ["postgresql://u@h", "postgresql://u@h/", "postgresql://u@h:5432", "postgresql://u@h/?schema=x"] {
            #expect(Self.refusal(url)?.code == .badDatabase, "\(url)")
        }
        #expect(Self.refusal("postgresql://u@h/a/b")?.code == .badDatabase)
        #expect(Self.refusal("postgresql://u@h/a%0Ab")?.code == .badDatabase)
        #expect(Self.refusal("postgresql://u@h/" + String(repeating: "d", count: 64))?.code == .badDatabase)
        #expect(try Self.parse("postgresql://u@h/" + String(repeating: "d", count: 63)).database.count == 63)
        #expect(Self.refusal("postgresql://u@h/a%zzb")?.code == .malformed)
        #expect(Self.refusal("postgresql://u@h/a%FFb")?.code == .malformed)
        #expect(Self.refusal("postgresql://u%0A@h/d")?.code == .badUser)
        #expect(Self.refusal("postgresql://@h/d")?.code == .badUser)
    }

    @Test func schemas() throws {
        for good in ["vtf", "fund_2025", "_x", String(repeating: "s", count: 63)] {
            let location = try Self.parse("postgresql://u@h/d?schema=\(good)")
            #expect(location.schema == good)
            #expect(location.quotedSchema == "\"\(good)\"")
        }
        for bad in ["Fund", "2fund", "pg_catalog", "pg_x", "a-b", "a%22b", "a%20b", "é", "", String(repeating: "s", count: 64)] {
            let error = Self.refusal("postgresql://u@h/d?schema=\(bad)")
            #expect(error?.code == .badSchema, "schema \(bad)")
            #expect(error?.message.contains("schema") == true)
        }
        #expect(PostgresLocation.quotedIdentifier("a\"b") == "\"a\"\"b\"")
        #expect(PostgresLocation.quotedIdentifier("") == "\"\"")
    }

    @Test func unknownOrRepeatedParametersAndFragments() throws {
        let unknown = Self.refusal("postgresql://u@h/d?application_name=x")
        #expect(unknown?.code == .badParameter)
        #expect(unknown?.message.contains("application_name") == true)
        #expect(Self.refusal("postgresql://u@h/d?schema=a&schema=b")?.code == .badParameter)
        #expect(Self.refusal("postgresql://u@h/d?sslmode=disable&sslmode=disable")?.code == .badParameter)
        #expect(Self.refusal("postgresql://u@h/d#x")?.code == .malformed)
        // Empty pieces between & are harmless.
        #expect(try Self.parse("postgresql://u@h/d?&schema=abc&").schema == "abc")
    }

    @Test func descriptionSpellsEverythingOutAndParsesBack() throws {
        let urls = [
            "postgresql://alice@db.example.org:6543/books?schema=fund_a&sslmode=verify-full",
            "postgres://127.0.0.1/books",
            "postgresql://u%40org@[::1]/my%20books?sslmode=require&sslrootcert=/etc/ca%20x.pem",
        ]
        for url in urls {
            let location = try Self.parse(url)
            let again = try Self.parse(location.description, [:])
            #expect(again == location, "\(url) → \(location)")
        }
        #expect(try Self.parse("postgres://127.0.0.1/books").description == "postgresql://envuser@127.0.0.1:5432/books?schema=vtf&sslmode=prefer")
        #expect(try Self.parse("postgresql://u@[::1]:7/d").description.contains("@[::1]:7/d?"))
    }

    @Test func aRefusalIsAnInputStoreError() {
        let error = Self.refusal("postgresql://u@h/d?schema=BAD")
        #expect(error?.storeError.code == .badInput)
        #expect(error?.storeError.kind == .input)
        #expect(error?.storeError.message == error?.message)
        #expect(Set(PostgresLocationError.Code.allCases.map(\.rawValue)).count == PostgresLocationError.Code.allCases.count)
    }
}
