import CanonicalJSON
import Foundation
import Testing

/// A partner's refund of spending reported in the same year, read back by every output: the
/// donor statement's fund use and `vtf report grants` show spending and PSC net of it, as 5100
/// and 5200 hold them (FUND-RULES.md, "Refunds from partners").
@Suite("Refunds of reported spending in the reports")
struct GrantRefundCommandTests {
    @Test func statementAndGrantsReportShowSpendingNetOfTheRefund() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.certifiedAward()
        try fund.ok(["approve", "G-1"], as: "amara")
        try fund.ok(["grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-02-10", "--ref", "PAY-1"])
        try fund.ok(["certify", "PAY-1"], as: "chen")
        try fund.ok(["approve", "PAY-1"], as: "amara")
        try fund.ok(["grant", "report", "G-1", "--spent", "10000.00", "--date", "2026-06-30"])
        // 3,000.00 back: 2,000.00 still advanced, 1,000.00 of this year's spending with its PSC
        // of 13 % = 130.00. Spent 9,000.00, PSC 1,170.00.
        let refund = try fund.ok(["grant", "refund", "G-1", "--amount", "3000.00", "--date", "2026-07-15", "--bank-ref", "B-R1"]).stdout
        #expect(refund.contains("5100") && refund.contains("-1000.00") && refund.contains("5200") && refund.contains("-130.00"), "\(refund)")
        let out = fund.base.dir + "/bel.json"
        try fund.ok(["statement", "--donor", "BEL", "--from", "2026-01-01", "--to", "2026-12-31", "--out", out, "--force"])
        let statement = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
        let use = statement.objectValue?["fund_use"]?.objectValue
        #expect(use?["grants_spent"]?.stringValue == "9000.00", "\(String(describing: use))")
        #expect(use?["psc"]?.stringValue == "1170.00", "\(String(describing: use))")
        let grants = try fund.ok(["report", "grants", "--as-of", "2026-12-31", "--format", "json"]).stdout
        let line = try JSONParser.parse(Array(grants.utf8)).objectValue?["grants"]?.arrayValue?.first?.objectValue
        #expect(line?["spent"]?.stringValue == "9000.00" && line?["psc"]?.stringValue == "1170.00" && line?["refunded"]?.stringValue == "3000.00",
                "\(grants)")
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
    }
}
