import CanonicalJSON
import Foundation
import Testing

/// Issue 16 point 2, the grant data IATI needs: an award may say where the grantee works
/// (`--country`), its OECD DAC CRS purpose code (`--sector`) and how it may be named in public
/// (`--public-name`). The fund's rules check them on every way in (here the CLI; the verifier
/// replays the same rules), and the approval copies them into the grant record.
@Suite("A grant award's country, sector and public name")
struct GrantPublicationCommandTests {
    private func award(_ extra: [String], ref: String = "G-1") -> [String] {
        ["grant", "award", "--grantee", "SHELTER", "--grantee-name", "Shelter House", "--amount", "1000.00", "--date", "2026-02-01",
         "--ref", ref] + extra
    }

    @Test func aBadCountryA4DigitSectorAndAControlCharacterAreRefusedNamingTheField() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.refused(award(["--country", "XX"]), containing: "country \"XX\" is not an assigned ISO 3166-1 alpha-2")
        try fund.refused(award(["--country", "ng"]), containing: "country \"ng\" must be written in upper case: NG")
        try fund.refused(award(["--country", "NG", "--sector", "1518"]), containing: "sector \"1518\" is not an OECD DAC CRS purpose code")
        try fund.refused(award(["--sector", "15l80"]), containing: "sector \"15l80\"")
        try fund.refused(award(["--sector", "１５１８０"]), containing: "sector")
        try fund.refused(award(["--public-name", "Safe\u{07}Haven"]), containing: "public_name")
        try fund.refused(award(["--public-name", String(repeating: "a", count: 201)]), containing: "public_name")
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
    }

    @Test func theApprovalCopiesThemIntoTheGrantAndTheListShowsThem() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.ok(award(["--country", "NP", "--sector", "15180", "--public-name", "Shelter Nepal"]))
        try fund.ok(["certify", "G-1"], as: "chen")
        try fund.ok(["approve", "G-1"], as: "amara")
        // An award without them keeps the old shape: no new member in the journal.
        try fund.ok(award([], ref: "G-2"))
        try fund.ok(["certify", "G-2"], as: "chen")
        try fund.ok(["approve", "G-2"], as: "amara")
        let journal = try fund.ok(["journal", "export"]).stdout.split(separator: "\n")
        let requests = journal.filter { $0.contains("\"action\":\"grant.award\"") }
        #expect(requests.count == 2)
        #expect(requests.first { $0.contains("\"ref\":\"G-1\"") }?.contains("\"country\":\"NP\",") == true)
        #expect(requests.first { $0.contains("\"ref\":\"G-1\"") }?.contains("\"public_name\":\"Shelter Nepal\"") == true)
        let old = try #require(requests.first { $0.contains("\"ref\":\"G-2\"") })
        for member in ["country", "sector", "public_name"] { #expect(!old.contains("\"\(member)\":"), "\(old)") }
        let text = try fund.ok(["grant", "list", "--format", "json"]).stdout
        let list = try JSONParser.parse(Array(text.utf8))
        let grants = list.objectValue?["grants"]?.arrayValue?.compactMap(\.objectValue) ?? []
        #expect(grants.map { [$0["grant"], $0["country"], $0["sector"]] } == [
            [.string("G-1"), .string("NP"), .string("15180")], [.string("G-2"), .null, .null],
        ])
        let table = try fund.ok(["grant", "list"]).stdout
        let row = try #require(table.split(separator: "\n").first { $0.hasPrefix("G-1 ") })
        #expect(row.contains(" NP ") && row.contains(" 15180 "), "\(table)")
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
    }
}
