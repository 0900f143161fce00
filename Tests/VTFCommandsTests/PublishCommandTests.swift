import Foundation
import Testing

/// `vtf publish` (issue 16 point 1): the demo's public site. Its figures, read back from the
/// pages by Python's lxml, equal those of `vtf report` and `vtf statement` to the cent; no
/// grantee's id or private name is anywhere in it; the pages are well-formed, link to nothing
/// outside but a few https text links, and are in French with French numbers when asked.
@Suite struct PublishCommandTests {
    static let ledger = Result { () throws -> String in try DemoThroughServiceTests.onFile.get().folder + "/unvtf.ledger" }

    /// Publishes the demo into a fresh folder; the folder and its pages.
    static func published(_ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> (dir: String, pages: SitePages) {
        let dir = TestLedger.newFolder()
        let result = try CLI.vtf(["publish", "--ledger", try ledger.get(), "--out", dir + "/site"] + extra, in: dir)
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        return (dir, try SitePages(dir + "/site"))
    }

    static func json(_ arguments: [String], in dir: String) throws -> [String: Any] {
        let result = try CLI.vtf(arguments + ["--ledger", try ledger.get(), "--format", "json"], in: dir)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// An exact decimal with two places (or none) in cents.
    static func cents(_ text: String) -> Int64 {
        let parts = text.drop { $0 == "-" }.split(separator: ".")
        let fraction = parts.count > 1 ? String(parts[1].prefix(2)).padding(toLength: 2, withPad: "0", startingAt: 0) : "0"
        let magnitude = (Int64(parts.first ?? "0") ?? 0) * 100 + (Int64(fraction) ?? 0)
        return text.hasPrefix("-") ? -magnitude : magnitude
    }

    /// Cents as an exact decimal with two places, as the reports write USD.
    static func decimal(_ cents: Int64) -> String {
        let fraction = cents.magnitude % 100
        return "\(cents < 0 ? "-" : "")\(cents.magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Σ of exact decimals (`"0.00"` for none).
    static func sum(_ values: [String]) -> String { decimal(values.map(cents).reduce(0, +)) }

    static func strings(_ object: Any?, _ key: String) -> [String] {
        (object as? [[String: Any]] ?? []).compactMap { $0[key] as? String }
    }

    @Test("index.html's figures are vtf report's and vtf statement's, to the cent", arguments: [nil, "2025-06-30"])
    func figuresEqualTheReports(asOf: String?) throws {
        let (dir, pages) = try Self.published(asOf.map { ["--as-of", $0] } ?? [])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let date = try #require(pages.pages["index.html"]?["as_of"] as? String)
        if let asOf { #expect(date == asOf) }
        for page in ["index.html", "grants.html", "checkpoint.html"] { #expect(pages.pages[page]?["as_of"] as? String == date, "\(page)") }
        try contributions(pages, date: date, in: dir)
        try grants(pages, date: date, in: dir)
        let position = try Self.json(["report", "financial-position", "--as-of", date], in: dir)
        let netAssets = position["net_assets"] as? [String: Any]
        #expect(pages.value("index.html", ["figure": "net_assets"]) == netAssets?["total"] as? String)
        let reserve = (netAssets?["lines"] as? [[String: Any]])?.first { $0["key"] as? String == "operating_reserve" }
        #expect(pages.value("index.html", ["figure": "reserve"]) == reserve?["value"] as? String)
    }

    /// Per donor and per year: pledged, agreed and received are the donor statements' (every
    /// donor's statement from the start to the date; individual donors on one line).
    func contributions(_ pages: SitePages, date: String, in dir: String) throws {
        let made = try CLI.vtf(["statement", "--ledger", try Self.ledger.get(), "--all", "--from", "2000-01-01", "--to", date, "--out", dir + "/st"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let donors = Self.json(try Self.json(["donor", "list"], in: dir)["donors"])
        var byDonor: [String: [String: [String]]] = [:]
        var byYear: [String: [String]] = [:]
        for donor in donors {
            let id = try #require(donor["id"] as? String)
            let key = donor["type"] as? String == "individual" ? "individual" : id
            guard let data = FileManager.default.contents(atPath: "\(dir)/st/\(id)-\(date).json") else { continue }
            let statement = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            byDonor[key, default: [:]]["pledged", default: []] += Self.strings(statement["pledges"], "value")
            byDonor[key, default: [:]]["agreed", default: []] += Self.strings(statement["agreements"], "value")
            byDonor[key, default: [:]]["received", default: []] += Self.strings(statement["receipts"], "value")
            for receipt in statement["receipts"] as? [[String: Any]] ?? [] {
                byYear[String((receipt["date"] as? String ?? "").prefix(4)), default: []].append(receipt["value"] as? String ?? "")
            }
        }
        #expect(byDonor.count > 5)
        for (key, figures) in byDonor where figures.values.contains(where: { !$0.isEmpty }) {
            for figure in ["pledged", "agreed", "received"] {
                #expect(pages.value("index.html", ["figure": figure, "donor": key]) == Self.sum(figures[figure] ?? []), "\(key) \(figure)")
            }
        }
        let received = Self.sum(byDonor.values.flatMap { $0["received"] ?? [] })
        #expect(pages.value("index.html", ["figure": "received"]) == received)
        #expect(pages.value("index.html", ["figure": "received", "donor": "total"]) == received)
        for (year, values) in byYear {
            #expect(pages.value("index.html", ["figure": "received", "year": year]) == Self.sum(values), "\(year)")
        }
    }

    /// Grants one by one, awarded and paid by year, PSC by year: vtf report grants and psc.
    func grants(_ pages: SitePages, date: String, in dir: String) throws {
        let report = try Self.json(["report", "grants", "--as-of", date], in: dir)
        let totals = report["totals"] as? [String: Any]
        #expect(pages.value("index.html", ["figure": "awarded"]) == totals?["amount"] as? String)
        #expect(pages.value("index.html", ["figure": "paid"]) == totals?["paid"] as? String)
        #expect(pages.value("grants.html", ["figure": "awarded", "grant": "total"]) == totals?["amount"] as? String)
        for grant in Self.json(report["grants"]) {
            let id = try #require(grant["grant"] as? String)
            #expect(pages.value("grants.html", ["figure": "awarded", "grant": id]) == grant["amount"] as? String, "\(id)")
            #expect(pages.value("grants.html", ["figure": "paid", "grant": id]) == grant["paid"] as? String, "\(id)")
        }
        var pscTotal: [String] = []
        let last = Int(date.prefix(4)) ?? 0
        for year in 2025...last {
            let end = year == last ? date : "\(year)-12-31"
            let now = try Self.json(["report", "grants", "--as-of", end], in: dir)["totals"] as? [String: Any]
            let before = try Self.json(["report", "grants", "--as-of", "\(year - 1)-12-31"], in: dir)["totals"] as? [String: Any]
            for (figure, column) in [("awarded", "amount"), ("paid", "paid")] {
                let difference = Self.decimal(Self.cents(now?[column] as? String ?? "0") - Self.cents(before?[column] as? String ?? "0"))
                #expect(pages.value("index.html", ["figure": figure, "year": String(year)]) == difference, "\(figure) \(year)")
            }
            let psc = try Self.json(["report", "psc", "--from", "\(year)-01-01", "--as-of", end], in: dir)["totals"] as? [String: Any]
            #expect(pages.value("index.html", ["figure": "psc", "year": String(year)]) == psc?["charged"] as? String, "psc \(year)")
            pscTotal.append(psc?["charged"] as? String ?? "")
        }
        #expect(pages.value("index.html", ["figure": "psc"]) == Self.sum(pscTotal))
    }

    static func json(_ value: Any?) -> [[String: Any]] { value as? [[String: Any]] ?? [] }

    @Test("no grantee's id or private name is anywhere in the site; a public name is shown")
    func granteesAreNotLocated() throws {
        let (dir, pages) = try Self.published()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var bytes = Data()
        for file in try FileManager.default.contentsOfDirectory(atPath: dir + "/site") {
            bytes += try #require(FileManager.default.contents(atPath: dir + "/site/" + file))
        }
        let site = String(decoding: bytes, as: UTF8.self)
        let shown = try Self.publicNames(in: dir)
        #expect(!shown.isEmpty, "the demo gives some grants a public name")
        let report = Self.json(try Self.json(["report", "grants"], in: dir)["grants"])
        #expect(report.count >= 12)
        for grant in report {
            let id = try #require(grant["grantee"] as? String)
            let name = try #require(grant["grantee_name"] as? String)
            #expect(!site.contains(id), "grantee id \(id) is in the site")
            #expect(shown.contains(name) || !site.contains(name), "grantee name \(name) is in the site")
        }
        let text = pages.pages["grants.html"]?["text"] as? String ?? ""
        for name in shown { #expect(text.contains(name), "public name \(name) is not shown") }
    }

    /// The public names the demo's awards gave (`public_name` of each grant.award request), from
    /// the journal itself.
    static func publicNames(in dir: String) throws -> Set<String> {
        let exported = try CLI.vtf(["journal", "export", "--ledger", try ledger.get(), "--out", dir + "/journal.jsonl"], in: dir)
        #expect(exported.status == 0, "\(exported.stderr)")
        let lines = try String(contentsOfFile: dir + "/journal.jsonl", encoding: .utf8).split(separator: "\n")
        return Set(try lines.compactMap { line in
            let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let data = entry?["data"] as? [String: Any]
            return data?["action"] as? String == "grant.award" ? data?["public_name"] as? String : nil
        })
    }

    @Test("the pages are well-formed, in their language, and fetch or link to nothing outside")
    func pagesAreSelfContained() throws {
        for language in ["en", "fr"] {
            let (dir, pages) = try Self.published(["--lang", language])
            defer { try? FileManager.default.removeItem(atPath: dir) }
            for (name, page) in pages.pages {
                #expect(page["lang"] as? String == language, "\(name)")
                #expect((page["sources"] as? [String] ?? []).isEmpty, "\(name) loads \(page["sources"] ?? "")")
                for link in page["links"] as? [String] ?? [] {
                    let relative = !link.contains(":") && !link.hasPrefix("//")
                    #expect(relative || (link.hasPrefix("https://") && name == "checkpoint.html"), "\(name) links to \(link)")
                }
            }
            let index = try String(contentsOfFile: dir + "/site/index.html", encoding: .utf8)
            for page in ["index.html", "grants.html", "checkpoint.html", "verify.html"] { #expect(index.contains("href=\"\(page)\"")) }
            #expect(!index.contains("<script"))
            #expect(index.contains("<svg") && index.contains("<caption>"))
            if language == "fr" {
                let text = pages.pages["index.html"]?["text"] as? String ?? ""
                #expect(text.contains("Contributions par donateur"))
                #expect(text.range(of: "[0-9]\u{202F}[0-9]{3},[0-9]{2}", options: .regularExpression) != nil, "no French number")
                #expect(!text.contains("Contributions by donor"))
            }
        }
    }

    @Test("checkpoint.html holds the latest signed note verbatim, its auditor and the log key; every page links to verify.html")
    func theCheckpointPage() throws {
        let (dir, pages) = try Self.published(["--as-of", "2025-06-30"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = pages.pages["checkpoint.html"]?["text"] as? String ?? ""
        let note = try CLI.vtf(["checkpoint", "--ledger", try Self.ledger.get()], in: dir)
        let vkey = try CLI.vtf(["log", "vkey", "--ledger", try Self.ledger.get()], in: dir)
        #expect(note.status == 0 && vkey.status == 0)
        #expect(text.contains(note.stdout), "the note is not verbatim on the page")
        #expect(text.contains(vkey.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(text.contains("board-of-auditors") && text.contains("latest checkpoint"))
        for (name, page) in pages.pages where name != "verify.html" {
            #expect((page["links"] as? [String] ?? []).contains("verify.html"), "\(name)")
        }
    }

    /// Reversed entries count nowhere: a receipt and a tranche undone by approved reversals are
    /// neither received nor paid on the site, as in the reports.
    @Test func reversedEntriesDoNotCount() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        var receipt = ""
        let tranche = try fund.fundGrantG1(
            agreed: "151000.00", tranches: "60000.00,40000.00", award: ["--grantee", "CASASEGURA", "--grantee-name", "Casa Segura", "--country", "NP"]
        ) {
            try fund.ok(["receive", "--agreement", "AGR-ACME-1", "--amount", "1000.00", "--currency", "USD", "--date", "2026-01-21", "--bank-ref", "B-3"])
            receipt = try fund.lastSeq(kind: "contribution.receive")
        }
        try fund.approvedReversal(receipt, date: "2026-07-01")
        try fund.approvedReversal(tranche, date: "2026-07-03")
        try fund.ok(["publish", "--out", fund.base.dir + "/site", "--as-of", "2026-07-31"])
        let pages = try SitePages(fund.base.dir + "/site")
        #expect(pages.value("index.html", ["figure": "received", "donor": "ACME"]) == "150000.00")
        #expect(pages.value("grants.html", ["figure": "paid", "grant": "G-1"]) == "60000.00")
        #expect(pages.value("index.html", ["figure": "paid", "year": "2026"]) == "60000.00")
        #expect(pages.value("index.html", ["figure": "psc", "year": "2026"]) == "5200.00")
        let grants = pages.pages["grants.html"]?["text"] as? String ?? ""
        #expect(grants.contains("A partner in Nepal"))
        let site = try ["index.html", "grants.html", "checkpoint.html"].map { try String(contentsOfFile: fund.base.dir + "/site/" + $0, encoding: .utf8) }.joined()
        #expect(!site.contains("Casa Segura") && !site.contains("CASASEGURA"))
    }

    @Test("a site already in the folder is kept without --force; a file or the ledger is never the folder")
    func refusals() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = try Self.ledger.get()
        try FileManager.default.createDirectory(atPath: dir + "/site", withIntermediateDirectories: true)
        try "mine".write(toFile: dir + "/site/index.html", atomically: true, encoding: .utf8)
        let kept = try CLI.vtf(["publish", "--ledger", ledger, "--out", dir + "/site"], in: dir)
        #expect(kept.status == 2 && kept.stderr.contains("--force"), "\(kept.stderr)")
        #expect(try String(contentsOfFile: dir + "/site/index.html", encoding: .utf8) == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/site") == ["index.html"])
        let forced = try CLI.vtf(["publish", "--ledger", ledger, "--out", dir + "/site", "--force"], in: dir)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: dir + "/site/index.html", encoding: .utf8) != "mine")
        let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
        let over = try CLI.vtf(["publish", "--ledger", ledger, "--out", ledger, "--force"], in: dir)
        #expect(over.status == 2, "\(over.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
        try "a file".write(toFile: dir + "/file", atomically: true, encoding: .utf8)
        let file = try CLI.vtf(["publish", "--ledger", ledger, "--out", dir + "/file"], in: dir)
        #expect(file.status == 2 && file.stderr.contains("folder"), "\(file.stderr)")
        let early = try CLI.vtf(["publish", "--ledger", ledger, "--out", dir + "/early", "--as-of", "1999-12-31"], in: dir)
        #expect(early.status == 2 && early.stderr.contains("first day"), "\(early.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/early/index.html"))
        // A page of the site that is a link to the ledger: refused even with --force, and no
        // other page is written first.
        try FileManager.default.createDirectory(atPath: dir + "/linked", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/linked/verify.html", withDestinationPath: ledger)
        let linked = try CLI.vtf(["publish", "--ledger", ledger, "--out", dir + "/linked", "--force"], in: dir)
        #expect(linked.status == 2, "\(linked.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/linked") == ["verify.html"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
    }
}
