import CanonicalJSON
import Foundation
import Testing

/// Issue 11 §3: an auditor's recomputation from the exported journal alone
/// (Audit/recompute/recompute.py, Python standard library, no vtf code) agrees with every figure
/// of every report and of `vtf funds available`, before and after approved reversals of a
/// payment, a partner report and a refund; a figure changed in a report's JSON is caught.
@Suite("An independent recomputation from the journal agrees with every report")
struct RecomputeTests {
    static let script = CLI.packageRoot.appendingPathComponent("Audit/recompute/recompute.py").path

    /// Runs the script with `arguments` in `dir`.
    static func recompute(_ arguments: [String], in dir: String) throws -> CLI.Result {
        try CLI.run("/usr/bin/env", ["python3", script] + arguments, in: dir)
    }

    /// Runs vtf itself through the script (`--vtf`): the export, the nine reports and funds
    /// available as of `asOf` (period reports from `from`); every figure must agree.
    static func expectAgreement(ledger: String, asOf: String, from: String? = nil, in dir: String,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        var arguments = ["--vtf", CLI.binary, "--ledger", ledger, "--as-of", asOf]
        if let from { arguments += ["--from", from] }
        let result = try recompute(arguments, in: dir)
        #expect(result.status == 0, "as of \(asOf): \(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.contains("ok: every figure of trial-balance, financial-position, financial-performance, net-assets, grants, receivables, psc, budget, cash-flow, funds agrees"),
                "\(result.stdout)", sourceLocation: sourceLocation)
    }

    @Test func theDemoYearAgreesOnEveryDate() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let demo = try CLI.vtf(["demo", "--dir", "demo"], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        let ledger = dir + "/demo/unvtf.ledger"
        // A pledge, the first receipts, the grant cycle, the suspense receipt, the year end
        // (revaluation, reserve, close) and the next year, with a period starting mid-year.
        for (asOf, from) in [("2025-01-31", nil), ("2025-03-31", nil), ("2025-04-05", "2025-02-01"), ("2025-09-30", "2025-07-01"),
                             ("2025-12-31", nil), ("2026-06-30", "2025-01-01")] as [(String, String?)] {
            try Self.expectAgreement(ledger: ledger, asOf: asOf, from: from, in: dir)
        }
        // In 2026, G-2025-06 gives back its open advance of 7,900.00 and 1,100.00 of the 2025
        // spending (Cr 4300, its PSC too); that refund is then reversed by two people.
        @discardableResult func vtf(_ arguments: [String], as person: String = "maria") throws -> CLI.Result {
            let result = try CLI.vtf(arguments + ["--ledger", ledger, "--key", "\(dir)/demo/\(person).pem"], in: dir)
            #expect(result.status == 0, "vtf \(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }
        try vtf(["grant", "refund", "G-2025-06", "--amount", "5000.00", "--date", "2026-01-15", "--bank-ref", "R-2026-1"])
        let refund = try vtf(["grant", "refund", "G-2025-06", "--amount", "4000.00", "--date", "2026-01-20", "--bank-ref", "R-2026-2"]).stdout
        #expect(refund.contains("4300") && refund.contains("-1100.00") && refund.contains("-143.00"), "\(refund)")
        try Self.expectAgreement(ledger: ledger, asOf: "2026-01-31", in: dir)
        let seq = String(try #require(refund.firstMatch(of: #/entry (\d+) \(grant.refund/#)).1)
        let request = try vtf(["reverse", seq, "--date", "2026-02-01", "--memo", "correction"]).stdout
        let ref = String(try #require(request.firstMatch(of: #/REF (REV-2026-\d+)/#)).1)
        try vtf(["certify", ref], as: "chen")
        try vtf(["approve", ref], as: "amara")
        for (asOf, from) in [("2026-03-31", nil), ("2026-03-31", "2025-01-01")] as [(String, String?)] {
            try Self.expectAgreement(ledger: ledger, asOf: asOf, from: from, in: dir)
        }
        // The reversal of a refund of an earlier year's spending is no PSC line: it never was in
        // 5200, so the report still agrees with 5200 (it used to list it and disagree).
        // A report only reads: it takes no --key.
        let psc = try CLI.vtf(["report", "psc", "--as-of", "2026-03-31", "--format", "json", "--ledger", ledger], in: dir).stdout
        #expect(psc.contains("\"agrees\":true,") && !psc.contains("\"reverses\":\(seq)") && !psc.contains("\"seq\":\(seq)"), "\(psc)")
    }

    /// A grant paid in two tranches, reported on twice and partly refunded beyond its advance;
    /// then the refund, the second report and the second tranche are reversed (approved by two
    /// people). Every report agrees with the journal before the reversals, on dates between them
    /// and after them, for periods that hold the reversed entries and periods that do not.
    @Test func everyReportAgreesBeforeAndAfterReversals() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let dir = fund.base.dir
        let ledger = fund.base.ledger
        let tranche = try fund.fundGrantG1(tranches: "60000.00,25000.00,15000.00")
        try fund.ok(["grant", "report", "G-1", "--spent", "5000.00", "--date", "2026-05-31"])
        let report = try fund.lastSeq(kind: "grant.report")
        // 41,000.00 back: 40,000.00 still advanced, 1,000.00 of this year's spending with its PSC.
        try fund.ok(["grant", "refund", "G-1", "--amount", "41000.00", "--date", "2026-06-15", "--bank-ref", "B-R1"])
        let refund = try fund.lastSeq(kind: "grant.refund")
        for asOf in ["2026-02-15", "2026-04-30", "2026-06-30"] {
            try Self.expectAgreement(ledger: ledger, asOf: asOf, in: dir)
        }
        try fund.approvedReversal(refund, date: "2026-07-01")
        try Self.expectAgreement(ledger: ledger, asOf: "2026-07-01", in: dir)
        try fund.approvedReversal(report, date: "2026-07-02")
        try Self.expectAgreement(ledger: ledger, asOf: "2026-07-02", from: "2026-07-01", in: dir)
        try fund.approvedReversal(tranche, date: "2026-07-03")
        for (asOf, from) in [("2026-06-30", nil), ("2026-07-31", nil), ("2026-07-31", "2026-07-01"), ("2026-12-31", "2026-06-01")] as [(String, String?)] {
            try Self.expectAgreement(ledger: ledger, asOf: asOf, from: from, in: dir)
        }
        // The reversals are in the figures: the PSC report lists each as a negative line.
        let psc = try fund.ok(["report", "psc", "--as-of", "2026-07-31", "--format", "json"]).stdout
        #expect(psc.contains("\"reverses\":\(report)") && psc.contains("\"reverses\":\(refund)"), "\(psc)")
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
    }

    /// Certified by chen and approved by amara.
    private func twoPeople(_ fund: FundLedger, _ ref: String) throws {
        try fund.ok(["certify", ref], as: "chen")
        try fund.ok(["approve", ref], as: "amara")
    }

    /// The other kinds and their reversals: a conditional agreement in instalments partly paid
    /// and partly recognised (the cash-backed 2200 line of funds available), money in suspense
    /// applied and held, a PSC rate changed by two people, a partner report reversed before a
    /// refund takes back the spending reported at the old rate, a write-off reversed and another
    /// kept, a receipt reversed, a refund to a donor, a budget and its revision, an impairment, a
    /// revaluation, the reserve and a year-end accrual.
    @Test func everyOtherKindAndItsReversalAgrees() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let dir = fund.base.dir
        let ledger = fund.base.ledger
        try fund.ok(["donor", "add", "ACME", "--name", "Acme Foundation", "--type", "foundation", "--date", "2026-01-05"])
        try fund.ok(["agreement", "sign", "--donor", "ACME", "--amount", "150000.00", "--currency", "USD", "--date", "2026-01-10", "--ref", "AGR-ACME-1"])
        try fund.ok(["receive", "--agreement", "AGR-ACME-1", "--amount", "150000.00", "--currency", "USD", "--date", "2026-01-20", "--bank-ref", "B-2"])
        try fund.ok(["donor", "add", "FRA", "--name", "France", "--type", "member-state", "--country", "FR", "--date", "2026-01-05"])
        try fund.ok(["agreement", "sign", "--donor", "FRA", "--amount", "20000.00", "--currency", "EUR", "--date", "2026-01-12", "--ref", "AGR-FRA-1",
                     "--conditional", "--instalments", "10000.00@2026-02-01,10000.00@2026-09-01"])
        try fund.ok(["receive", "--agreement", "AGR-FRA-1", "--amount", "12000.00", "--currency", "EUR", "--date", "2026-02-10", "--bank-ref", "B-3"])
        try fund.ok(["receive", "--unidentified", "--amount", "5000.00", "--currency", "USD", "--date", "2026-01-26", "--bank-ref", "SUSP-1"])
        try Self.expectAgreement(ledger: ledger, asOf: "2026-02-10", in: dir)
        try fund.ok(["agreement", "recognise", "AGR-FRA-1", "--amount", "5000.00", "--date", "2026-03-15"])
        try fund.ok(["grant", "award", "--grantee", "SHELTER", "--grantee-name", "Shelter", "--amount", "100000.00", "--date", "2026-02-01",
                     "--ref", "G-1", "--tranches", "60000.00,40000.00"])
        try twoPeople(fund, "G-1")
        try fund.ok(["grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-02-15", "--ref", "PAY-1"])
        try twoPeople(fund, "PAY-1")
        try fund.ok(["grant", "report", "G-1", "--spent", "10000.00", "--date", "2026-03-31"])
        try fund.ok(["setting", "change", "psc_rate", "10", "--from", "2026-04-01", "--date", "2026-03-20", "--ref", "SET-1"])
        try twoPeople(fund, "SET-1")
        try fund.ok(["receivable", "write-off", "--agreement", "AGR-BEL-1", "--amount", "5000.00", "--date", "2026-03-10", "--ref", "WO-1"])
        try twoPeople(fund, "WO-1")
        let writeOff = try fund.lastSeq(kind: "approval.approve")
        try Self.expectAgreement(ledger: ledger, asOf: "2026-03-31", in: dir)
        try fund.approvedReversal(writeOff, date: "2026-04-10")
        try fund.ok(["receivable", "write-off", "--agreement", "AGR-BEL-1", "--amount", "2000.00", "--date", "2026-05-10", "--ref", "WO-2"])
        try twoPeople(fund, "WO-2")
        // 5,000.00 reported at 10 %, then reversed: the refund of 51,000.00 takes the 50,000.00
        // still advanced and 1,000.00 of the spending reported at 13 %, so PSC 130.00 comes back.
        try fund.ok(["grant", "report", "G-1", "--spent", "5000.00", "--date", "2026-05-31"])
        try fund.approvedReversal(try fund.lastSeq(kind: "grant.report"), date: "2026-06-01")
        try fund.ok(["grant", "refund", "G-1", "--amount", "51000.00", "--date", "2026-06-15", "--bank-ref", "B-R1"])
        // ACME has given all it agreed: what suspense held for it is owed back (2300.ACME), part refunded.
        try fund.ok(["receive", "apply", "SUSP-1", "--agreement", "AGR-ACME-1", "--date", "2026-06-16"])
        try fund.ok(["receive", "--unidentified", "--amount", "3000.00", "--currency", "USD", "--date", "2026-06-20", "--bank-ref", "SUSP-2"])
        try fund.ok(["receive", "--agreement", "AGR-BEL-1", "--amount", "1000.00", "--currency", "EUR", "--date", "2026-06-22", "--bank-ref", "B-4"])
        try fund.approvedReversal(try fund.lastSeq(kind: "contribution.receive"), date: "2026-06-23")
        try fund.ok(["donor", "refund", "ACME", "--amount", "2000.00", "--currency", "USD", "--date", "2026-06-24", "--ref", "RFD-1"])
        try twoPeople(fund, "RFD-1")
        // The Board's budget for 2026 and a revision; an impairment of Belgium's receivable.
        try fund.ok(["budget", "set", "--year", "2026", "--grants", "120000.00", "--secretariat", "5000.00", "--psc", "15600.00",
                     "--from", "2026-01-01", "--date", "2026-01-15", "--ref", "BUD-1"])
        try twoPeople(fund, "BUD-1")
        try fund.ok(["budget", "set", "--year", "2026", "--grants", "90000.00", "--secretariat", "5000.00", "--psc", "11700.00",
                     "--from", "2026-06-01", "--date", "2026-06-01", "--ref", "BUD-2"])
        try twoPeople(fund, "BUD-2")
        try fund.ok(["receivable", "impair", "AGR-BEL-1", "--amount", "4000.00", "--date", "2026-06-25", "--ref", "IMP-1"])
        try twoPeople(fund, "IMP-1")
        // A rate starts after the entries already recorded (the impairment of 25 June).
        try fund.ok(["rates", "set", "--from", "2026-06-26", "EUR=0.8500"])
        try fund.ok(["fx", "revalue", "--date", "2026-06-30"])
        try fund.ok(["reserve", "adjust", "--date", "2026-06-30"])
        // Spending G-1's partner reported in January, accrued to 2026 (and reversed on 1 January).
        try fund.ok(["grant", "accrue", "G-1", "--amount", "3000.00", "--date", "2026-12-31", "--basis", "partner report of 2027-01-20"])
        for (asOf, from) in [("2026-04-30", nil), ("2026-06-15", "2026-04-01"), ("2026-06-30", nil), ("2026-12-31", "2026-06-01"),
                             ("2027-01-31", "2026-01-01")] as [(String, String?)] {
            try Self.expectAgreement(ledger: ledger, asOf: asOf, from: from, in: dir)
        }
        // The PSC report recomputes the refund's PSC at 13 %, the rate that charged the spending
        // it took back (it used to replay the reversed 10 % report and disagree with itself).
        let psc = try JSONParser.parse(Array(try fund.ok(["report", "psc", "--as-of", "2026-06-30", "--format", "json"]).stdout.utf8)).objectValue
        let refund = try #require(psc?["entries"]?.arrayValue?.compactMap(\.objectValue).first { $0["date"]?.stringValue == "2026-06-15" })
        #expect([refund["rate"], refund["charged"], refund["recomputed"]].map { $0?.stringValue } == ["13", "-130.00", "-130.00"], "\(refund)")
        #expect(psc?["agrees"] == .bool(true))
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
    }

    /// A figure changed in a report's JSON, or a line added to it, is named with what the
    /// journal gives (exit 1); a journal or a report it cannot read is exit 2.
    @Test func aChangedFigureIsCaught() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let dir = fund.base.dir
        try fund.certifiedAward()
        try fund.ok(["approve", "G-1"], as: "amara")
        try fund.base.write(try fund.ok(["journal", "export"]).stdout, to: "journal.jsonl")
        let position = try fund.ok(["report", "financial-position", "--as-of", "2026-03-31", "--format", "json"]).stdout
        let funds = try fund.ok(["funds", "available", "--as-of", "2026-03-31", "--format", "json"]).stdout
        try fund.base.write(position, to: "position.json")
        try fund.base.write(funds, to: "funds.json")
        let agreed = try Self.recompute(["--journal", "journal.jsonl", "--report", "financial-position=position.json", "--report", "funds.json"], in: dir)
        #expect(agreed.status == 0, "\(agreed.stdout)\(agreed.stderr)")

        // The open commitment of G-1 (9200) is USD 20,000.00; the report is made to say 20,000.01.
        #expect(position.contains("\"key\":\"commitments\",\"label\":\"Open grant commitments\",\"value\":\"20000.00\""), "\(position)")
        try fund.base.write(position.replacingOccurrences(of: "\"value\":\"20000.00\"", with: "\"value\":\"20000.01\""), to: "changed.json")
        let changed = try Self.recompute(["--journal", "journal.jsonl", "--report", "changed.json"], in: dir)
        #expect(changed.status == 1, "\(changed.stdout)\(changed.stderr)")
        #expect(changed.stdout.contains("financial-position: memo[commitments].value: expected 20000.00, found 20000.01"), "\(changed.stdout)")

        // Funds available one cent higher than the journal gives.
        let available = try #require(funds.firstMatch(of: #/"available":"([0-9.-]+)"/#)).1
        let higher = try #require(Decimal(string: String(available))) + (try #require(Decimal(string: "0.01")))
        try fund.base.write(funds.replacingOccurrences(of: "\"available\":\"\(available)\"", with: "\"available\":\"\(higher)\""), to: "funds-changed.json")
        let more = try Self.recompute(["--journal", "journal.jsonl", "--report", "funds=funds-changed.json"], in: dir)
        #expect(more.status == 1 && more.stdout.contains("funds: available: expected \(available), found \(higher)"), "\(more.stdout)\(more.stderr)")

        // A figure the journal does not give (a member the script cannot derive) is a difference too.
        try fund.base.write(funds.replacingOccurrences(of: "\"available\":", with: "\"bonus\":\"1.00\",\"available\":"), to: "funds-extra.json")
        let extra = try Self.recompute(["--journal", "journal.jsonl", "--report", "funds-extra.json"], in: dir)
        #expect(extra.status == 1 && extra.stdout.contains("funds: bonus: expected (not derived by recompute.py), found \"1.00\""), "\(extra.stdout)")

        // A journal line cut short, or a file that is no report: bad input.
        try fund.base.write("{\"seq\":0,", to: "cut.jsonl")
        #expect(try Self.recompute(["--journal", "cut.jsonl", "--report", "position.json"], in: dir).status == 2)
        #expect(try Self.recompute(["--journal", "journal.jsonl", "--report", "journal.jsonl"], in: dir).status == 2)
        #expect(try Self.recompute(["--journal", "journal.jsonl", "--report", "grants=position.json"], in: dir).status == 2)
    }
}

extension TestLedger {
    /// Writes `text` to `name` in the ledger's folder.
    func write(_ text: String, to name: String) throws {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
}
