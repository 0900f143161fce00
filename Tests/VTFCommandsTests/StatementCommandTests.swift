import CanonicalJSON
import Foundation
import Testing

/// Donor statements on the fund fixture ledger: Belgium's EUR 100,000.00 agreement of
/// 2026-01-10, EUR 50,000.00 received on 2026-01-20 at 0.8000.
@Suite("vtf statement")
struct StatementCommandTests {
    private func vkey(_ fund: FundLedger) throws -> String {
        try fund.ok(["log", "vkey"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func json(_ path: String) throws -> JSONObject {
        try #require(try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))).objectValue)
    }

    @Test func aStatementVerifiesOfflineAndItsTotalsAreTheLedgers() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let out = fund.base.dir + "/bel.json"
        try fund.ok(["statement", "--donor", "BEL", "--from", "2026-01-01", "--to", "2026-12-31", "--out", out])
        let verified = try CLI.vtf(["statement", "verify", out, "--vkey", try vkey(fund)], in: fund.base.dir)
        #expect(verified.status == 0 && verified.stdout.contains("all 1 receipts and 0 refunds are in the books"), "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("unaudited"))
        let statement = try json(out)
        // The receipt's value is the EUR cash it brought, as the journal says.
        let journal = try fund.ok(["journal", "export"]).stdout.split(separator: "\n")
        let receipt = try #require(journal.first { $0.contains(#""kind":"contribution.receive""#) })
        let entry = try #require(try JSONParser.parse(Array(receipt.utf8)).objectValue)
        let cash = try #require(entry["postings"]?.arrayValue?.compactMap(\.objectValue).first { $0["account"]?.stringValue == "1100" })
        #expect(statement["totals"]?.objectValue?["received_value"] == cash["value"])
        // What Belgium still owes equals its receivable account in the books.
        let balance = try fund.ok(["balance", "--format", "csv"]).stdout
        let owed = try #require(statement["totals"]?.objectValue?["outstanding"]?.arrayValue?.first?.objectValue?["amount"]?.stringValue)
        #expect(balance.contains("1200.BEL,EUR,\(owed),"), "\(owed) \(balance)")
        // The fund balance and the reserve equal the statement of financial position's.
        let position = try #require(try JSONParser.parse(Array(try fund.ok(["report", "financial-position", "--as-of", "2026-12-31", "--format", "json"]).stdout.utf8)).objectValue)
        let netAssets = try #require(position["net_assets"]?.objectValue)
        let reserve = netAssets["lines"]?.arrayValue?.compactMap(\.objectValue).first { $0["key"]?.stringValue == "operating_reserve" }
        let use = try #require(statement["fund_use"]?.objectValue)
        #expect(use["fund_balance"] == netAssets["total"] && use["reserve"] == reserve?["value"], "\(use) \(netAssets)")
        let openssl = try CLI.run(CLI.packageRoot.appendingPathComponent("Audit/verify-statement-with-openssl.sh").path,
                                  [out, "--vkey", try vkey(fund)], in: fund.base.dir)
        #expect(openssl.status == 0 && openssl.stdout.hasPrefix("ok: signed by test.example/unvtf; 1 receipts"), "\(openssl.stdout)\(openssl.stderr)")
    }

    /// A statement for years to come is refused: an outside trial had one signed for 1900–2999.
    /// The year in course may be stated (a year's statement made in December).
    @Test func aStatementCoversDaysThatHavePassedOrTheYearInCourse() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let nextYear = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        let future = try fund.run(["statement", "--donor", "BEL", "--from", "2026-01-01", "--to", "\(nextYear)-01-01", "--out", fund.base.dir + "/f.json"])
        #expect(future.status == 2 && future.stderr.contains("a statement covers days that have passed, or the year in course"), "\(future.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fund.base.dir + "/f.json"))
    }

    @Test func aTamperedStatementIsRejected() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let out = fund.base.dir + "/bel.json"
        try fund.ok(["statement", "--donor", "BEL", "--from", "2026-01-01", "--to", "2026-12-31", "--out", out])
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let key = try vkey(fund)
        func rejected(_ changed: String, _ name: String) throws -> CLI.Result {
            let path = fund.base.dir + "/" + name
            try changed.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try CLI.vtf(["statement", "verify", path, "--vkey", key], in: fund.base.dir)
            #expect(result.status == 1, "\(name): \(result.stdout)")
            let openssl = try CLI.run(CLI.packageRoot.appendingPathComponent("Audit/verify-statement-with-openssl.sh").path, [path, "--vkey", key], in: fund.base.dir)
            #expect(openssl.status == 1 && openssl.stdout.hasPrefix("FAILED"), "\(name): \(openssl.stdout)")
            return result
        }
        // An amount changed.
        #expect(text.contains(#""amount":"50000.00""#))
        let amount = try rejected(text.replacingOccurrences(of: #""amount":"50000.00""#, with: #""amount":"5000.00""#), "amount.json")
        #expect(amount.stderr.contains("the signature does not verify"), "\(amount.stderr)")
        // A receipt removed.
        let statement = try json(out)
        var object = statement
        object["receipts"] = .array([])
        _ = try rejected(try JSONCanonicalizer.canonicalString(.object(object)), "removed.json")
        // Another fund's key.
        let other = try CLI.vtf(["statement", "verify", out, "--vkey", "test.example/unvtf+00000000+AQ" + String(repeating: "A", count: 42) + "="], in: fund.base.dir)
        #expect(other.status != 0)
    }

    @Test func aDonorWithNoActivityAndADonorInTwoCurrencies() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.ok(["donor", "add", "FRA", "--name", "France", "--type", "member-state", "--date", "2026-02-01"])
        try fund.ok(["agreement", "sign", "--donor", "BEL", "--amount", "10000.00", "--currency", "USD", "--date", "2026-02-01", "--ref", "AGR-BEL-USD"])
        try fund.ok(["receive", "--agreement", "AGR-BEL-USD", "--amount", "10000.00", "--currency", "USD", "--date", "2026-02-05", "--bank-ref", "B-USD"])
        let key = try vkey(fund)
        let quiet = fund.base.dir + "/fra.json"
        try fund.ok(["statement", "--donor", "FRA", "--from", "2026-01-01", "--to", "2026-12-31", "--out", quiet])
        #expect(try json(quiet)["receipts"]?.arrayValue?.isEmpty == true && (try json(quiet))["agreements"]?.arrayValue?.isEmpty == true)
        #expect(try CLI.vtf(["statement", "verify", quiet, "--vkey", key], in: fund.base.dir).status == 0)
        let html = fund.base.dir + "/fra.html"
        try fund.ok(["statement", "--donor", "FRA", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "html", "--lang", "fr", "--out", html])
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("NON AUDITÉ") && page.contains("lang=\"fr\""), "\(page.prefix(400))")
        let two = fund.base.dir + "/bel.json"
        try fund.ok(["statement", "--donor", "BEL", "--from", "2026-01-01", "--to", "2026-12-31", "--out", two])
        let currencies = (try json(two)["receipts"]?.arrayValue ?? []).compactMap { $0.objectValue?["currency"]?.stringValue }
        #expect(currencies == ["EUR", "USD"], "\(currencies)")
        #expect(try CLI.vtf(["statement", "verify", two, "--vkey", key], in: fund.base.dir).stdout.contains("all 2 receipts"))
    }

    @Test func anAuditorsCosignatureMakesItAuditedAndAllDonorsAreWritten() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.ok(["key", "generate", "--out", fund.base.key("auditor"), "--name", "Board of Auditors"])
        try fund.ok(["key", "register", "--public-key", fund.base.key("auditor") + ".pub", "--holder", "board-of-auditors",
                     "--role", "auditor", "--date", "2026-01-26"], as: "admin")
        try fund.ok(["checkpoint", "cosign", "--key", fund.base.key("auditor"), "--name", "test.example/boa"])
        let folder = fund.base.dir + "/statements"
        let all = try fund.ok(["statement", "--all", "--to", "2026-12-31", "--out", folder]).stderr
        #expect(all.contains("wrote 1 statements"), "\(all)")
        for format in ["json", "html", "csv"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/BEL-2026-12-31.\(format)"))
        }
        let verified = try CLI.vtf(["statement", "verify", "\(folder)/BEL-2026-12-31.json", "--vkey", try vkey(fund)], in: fund.base.dir)
        #expect(verified.stdout.contains("covered by a checkpoint cosigned by board-of-auditors (test.example/boa)"), "\(verified.stdout)")
        let html = try String(contentsOfFile: "\(folder)/BEL-2026-12-31.html", encoding: .utf8)
        #expect(!html.contains("UNAUDITED") && html.contains("board-of-auditors"))
    }
}
