import CanonicalJSON
import Foundation
import LedgerCore
import Testing
import TrustFund
import TrustFundRules
import TransparencyLog

/// `vtf grant award --earmark` (issue 11 item 8): the earmark must be one a signed agreement
/// carries; the request's data passes Schemas/json/entry-data/approval.request.grant.award, and
/// a close's data passes year.close's.
@Suite struct EarmarkCommandTests {
    @Test func aGrantNamesOnlyAnAgreementsEarmark() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.ok(["agreement", "sign", "--donor", "BEL", "--amount", "10000.00", "--currency", "EUR", "--date", "2026-01-12",
                     "--ref", "AGR-BEL-SAHEL", "--earmark", "Sahel"])
        let award = ["grant", "award", "--grantee", "SHELTER", "--grantee-name", "Shelter", "--amount", "2000.00", "--date", "2026-02-01", "--ref", "G-1"]
        try fund.refused(award + ["--earmark", "Sahell"], containing: "earmark \"Sahell\" is not the earmark of any signed agreement (the agreements' earmarks are: Sahel)")
        try fund.ok(award + ["--earmark", "Sahel"])
        try fund.ok(["certify", "G-1"], as: "chen")
        try fund.ok(["approve", "G-1"], as: "amara")
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
        let schema = try SchemaChecker.load("entry-data/approval.request.grant.award.schema.json")
        let entries = try fund.run(["journal", "export"]).stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        let awards = entries.compactMap { entry -> JSONValue? in
            guard entry.objectValue?["kind"]?.stringValue == "approval.request" else { return nil }
            let data = entry.objectValue?["data"]
            return data?.objectValue?["action"]?.stringValue == "grant.award" ? data : nil
        }
        #expect(awards.count == 1)
        for data in awards {
            #expect(data.objectValue?["earmark"] == .string("Sahel"))
            #expect(SchemaChecker.check(data, against: schema).isEmpty, "\(SchemaChecker.check(data, against: schema))")
        }
        let close = try SchemaChecker.load("entry-data/year.close.schema.json")
        let closeData = JSONValue.object(FundDrafts.yearClose(year: 2026, request: "CLOSE-2026", date: try LedgerDate(parsing: "2026-12-31")).data)
        #expect(SchemaChecker.check(closeData, against: close).isEmpty)
        #expect(SchemaChecker.check(try JSONParser.parse(#"{"year":2026,"request":"CLOSE-2026","to":"3100"}"#), against: close).count == 1)
    }
}
