import Foundation
import Testing

/// Issue 10 item 14: CSV cells starting with `=`, `+`, `-` or `@` (earmarks, bank references,
/// grantee, donor, holder and account names) were written raw, so a spreadsheet ran them. Every
/// CSV vtf writes now gives such a cell a leading `'` (OWASP); amounts stay numbers.
@Suite("CSV cells are inert")
struct CSVInjectionTests {
    static let hyperlink = #"=HYPERLINK("http://evil.example","click")"#
    static let hyperlinkCell = #""'=HYPERLINK(""http://evil.example"",""click"")""#

    /// The fund fixture plus a donor, an agreement, a receipt, a grant, a key holder and an
    /// account whose texts are formulas.
    private func hostileFund() throws -> FundLedger {
        let fund = try FundLedger()
        try fund.ok(["donor", "add", "EVL", "--name", "@SUM(1+1)", "--type", "member-state", "--country", "FR", "--date", "2026-01-05"])
        try fund.ok(["agreement", "sign", "--donor", "EVL", "--amount", "1000.00", "--currency", "EUR", "--date", "2026-01-10",
                     "--ref", "AGR-EVL", "--earmark", Self.hyperlink])
        try fund.ok(["receive", "--agreement", "AGR-EVL", "--amount", "400.00", "--currency", "EUR", "--date", "2026-01-20",
                     "--bank-ref", "+cmd|' /C calc'!A0"])
        try fund.ok(["grant", "award", "--grantee", "EVIL", "--grantee-name=-2+3+cmd", "--amount", "1000.00", "--date", "2026-02-01", "--ref", "G-EVL"])
        try fund.ok(["certify", "G-EVL"], as: "chen")
        try fund.ok(["approve", "G-EVL"], as: "amara")
        try fund.ok(["account", "open", "1999", "--name", "@evil account", "--type", "asset", "--date", "2026-01-01"])
        return fund
    }

    @Test func everyCSVWriterMakesFormulasInert() throws {
        let fund = try hostileFund()
        defer { fund.base.remove() }
        let out = fund.base.dir + "/evl.csv"
        try fund.ok(["statement", "--donor", "EVL", "--to", "2026-12-31", "--format", "csv", "--out", out])
        let statement = try String(contentsOfFile: out, encoding: .utf8)
        #expect(statement.contains(Self.hyperlinkCell), "\(statement)")
        #expect(statement.contains(",'+cmd|' /C calc'!A0,"), "\(statement)")
        #expect(statement.contains(",EUR,400.00,"), "amounts stay numbers: \(statement)")

        let grants = try fund.ok(["report", "grants", "--as-of", "2026-12-31", "--format", "csv"]).stdout
        #expect(grants.contains("G-EVL,EVIL,'-2+3+cmd,"), "\(grants)")
        let receivables = try fund.ok(["report", "receivables", "--as-of", "2026-12-31", "--format", "csv"]).stdout
        #expect(receivables.contains("EVL,'@SUM(1+1),AGR-EVL,EUR,600.00,"), "\(receivables)")
        let accounts = try fund.ok(["account", "list", "--format", "csv"]).stdout
        #expect(accounts.contains("1999,'@evil account,asset,"), "\(accounts)")
        let balance = try fund.ok(["balance", "--format", "csv"]).stdout
        #expect(balance.contains(",-") && !balance.contains(",'-"), "negative amounts stay numbers: \(balance)")
    }

    @Test func keyHolderNamesAreInert() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        try ledger.expectOK(["key", "register", "--ledger", ledger.ledger, "--key", ledger.key("admin"), "--public-key", ledger.key("outsider") + ".pub",
                             "--holder", Self.hyperlink, "--name", "@evil", "--role", "auditor", "--date", "2026-01-01"])
        let keys = try ledger.vtf(["key", "list", "--format", "csv"]).stdout
        #expect(keys.contains(Self.hyperlinkCell + ",'@evil,auditor,"), "\(keys)")
    }
}
