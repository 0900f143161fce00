import Foundation
import Testing

/// `vtf export iati` (issue 16 point 2): the demo year published as IATI 2.03, both files valid
/// against the official schemas (lxml, Tests/Fixtures/iati-2.03), each transaction type summing
/// to the books to the cent in the fund currency, grantees without a public name never named,
/// and existing files replaced only with --force.
@Suite struct IATIExportCommandTests {
    static let schemas = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/iati-2.03").path

    /// Validates both files against the XSDs and sums the transaction values per type: a JSON
    /// object {"valid": [...], "sums": {type: decimal text}, "currencies": [...]} (Decimal, exact).
    static let script = """
        import json, sys
        from decimal import Decimal
        from lxml import etree
        schemas, folder = sys.argv[1], sys.argv[2]
        valid = []
        for xsd, name in [("iati-organisations-schema.xsd", "organisation.xml"), ("iati-activities-schema.xsd", "activities.xml")]:
            schema = etree.XMLSchema(etree.parse(schemas + "/" + xsd))
            document = etree.parse(folder + "/" + name)
            if not schema.validate(document):
                print(json.dumps({"error": name + ": " + str(schema.error_log)}))
                sys.exit(1)
            valid.append(name)
        sums, currencies = {}, set()
        for transaction in etree.parse(folder + "/activities.xml").iter("transaction"):
            code = transaction.find("transaction-type").get("code")
            value = transaction.find("value")
            currencies.add(value.get("currency"))
            sums[code] = sums.get(code, Decimal(0)) + Decimal(value.text)
        print(json.dumps({"valid": valid, "sums": {k: str(v) for k, v in sums.items()}, "currencies": sorted(currencies)}))
        """

    /// A python3 that has lxml (Debian's python3-lxml serves /usr/bin/python3).
    static func python() throws -> String {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3"] where FileManager.default.isExecutableFile(atPath: candidate) {
            if try CLI.run(candidate, ["-c", "import lxml.etree"], in: "/").status == 0 { return candidate }
        }
        Issue.record("no python3 with lxml: install python3-lxml (Scripts/setup)")
        throw CocoaError(.executableNotLoadable)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    static func decimal(_ text: String?) throws -> Decimal {
        try #require(Decimal(string: text ?? "", locale: Locale(identifier: "en_US_POSIX")), "not a number: \(text ?? "nil")")
    }

    /// The demo's journal, one entry a line, parsed.
    static func journal(_ ledger: String, in dir: String) throws -> [[String: Any]] {
        let export = try CLI.vtf(["journal", "export", "--ledger", ledger], in: dir)
        #expect(export.status == 0, "\(export.stderr)")
        return try export.stdout.split(separator: "\n").map { try json(String($0)) }
    }

    /// Σ of the values of `entry`'s postings to the accounts `codes` and their sub-accounts.
    static func postings(_ entry: [String: Any], under codes: [String]) throws -> Decimal {
        var sum = Decimal(0)
        for posting in entry["postings"] as? [[String: Any]] ?? [] {
            let account = posting["account"] as? String ?? ""
            if codes.contains(where: { account == $0 || account.hasPrefix($0 + ".") }) { sum += try decimal(posting["value"] as? String) }
        }
        return sum
    }

    /// The books' figure for each IATI transaction type, in USD, from vtf's own reports and the
    /// signed journal.
    static func books(_ ledger: String, in dir: String) throws -> [String: Decimal] {
        let entries = try journal(ledger, in: dir)
        var figures: [String: Decimal] = ["1": 0, "2": 0, "3": 0, "4": 0, "11": 0]
        for entry in entries {
            let kind = entry["kind"] as? String ?? ""
            if kind == "agreement.sign" {
                for posting in entry["postings"] as? [[String: Any]] ?? [] where (posting["account"] as? String ?? "").hasPrefix("1200.") {
                    figures["11", default: 0] += try decimal(posting["value"] as? String)
                }
            }
            // Incoming funds are gross: the bank charges a receipt paid come back in.
            if kind == "contribution.receive" || kind == "contribution.unidentified" {
                figures["1", default: 0] += try postings(entry, under: ["5400"])
            }
            if kind != "year.close" { figures["4", default: 0] += try postings(entry, under: ["5200", "5300", "5400", "5500"]) }
        }
        let flows = try json(try CLI.vtf(["report", "cash-flow", "--ledger", ledger, "--from", "2025-01-01", "--as-of", "2026-12-31", "--format", "json"], in: dir).stdout)
        for section in flows["sections"] as? [[String: Any]] ?? [] {
            for line in section["lines"] as? [[String: Any]] ?? [] where ["contributions_received", "refunds_to_donors"].contains(line["key"] as? String) {
                figures["1", default: 0] += try decimal(line["value"] as? String)
            }
        }
        let grants = try json(try CLI.vtf(["grant", "list", "--ledger", ledger, "--format", "json"], in: dir).stdout)["grants"] as? [[String: Any]] ?? []
        #expect(grants.count == 12)
        for grant in grants {
            figures["2", default: 0] += try decimal(grant["amount"] as? String)
            figures["3", default: 0] += try decimal(grant["paid"] as? String) - decimal(grant["refunded"] as? String)
        }
        return figures
    }

    @Test func theDemoYearIsValidIATIAndEachTransactionTypeSumsToTheBooks() throws {
        let (folder, _) = try DemoThroughServiceTests.onFile.get()
        let ledger = folder + "/unvtf.ledger"
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.vtf(["export", "iati", "--ledger", ledger, "--out", dir + "/iati"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("13 activities"), "\(result.stderr)")
        let checked = try CLI.run(try Self.python(), ["-c", Self.script, Self.schemas, dir + "/iati"], in: dir)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        let report = try Self.json(checked.stdout)
        #expect(report["valid"] as? [String] == ["organisation.xml", "activities.xml"])
        #expect(report["currencies"] as? [String] == ["USD"])
        let sums = report["sums"] as? [String: String] ?? [:]
        let books = try Self.books(ledger, in: dir)
        for type in ["1", "2", "3", "4", "11"] {
            let published = try Self.decimal(sums[type])
            #expect(published == books[type], "transaction type \(type): IATI \(published), books \(books[type] ?? 0)")
            #expect(published != 0, "type \(type)")
        }
        let activities = try String(contentsOfFile: dir + "/iati/activities.xml", encoding: .utf8)
        #expect(activities.contains("<iati-identifier>XM-DAC-41128-UNVTF</iati-identifier>"))
        #expect(activities.contains("<iati-identifier>XM-DAC-41128-UNVTF-G-2025-01</iati-identifier>"))
    }

    @Test func aGrantWithoutAPublicNameIsAPartnerInItsCountryAndItsNameAppearsNowhere() throws {
        let (folder, _) = try DemoThroughServiceTests.onFile.get()
        let ledger = folder + "/unvtf.ledger"
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.vtf(["export", "iati", "--ledger", ledger, "--out", dir + "/out"], in: dir).status == 0)
        let files = try ["organisation.xml", "activities.xml"].map { try String(contentsOfFile: dir + "/out/" + $0, encoding: .utf8) }.joined()
        var hidden = 0
        var shown = 0
        for entry in try Self.journal(ledger, in: dir) {
            guard let data = entry["data"] as? [String: Any], data["action"] as? String == "grant.award", entry["kind"] as? String == "approval.request",
                let name = data["grantee_name"] as? String, let grantee = data["grantee"] as? String, let ref = entry["ref"] as? String,
                let country = data["country"] as? String
            else { continue }
            if let publicName = data["public_name"] as? String {
                #expect(files.contains("<narrative>Grant \(ref) to \(publicName)</narrative>"), "\(ref)")
                shown += 1
            } else {
                #expect(!files.contains(name), "\(ref): the private name \(name) is published")
                #expect(!files.contains(grantee), "\(ref): the grantee's id \(grantee) is published")
                #expect(files.contains("<narrative>Grant \(ref) to a partner in \(country)</narrative>"), "\(ref)")
                #expect(files.contains("<narrative>a partner in \(country)</narrative>"), "\(ref)")
                hidden += 1
            }
        }
        #expect(hidden == 6 && shown == 6, "\(hidden) hidden, \(shown) shown")
        #expect(files.contains("<recipient-country code=\"NG\"/>") && files.contains("<sector vocabulary=\"1\" code=\"15180\"/>"))
    }

    @Test func existingFilesAreReplacedOnlyWithForceAndAFileIsNoFolder() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let out = ledger.dir + "/iati"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let old = Data("not IATI\n".utf8)
        #expect(FileManager.default.createFile(atPath: out + "/activities.xml", contents: old))
        let refused = try ledger.vtf(["export", "iati", "--out", out])
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("activities.xml already exists; give --force"), "\(refused.stderr)")
        #expect(FileManager.default.contents(atPath: out + "/activities.xml") == old)
        #expect(!FileManager.default.fileExists(atPath: out + "/organisation.xml"), "nothing is written when one file is refused")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["activities.xml"], "no temporary file left")
        let replaced = try ledger.vtf(["export", "iati", "--out", out, "--force"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(FileManager.default.contents(atPath: out + "/activities.xml") != old)
        let file = ledger.dir + "/plain"
        #expect(FileManager.default.createFile(atPath: file, contents: old))
        let notFolder = try ledger.vtf(["export", "iati", "--out", file, "--force"])
        #expect(notFolder.status == 2 && notFolder.stderr.contains("is a file"), "\(notFolder.stderr)")
        #expect(FileManager.default.contents(atPath: file) == old)
        let badRef = try ledger.vtf(["export", "iati", "--out", out, "--force", "--reporting-org-ref", "XM DAC/1"])
        #expect(badRef.status == 2 && badRef.stderr.contains("--reporting-org-ref"), "\(badRef.stderr)")
    }

    @Test func anEntryAReversalUndidCountsNowhere() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        // The second tranche (paid 15 April) is reversed; the report of 40,000.00 spent stays.
        let second = try fund.fundGrantG1(
            tranches: "60000.00,40000.00", award: ["--grantee", "SHELTER", "--grantee-name", "Shelter Secret", "--country", "NP", "--sector", "15180"])
        try fund.approvedReversal(second, date: "2026-05-02")
        let reversal = try fund.lastSeq(kind: "approval.approve")
        let out = fund.base.dir + "/iati"
        try fund.ok(["export", "iati", "--out", out])
        let checked = try CLI.run(try Self.python(), ["-c", Self.script, Self.schemas, out], in: fund.base.dir)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        let sums = try Self.json(checked.stdout)["sums"] as? [String: String] ?? [:]
        // Only the first tranche counts as paid; the PSC is the report's, 13 % of 40,000.00.
        #expect(sums["3"] == "60000.00" && sums["2"] == "100000.00", "\(sums)")
        #expect(sums["4"] == "5200.00", "\(sums)")
        let activities = try String(contentsOfFile: out + "/activities.xml", encoding: .utf8)
        for seq in [second, reversal] { #expect(!activities.contains("<transaction ref=\"\(seq)\">"), "entry \(seq) is published") }
        #expect(!activities.contains("Shelter Secret") && activities.contains("<narrative>a partner in NP</narrative>"))
    }
}
