import CanonicalJSON
import Foundation
import Testing

/// Issue 11 item 9 through the CLI: `vtf receivable impair` (two-person, its ageing printed and
/// shown to the certifier) and `vtf grant accrue` (the accrual and its 1 January reversal in one
/// batch); refusals exit 2 with the ledger unchanged; the entries' data conform to their schemas.
@Suite struct YearEndEntriesCommandTests {
    @Test func anImpairmentIsRequestedWithItsAgeingCertifiedAndApproved() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        // AGR-BEL-1: EUR 100,000.00 due 2026-01-10, 50,000.00 received; on 30 September it is 263 days overdue.
        try fund.refused(["receivable", "impair", "AGR-BEL-1", "--amount", "50000.01", "--date", "2026-09-30"], containing: """
            agreement AGR-BEL-1 has 50000.00 EUR outstanding, of which 0.00 EUR is already covered by the allowance (1210.BEL); \
            50000.01 EUR is more than the 50000.00 EUR left to impair: ask for at most 50000.00 EUR
            """)
        let request = try fund.ok(["receivable", "impair", "AGR-BEL-1", "--amount", "10000.00", "--date", "2026-09-30", "--ref", "IMP-1"])
        #expect(request.stdout.contains("ageing basis: as of 2026-09-30: not due 0.00, 0-90 0.00, 91-180 0.00, 181-365 50000.00, >365 0.00 EUR"))
        #expect(request.stderr.contains("a certifying officer runs  vtf certify IMP-1"))
        let pending = try fund.ok(["pending"], as: "chen")
        #expect(pending.stdout.contains("impair 10000.00 of AGR-BEL-1; ageing as of 2026-09-30: not due 0.00, 0-90 0.00, 91-180 0.00, 181-365 50000.00"))
        try fund.refused(["approve", "IMP-1"], as: "amara", containing: "it must be certified first")
        try fund.ok(["certify", "IMP-1"], as: "chen")
        let approval = try fund.ok(["approve", "IMP-1"], as: "amara")
        #expect(approval.stdout.contains("1210.BEL"))
        try fund.refused(["receivable", "impair", "AGR-BEL-1", "--amount", "40000.01", "--date", "2026-10-30"],
                         containing: "of which 10000.00 EUR is already covered by the allowance (1210.BEL)")
        try fund.ok(["verify"])
        try expectSchemas(fund, "approval.request", action: "receivable.impair", "approval.request.receivable.impair.schema.json")
    }

    @Test func anAccrualIsWrittenWithItsReversal() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.certifiedAward()
        try fund.ok(["approve", "G-1"], as: "amara")
        try fund.ok(["grant", "disburse", "G-1", "--tranche", "1", "--amount", "12000.00", "--date", "2026-02-10", "--ref", "PAY-1"])
        try fund.ok(["certify", "PAY-1"], as: "chen")
        try fund.ok(["approve", "PAY-1"], as: "amara")
        try fund.refused(["grant", "accrue", "G-1", "--amount", "500.00", "--date", "2026-12-31"], containing: "--estimate, one of the two")
        try fund.refused(["grant", "accrue", "G-1", "--amount", "500.00", "--date", "2026-12-30", "--estimate"],
                         containing: "an accrual is dated 31 December of the year it closes (2026-12-31), not 2026-12-30")
        let result = try fund.ok(["grant", "accrue", "G-1", "--amount", "500.00", "--date", "2026-12-31", "--basis", "partner report of 2027-01-20"])
        #expect(result.stdout.contains("(grant.accrue), dated 2026-12-31"))
        #expect(result.stdout.contains("(grant.accrue.reverse), dated 2027-01-01"))
        try fund.ok(["verify"])
        try expectSchemas(fund, "grant.accrue", action: nil, "grant.accrue.schema.json")
        try expectSchemas(fund, "grant.accrue.reverse", action: nil, "grant.accrue.reverse.schema.json")
    }

    /// Every entry of `kind` (and `action`) in `journal export` has data conforming to `schema`.
    private func expectSchemas(_ fund: FundLedger, _ kind: String, action: String?, _ schema: String,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let rules = try SchemaChecker.load("entry-data/" + schema)
        var seen = 0
        let journal = try SchemaChecker.load("journal-entry.schema.json")
        for line in try fund.ok(["journal", "export"]).stdout.split(separator: "\n") {
            let entry = try JSONParser.parse(String(line))
            #expect(SchemaChecker.check(entry, against: journal).isEmpty, "\(SchemaChecker.check(entry, against: journal))",
                    sourceLocation: sourceLocation)
            let body = entry.objectValue?["body"]?.objectValue ?? entry.objectValue ?? [:]
            guard body["kind"]?.stringValue == kind, let data = body["data"] else { continue }
            if let action, data.objectValue?["action"]?.stringValue != action { continue }
            seen += 1
            let problems = SchemaChecker.check(data, against: rules)
            #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
        }
        #expect(seen > 0, "no \(kind) entry exported", sourceLocation: sourceLocation)
    }
}
