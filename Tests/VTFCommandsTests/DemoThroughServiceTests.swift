import Foundation
import Testing

/// The fund's year through a ledger service (issue 15): `vtf demo --serve` makes the ledger and
/// the people's keys, starts `vtf serve` over it with the log key and a test certificate
/// (https://127.0.0.1:PORT), and runs every later command of the year through it, each person
/// signing with their own key. Every line it prints and every file it writes are those of the
/// same year on a local file, on SQLite and on PostgreSQL behind the service.
@Suite struct DemoThroughServiceTests {
    /// The demo on a file, made once for the tests of this suite.
    static let onFile = Result { () throws -> (folder: String, stdout: String) in
        let dir = TestLedger.newFolder()
        let result = try CLI.vtf(["demo", "--dir", dir + "/file"], in: dir)
        guard result.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: result.stderr]) }
        return (dir + "/file", result.stdout)
    }

    /// A certificate for 127.0.0.1 and its key (mode 0600) in `dir`.
    static func certificate(in dir: String) throws {
        let made = try CLI.run("/usr/bin/env", [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "tls.key",
            "-out", "tls.crt", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        chmod(dir + "/tls.key", 0o600)
    }

    /// Runs the demo through a service over `ledger` (a new file when nil) and compares it with
    /// the demo on a file.
    static func expectTheFileYear(ledger: String?, label: String) throws {
        let (fileFolder, fileOutput) = try onFile.get()
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try certificate(in: dir)
        let result = try CLI.vtf(
            ["demo", "--dir", dir + "/served", "--serve", "--tls-cert", dir + "/tls.crt", "--tls-key", dir + "/tls.key"]
                + (ledger.map { ["--ledger", $0] } ?? []),
            in: dir)
        #expect(result.status == 0, "\(result.stderr.suffix(3000))")
        let url = try #require(result.stdout.firstMatch(of: #/https://127\.0\.0\.1:[0-9]+/#)).output
        #expect(result.stdout.contains("$ vtf verify --ledger \(url)"), "the year's commands went through the service")
        #expect(result.stdout.contains("ok: 247 entries, "), "\(result.stdout.suffix(2000))")
        // Every write after the people's was signed by its person and recorded by the service:
        // the ledger on the store verifies, and the log key is the service's alone.
        let served = ledger ?? dir + "/served/unvtf.ledger"
        let verified = try CLI.vtf(["verify", "--ledger", served], in: dir)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        // The same year: the intro and the line that says where the service is set aside.
        let own = result.stdout.replacing(#/\n\n== From here on, every command goes through vtf serve at [^\n]*/#, with: "")
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Building a year of the fund") }
            .joined(separator: "\n")
        let theirs = fileOutput.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.hasPrefix("Building a year of the fund")
        }.joined(separator: "\n")
        let mask = DemoMask(ledgers: [String(url), served, fileFolder + "/unvtf.ledger"], folders: [dir + "/served", fileFolder])
        mask.expectSameYear(own, in: dir + "/served", as: theirs, in: fileFolder, label: label)
    }

    /// A key others may read, or a certificate without its key, is refused before the demo makes
    /// its folder or a key.
    @Test func badTLSFilesAreRefusedBeforeAnythingIsMade() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.certificate(in: dir)
        chmod(dir + "/tls.key", 0o644)
        let open = try CLI.vtf(["demo", "--dir", dir + "/a", "--serve", "--tls-cert", dir + "/tls.crt", "--tls-key", dir + "/tls.key"], in: dir)
        #expect(open.status == 2 && open.stderr.contains("chmod 600"), "\(open.stderr)")
        let half = try CLI.vtf(["demo", "--dir", dir + "/b", "--serve", "--tls-cert", dir + "/tls.crt"], in: dir)
        #expect(half.status == 2 && half.stderr.contains("--tls-key together"), "\(half.stderr)")
        let unserved = try CLI.vtf(["demo", "--dir", dir + "/c", "--tls-cert", dir + "/tls.crt", "--tls-key", dir + "/tls.key"], in: dir)
        #expect(unserved.status == 2 && unserved.stderr.contains("go with --serve"), "\(unserved.stderr)")
        for folder in ["a", "b", "c"] { #expect(!FileManager.default.fileExists(atPath: dir + "/" + folder)) }
    }

    @Test("the demo's year through vtf serve over HTTPS on SQLite has the file's figures, line for line")
    func throughHTTPSOnSQLite() throws {
        try Self.expectTheFileYear(ledger: nil, label: "through https, SQLite")
    }

    @Test("the demo's year through vtf serve over HTTPS on PostgreSQL has the file's figures, line for line", .enabled(if: TestPostgres.enabled))
    func throughHTTPSOnPostgres() throws {
        try Self.expectTheFileYear(ledger: try TestPostgres.ledger("served"), label: "through https, PostgreSQL")
    }
}
