import Foundation
import GRDB
import Testing

/// `vtf export hledger|ledger|beancount` (issue 16 point 3): the demo's books written for the
/// plain-text accounting tools, read by the real tools (Debian's hledger, ledger and beancount,
/// which Scripts/setup installs), whose balance reports equal `vtf balance` to the cent, per
/// account and currency, for amounts and for values in the fund currency.
@Suite struct PlainTextExportTests {
    /// A balance: amount in its own currency and value in USD, as decimal text.
    struct Figures: Equatable, CustomStringConvertible {
        var amount = Decimal(0)
        var value = Decimal(0)
        var description: String { "\(amount) / \(value) USD" }
    }

    /// (account name in the tools, currency) → figures, from `vtf balance --format json`; the
    /// name is the account's type root and its code with each "." a level, written here again.
    static func vtfBalances(_ ledger: String, asOf: String?, in dir: String) throws -> [String: Figures] {
        let accounts = try json(try CLI.vtf(["account", "list", "--ledger", ledger, "--format", "json"], in: dir).stdout)["accounts"] as? [[String: Any]] ?? []
        let roots = ["asset": "Assets", "liability": "Liabilities", "net-assets": "Equity", "revenue": "Income", "expense": "Expenses", "memo": "Equity:Memo"]
        var names: [String: String] = [:]
        for account in accounts {
            let code = account["code"] as? String ?? ""
            names[code] = (roots[account["type"] as? String ?? ""] ?? "?") + ":" + code.replacingOccurrences(of: ".", with: ":")
        }
        let rows = try json(try CLI.vtf(["balance", "--ledger", ledger, "--format", "json"] + (asOf.map { ["--as-of", $0] } ?? []), in: dir).stdout)["rows"] as? [[String: Any]] ?? []
        var figures: [String: Figures] = [:]
        for row in rows {
            let key = "\(names[row["account"] as? String ?? ""] ?? "?") \(row["currency"] as? String ?? "")"
            figures[key] = Figures(amount: try decimal(row["amount"] as? String), value: try decimal(row["value"] as? String))
        }
        return figures.filter { $0.value != Figures() }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func decimal(_ text: String?) throws -> Decimal {
        let cleaned = (text ?? "").replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        return try #require(Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX")), "not a number: \(text ?? "nil")")
    }

    /// Runs a tool; its standard output, after checking it succeeded.
    static func tool(_ arguments: [String], in dir: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try CLI.run("/usr/bin/env", arguments, in: dir)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Lines of "ACCOUNT<TAB>AMOUNT COMMODITY" (one commodity each), summed into `into`.
    static func add(_ text: String, into figures: inout [String: Figures], currency: String? = nil, value: Bool) throws {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { continue }
            let amount = parts[1].split(separator: " ").filter { !$0.isEmpty }
            guard amount.count == 2 else { continue }
            let key = "\(parts[0]) \(currency ?? String(amount[1]))"
            let number = try decimal(String(amount[0]))
            if value { figures[key, default: Figures()].value += number } else { figures[key, default: Figures()].amount += number }
        }
    }

    /// The currencies of the demo's books.
    static func currencies(_ figures: [String: Figures]) -> [String] {
        Set(figures.keys.compactMap { $0.split(separator: " ").last.map(String.init) }).sorted()
    }

    static func expectEqual(_ tool: [String: Figures], _ vtf: [String: Figures], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let tool = tool.filter { $0.value != Figures() && !$0.key.hasPrefix("Equity:_conversion ") }
        #expect(vtf.count > 25, "\(vtf.count) balances", sourceLocation: sourceLocation)
        for key in Set(tool.keys).union(vtf.keys).sorted() where tool[key] != vtf[key] {
            Issue.record("\(name): \(key) is \(tool[key]?.description ?? "absent"), vtf says \(vtf[key]?.description ?? "absent")", sourceLocation: sourceLocation)
        }
    }

    /// The last day of the first half of the demo's year (its income and expenses still open),
    /// and the books as they end (after the year's close); the tools' own date filters.
    static let dates: [(asOf: String?, end: String?)] = [(nil, nil), ("2025-06-30", "2025-07-01")]

    static func exported(_ format: String, asOf: String?) throws -> (dir: String, file: String, vtf: [String: Figures]) {
        let (folder, _) = try DemoThroughServiceTests.onFile.get()
        let dir = TestLedger.newFolder()
        let file = dir + "/books.\(format)"
        let result = try CLI.vtf(["export", format, "--ledger", folder + "/unvtf.ledger", "--out", file], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("transactions"), "\(result.stderr)")
        return (dir, file, try vtfBalances(folder + "/unvtf.ledger", asOf: asOf, in: dir))
    }

    @Test("hledger reads the export, and its balances are vtf's, amounts and values", arguments: Self.dates)
    func hledger(asOf: String?, end: String?) throws {
        let (dir, file, vtf) = try Self.exported("hledger", asOf: asOf)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let format = ["-O", "csv"] + (end.map { ["-e", $0] } ?? [])
        var figures: [String: Figures] = [:]
        for currency in Self.currencies(vtf) {
            let own = currency == "USD" ? ["cur:USD", "not:tag:revalues"] : ["cur:\(currency)"]
            try Self.add(Self.csv(try Self.tool(["hledger", "-f", file, "bal", "--flat", "--no-total"] + format + own, in: dir)), into: &figures, value: false)
            try Self.add(Self.csv(try Self.tool(["hledger", "-f", file, "bal", "--flat", "--no-total", "-B"] + format + own, in: dir)), into: &figures, currency: currency, value: true)
            try Self.add(Self.csv(try Self.tool(["hledger", "-f", file, "bal", "--flat", "--no-total"] + format + ["tag:revalues=\(currency)"], in: dir)), into: &figures, currency: currency, value: true)
        }
        Self.expectEqual(figures, vtf, "hledger")
    }

    @Test("ledger reads the export, and its balances are vtf's, amounts and values", arguments: Self.dates)
    func ledger(asOf: String?, end: String?) throws {
        let (dir, file, vtf) = try Self.exported("ledger", asOf: asOf)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var figures: [String: Figures] = [:]
        let line = #"%(account)\t%(scrub(display_total))\n"#
        for currency in Self.currencies(vtf) {
            let only = ["--limit", "commodity == \"\(currency)\""] + (end.map { ["-e", $0] } ?? [])
            try Self.add(try Self.tool(["ledger", "-f", file, "bal", "--flat", "--no-total", "--format", line] + only, in: dir), into: &figures, value: false)
            try Self.add(try Self.tool(["ledger", "-f", file, "bal", "--flat", "--no-total", "--format", line, "--amount", "tag(\"FundValue\")"] + only, in: dir),
                         into: &figures, currency: currency, value: true)
        }
        Self.expectEqual(figures, vtf, "ledger")
    }

    @Test("beancount checks the export, and its balances are vtf's, amounts and values", arguments: Self.dates)
    func beancount(asOf: String?, end: String?) throws {
        let (dir, file, vtf) = try Self.exported("beancount", asOf: asOf)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Self.tool(["bean-check", file], in: dir)
        var figures: [String: Figures] = [:]
        // Per account, currency and revalued currency (empty for an amount): the units, and
        // their weight (the value, in USD); a revaluation's units are a value of the currency it names.
        // (-m: numbers alone, rounded to the currency's places, as beancount displays them.)
        let rows = try Self.tool(["bean-query", "-f", "csv", "-m", file,
            "SELECT account, currency, meta('revalues') AS r, sum(number) AS n, sum(convert(weight, 'USD')) AS w"
                + (end.map { " WHERE date < \($0)" } ?? "") + " GROUP BY account, currency, r"], in: dir)
        for row in rows.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5 else { continue }
            let number = try Self.decimal(cells[3])
            if cells[2].isEmpty {
                figures["\(cells[0]) \(cells[1])", default: Figures()].amount += number
                figures["\(cells[0]) \(cells[1])", default: Figures()].value += cells[4].isEmpty ? 0 : try Self.decimal(cells[4])
            } else {
                figures["\(cells[0]) \(cells[2])", default: Figures()].value += number
            }
        }
        Self.expectEqual(figures, vtf, "beancount")
    }

    /// hledger's CSV ("account","balance" with its header) as "ACCOUNT<TAB>AMOUNT COMMODITY" lines.
    static func csv(_ text: String) -> String {
        text.split(separator: "\n").dropFirst().map { line in
            line.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r")).replacingOccurrences(of: "\",\"", with: "\t")
        }.joined(separator: "\n")
    }

    @Test("an export never overwrites the ledger, nor a file without --force")
    func refusals() throws {
        let (folder, _) = try DemoThroughServiceTests.onFile.get()
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = folder + "/unvtf.ledger"
        let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
        let over = try CLI.vtf(["export", "hledger", "--ledger", ledger, "--out", ledger, "--force"], in: dir)
        #expect(over.status == 2, "\(over.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
        try "mine".write(toFile: dir + "/taken.journal", atomically: true, encoding: .utf8)
        let taken = try CLI.vtf(["export", "ledger", "--ledger", ledger, "--out", dir + "/taken.journal"], in: dir)
        #expect(taken.status == 2 && taken.stderr.contains("--force"), "\(taken.stderr)")
        #expect(try String(contentsOfFile: dir + "/taken.journal", encoding: .utf8) == "mine")
        // Without --out the journal goes to standard output, as the file would hold it.
        let piped = try CLI.vtf(["export", "hledger", "--ledger", ledger], in: dir)
        _ = try CLI.vtf(["export", "hledger", "--ledger", ledger, "--out", dir + "/books.journal"], in: dir)
        let file = try String(contentsOfFile: dir + "/books.journal", encoding: .utf8)
        #expect(piped.status == 0 && piped.stdout == file)
    }

    /// A derived table edited without the keys stops the export: it is read from the checked
    /// journal, never from the tables alone.
    @Test func anEditedLedgerIsNotExported() throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let posted = try fund.vtf(["post", "--ledger", fund.ledger, "--date", "2026-02-01", "--memo", "m", "--posting", "1100:5.00", "--posting", "4100:-5.00"])
        #expect(posted.status == 0, "\(posted.stderr)")
        try DatabaseQueue(path: fund.ledger).write { db in
            try db.execute(sql: "UPDATE postings SET amount = amount + 1 WHERE seq = (SELECT max(seq) FROM postings) AND line = 0")
        }
        let result = try fund.vtf(["export", "beancount", "--ledger", fund.ledger, "--out", fund.dir + "/b.beancount"], as: nil)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("nothing was exported"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fund.dir + "/b.beancount"))
    }
}

/// `vtf journal export --format csv` (issue 16 point 4): the journal for spreadsheets.
@Suite struct JournalCSVTests {
    @Test func aRowPerPostingWithABOMAndTextThatNoSpreadsheetRuns() throws {
        let fund = try TestLedger()
        defer { fund.remove() }
        let posted = try fund.vtf(["post", "--ledger", fund.ledger, "--date", "2026-02-01", "--memo", "=HYPERLINK(\"http://x.example\",\"pay\")",
                                   "--ref", "@SUM", "--posting", "1100:5.00", "--posting", "4100:-5.00"])
        #expect(posted.status == 0, "\(posted.stderr)")
        let result = try fund.vtf(["journal", "export", "--ledger", fund.ledger, "--format", "csv", "--out", fund.dir + "/j.csv"], as: nil)
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fund.dir + "/j.csv")))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark first")
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "seq,date,recorded,kind,ref,memo,signer,account,currency,amount,value")
        // A row per posting, an entry without postings as one row.
        let journal = try fund.vtf(["journal", "export", "--ledger", fund.ledger], as: nil).stdout.split(separator: "\n")
        let expected = try journal.reduce(0) { count, line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let body = (object["body"] as? [String: Any]) ?? object
            return count + max(1, (body["postings"] as? [Any])?.count ?? 0)
        }
        #expect(rows.count == expected + 1, "\(rows.count) rows for \(expected) postings and entries")
        let last = try #require(rows.last)
        #expect(last.contains(",'@SUM,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"pay\"\")\","), "\(last)")
        #expect(last.hasSuffix(",4100,USD,-5.00,-5.00"), "\(last)")
        // The JSON Lines export is unchanged by the option's existence.
        let jsonl = try fund.vtf(["journal", "export", "--ledger", fund.ledger, "--format", "jsonl"], as: nil).stdout
        #expect(jsonl == journal.map { $0 + "\n" }.joined())
    }
}
