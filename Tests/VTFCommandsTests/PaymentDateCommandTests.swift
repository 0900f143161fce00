import Foundation
import Testing

/// A payment posts on its own date, and the cash must cover it on that date (issue 11, item 6):
/// through the CLI, the refusal exits 2, names the date and the cash, and writes nothing.
@Suite("Payments are checked against the cash of their own date, through the CLI")
struct PaymentDateCommandTests {
    /// The fund's USD arrives on 25 Jan (the conversion); a tranche dated 22 Jan would take the
    /// USD cash to −12,000.00 that day although today's USD 37,500.00 covers it.
    @Test func aTrancheDatedBeforeItsUSDArrivedExits2AndWritesNothing() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.ok(["grant", "award", "--grantee", "SHELTER", "--grantee-name", "Shelter", "--amount", "20000.00", "--date", "2026-01-20",
                     "--ref", "G-1", "--tranches", "12000.00,8000.00"])
        try fund.ok(["certify", "G-1"], as: "chen")
        try fund.ok(["approve", "G-1"], as: "amara")
        try fund.ok(["grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-01-22", "--ref", "PAY-1"])
        try fund.refused(["certify", "PAY-1"], as: "chen",
                         containing: "payment PAY-1 of 12000.00 USD is dated 2026-01-22, when the USD cash was 0.00")
        try fund.ok(["reject", "PAY-1", "--reason", "dated before the funds arrived"], as: "chen")
        try fund.ok(["grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-01-25", "--ref", "PAY-2"])
        try fund.ok(["certify", "PAY-2"], as: "chen")
        let paid = try fund.ok(["approve", "PAY-2"], as: "amara").stdout
        #expect(paid.contains("1300.G-1") && paid.contains("-12000.00"), "\(paid)")
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
    }
}
