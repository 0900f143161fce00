import CanonicalJSON
import Foundation
import Testing

/// The signed donor statement conforms to Schemas/json/donor-statement.schema.json, audited or not.
@Suite("Donor statement JSON schema")
struct StatementSchemaTests {
    private func statement(_ fund: FundLedger) throws -> JSONValue {
        let out = fund.base.dir + "/bel.json"
        try fund.ok(["statement", "--donor", "BEL", "--from", "2026-01-01", "--to", "2026-12-31", "--out", out, "--force"])
        return try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
    }

    @Test func unauditedAndAuditedStatementsConform() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let schema = try SchemaChecker.load("donor-statement.schema.json")
        let unaudited = try statement(fund)
        #expect(SchemaChecker.check(unaudited, against: schema).isEmpty, "\(SchemaChecker.check(unaudited, against: schema))")
        try fund.ok(["key", "generate", "--out", fund.base.key("boa"), "--name", "Board of Auditors"])
        try fund.ok(["key", "register", "--public-key", fund.base.key("boa") + ".pub", "--holder", "board-of-auditors",
                     "--role", "auditor", "--date", "2026-01-26"], as: "admin")
        try fund.ok(["checkpoint", "cosign", "--name", "test.example/boa"], as: "boa")
        let audited = try statement(fund)
        #expect(audited.objectValue?["audited_by"]?.arrayValue?.count == 1)
        #expect(SchemaChecker.check(audited, against: schema).isEmpty, "\(SchemaChecker.check(audited, against: schema))")
    }

    @Test func theSchemaRefusesTheOldAuditedFlagAndABareAuditorName() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let schema = try SchemaChecker.load("donor-statement.schema.json")
        guard var object = try statement(fund).objectValue else { Issue.record("not an object"); return }
        object["audited"] = .bool(true)
        object["audited_by"] = .array([.string("test.example/boa")])
        let problems = SchemaChecker.check(.object(object), against: schema)
        #expect(problems.contains { $0.contains("unexpected member audited") }, "\(problems)")
        #expect(problems.contains { $0.contains("$.audited_by[0]: not of type") }, "\(problems)")
    }
}
