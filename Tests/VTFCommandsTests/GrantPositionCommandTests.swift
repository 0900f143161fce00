import CanonicalJSON
import Foundation
import Testing

/// Issue 11 item 4 through the CLI: after approved reversals of a tranche payment, a partner
/// report and a refund, `report grants`, `report psc`, `grant list` and the donor statement's
/// use of funds read the same net figures as the ledger's balances (5100, 5200, 1300.G-1).
/// Figures by hand: paid 60,000 + 25,000 = 85,000; spent 40,000 + 5,000 = 45,000; PSC 13 % =
/// 5,200 + 650 = 5,850; refund 3,000. Reversing the 25,000 tranche, the 5,000 report and the
/// refund leaves 60,000 / 40,000 / 5,200 / 0, advance 20,000.
@Suite("Every report reads the same grant figures after reversals, through the CLI")
struct GrantPositionCommandTests {
    private func object(_ text: String) throws -> JSONObject {
        try #require(try JSONParser.parse(Array(text.utf8)).objectValue)
    }

    /// Every report on `asOf` against the books: paid, spent, psc, refunded, advance.
    private func expectEveryReport(_ fund: FundLedger, _ asOf: String, _ figures: [String],
                                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (paid, spent, psc, refunded, advance) = (figures[0], figures[1], figures[2], figures[3], figures[4])
        let balances = try fund.ok(["balance", "--as-of", asOf, "--format", "csv"]).stdout
        for (account, value) in [("5100", spent), ("5200", psc), ("1300.G-1", advance)] {
            #expect(balances.contains("\n\(account),USD,\(value),"), "\(account) \(value)\n\(balances)", sourceLocation: sourceLocation)
        }
        let grants = try object(try fund.ok(["report", "grants", "--as-of", asOf, "--format", "json"]).stdout)
        let line = try #require(grants["grants"]?.arrayValue?.compactMap(\.objectValue).first { $0["grant"]?.stringValue == "G-1" })
        #expect(["paid", "spent", "psc", "refunded", "advance"].map { line[$0]?.stringValue } == [paid, spent, psc, refunded, advance],
                sourceLocation: sourceLocation)
        let report = try object(try fund.ok(["report", "psc", "--from", "2026-01-01", "--as-of", asOf, "--format", "json"]).stdout)
        let totals = try #require(report["totals"]?.objectValue)
        #expect([totals["expenditure"], totals["charged"], totals["ledger_5200"]].map { $0?.stringValue } == [spent, psc, psc],
                sourceLocation: sourceLocation)
        #expect(report["agrees"] == .bool(true), sourceLocation: sourceLocation)
        let out = fund.base.dir + "/acme-\(asOf).json"
        try fund.ok(["statement", "--donor", "ACME", "--from", "2026-01-01", "--to", asOf, "--out", out])
        let statement = try object(try String(contentsOfFile: out, encoding: .utf8))
        let use = try #require(statement["fund_use"]?.objectValue)
        #expect([use["grants_paid"], use["grants_spent"], use["psc"]].map { $0?.stringValue } == [paid, spent, psc], sourceLocation: sourceLocation)
    }

    /// A PSC rate changed back-dated to before a report that charged PSC makes the PSC report
    /// disagree: it says so, and exits 1 (it exited 0 in an outside trial), in every format.
    @Test func aPSCReportThatDisagreesExitsOne() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        _ = try fund.fundGrantG1(tranches: "60000.00,40000.00")
        let agreeing = try fund.run(["report", "psc", "--from", "2026-01-01", "--as-of", "2026-12-31"])
        #expect(agreeing.status == 0, "\(agreeing.stdout)\(agreeing.stderr)")
        // PSC posted by a manual voucher: 5200 then holds more than the entries charged. (A setting
        // can no longer change under entries already recorded, so each entry's charge agrees.)
        try fund.ok(["post", "--date", "2026-03-01", "--memo", "PSC by hand", "--posting", "5200:100.00", "--posting", "1100:-100.00", "--ref", "V-PSC"])
        try fund.ok(["certify", "V-PSC"], as: "chen")
        try fund.ok(["approve", "V-PSC"], as: "amara")
        for format in ["text", "json", "csv"] {
            let report = try fund.run(["report", "psc", "--from", "2026-01-01", "--as-of", "2026-12-31", "--format", format])
            #expect(report.status == 1, "\(format): \(report.stdout)\(report.stderr)")
            #expect(report.stderr.contains("account 5200 does not hold what the entries charged as PSC"), "\(format): \(report.stderr)")
            #expect(!report.stdout.isEmpty)
        }
    }

    @Test func reversalsNetInEveryReportAndStatement() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let tranche = try fund.fundGrantG1(tranches: "60000.00,25000.00,15000.00")
        try fund.ok(["grant", "report", "G-1", "--spent", "5000.00", "--date", "2026-05-31"])
        let report = try fund.lastSeq(kind: "grant.report")
        try fund.ok(["grant", "refund", "G-1", "--amount", "3000.00", "--date", "2026-06-15", "--bank-ref", "B-R1"])
        let refund = try fund.lastSeq(kind: "grant.refund")
        try expectEveryReport(fund, "2026-06-30", ["85000.00", "45000.00", "5850.00", "3000.00", "37000.00"])
        // Undone in reverse order: the refund, the second report, the second tranche.
        try fund.approvedReversal(refund, date: "2026-07-01")
        try fund.approvedReversal(report, date: "2026-07-02")
        try fund.approvedReversal(tranche, date: "2026-07-03")
        try expectEveryReport(fund, "2026-07-31", ["60000.00", "40000.00", "5200.00", "0.00", "20000.00"])
        let list = try fund.ok(["grant", "list"]).stdout
        let row = try #require(list.split(separator: "\n").first { $0.hasPrefix("G-1 ") })
        #expect(row.split(separator: " ", omittingEmptySubsequences: true).dropFirst(6).prefix(4) == ["60000.00", "40000.00", "5200.00", "0.00"],
                "\(list)")
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
    }
}
