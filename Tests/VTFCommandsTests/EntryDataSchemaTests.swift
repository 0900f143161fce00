import CanonicalJSON
import Foundation
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import Testing

/// The journal's published contract covers every kind a ledger can hold: the `kind` enum of
/// `journal-entry.schema.json` names exactly the kinds the rules know, every schema under
/// `Schemas/json/entry-data/` names one of them, and real entries of a kind pass its data schema.
@Suite struct EntryDataSchemaTests {
    static let folder = CLI.packageRoot.appendingPathComponent("Schemas/json/entry-data")

    @Test func theJournalSchemaNamesEveryKindTheRulesKnow() throws {
        let schema = try SchemaChecker.load("journal-entry.schema.json")
        let listed = schema.objectValue?["properties"]?.objectValue?["kind"]?.objectValue?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(Set(listed) == Set(LedgerRules.unvtf.kinds.map(\.rawValue)))
        #expect(listed.count == LedgerRules.unvtf.kinds.count, "a kind is listed twice")
    }

    @Test func everyDataSchemaNamesAKindAndParses() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".schema.json") }
        #expect(!names.isEmpty)
        let kinds = Set(LedgerRules.unvtf.kinds.map(\.rawValue))
        for name in names {
            let stem = String(name.dropLast(".schema.json".count))
            // KIND.schema.json, or approval.request.ACTION.schema.json for a request's action.
            let actions = Set(FundSettings.requestActions.map { "approval.request.\($0)" })
            let known = kinds.contains(stem) || actions.contains(stem)
            #expect(known, "\(name) names no kind")
            let schema = try SchemaChecker.load("entry-data/\(name)")
            #expect(schema.objectValue?["type"]?.stringValue == "object", "\(name)")
        }
    }

    /// Every kind the code knows has its data schema, and so does every action a request may
    /// ask for; each is strict (no member beyond those listed) and lists the members it requires.
    @Test func everyKindAndEveryRequestActionHasAStrictDataSchema() throws {
        let names = LedgerRules.unvtf.kinds.map(\.rawValue) + FundSettings.requestActions.map { "approval.request.\($0)" }
        for name in names {
            let path = Self.folder.appendingPathComponent("\(name).schema.json").path
            #expect(FileManager.default.fileExists(atPath: path), "\(name) has no schema in Schemas/json/entry-data")
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let schema = try SchemaChecker.load("entry-data/\(name).schema.json").objectValue
            #expect(schema?["properties"]?.objectValue != nil, "\(name) lists no members")
            #expect(schema?["required"]?.arrayValue != nil, "\(name) says nothing of what is required")
            // A request's common schema leaves the members to its action's schema.
            if name != EntryKind.approvalRequest.rawValue {
                #expect(schema?["additionalProperties"] == .bool(false), "\(name) lets unknown members through")
            }
        }
        #expect(names.count == Set(names).count)
    }

    /// The common request schema's `action` enum names exactly the actions the rules switch over
    /// (a new action without it would pass its own schema and fail the common one).
    @Test func theRequestSchemaNamesEveryAction() throws {
        let schema = try SchemaChecker.load("entry-data/approval.request.schema.json")
        let listed = schema.objectValue?["properties"]?.objectValue?["action"]?.objectValue?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(Set(listed) == Set(RequestAction.allCases.map(\.rawValue)), "\(listed)")
        #expect(listed.count == RequestAction.allCases.count, "an action is listed twice")
    }

    /// The rates a fund entry used (`unore`, written by the store) pass its kind's schema; a rate
    /// that is a number or a currency code in lower case does not.
    @Test func theRatesAnEntryUsedPassItsSchema() throws {
        let schema = try SchemaChecker.load("entry-data/pledge.record.schema.json")
        let good = try JSONParser.parse(#"{"amount":"500000.00","currency":"EUR","donor":"BEL","unore":{"EUR":{"from":"2025-01-01","rate":"0.9600"}}}"#)
        #expect(SchemaChecker.check(good, against: schema).isEmpty, "\(SchemaChecker.check(good, against: schema))")
        let number = try JSONParser.parse(#"{"amount":"500000.00","currency":"EUR","donor":"BEL","unore":{"EUR":{"from":"2025-01-01","rate":0.96}}}"#)
        #expect(SchemaChecker.check(number, against: schema).count == 1)
        let lower = try JSONParser.parse(#"{"amount":"500000.00","currency":"EUR","donor":"BEL","unore":{"eur":{"from":"2025-01-01","rate":"0.9600"}}}"#)
        #expect(SchemaChecker.check(lower, against: schema).count == 1)
    }

    /// A fund ledger's journal passes the journal schema, and a delegation written by `vtf key
    /// delegate` passes its data schema; one with an extra member or a limit that is not a decimal string does not.
    @Test func aDelegationsDataPassesItsSchema() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let amara = try KeyFile.readPublicKey(at: fund.base.key("amara") + ".pub").keyID
        try fund.ok(["key", "delegate", "--key-id", amara, "--limit", "15000.00", "--from", "2026-01-01", "--to", "2026-12-31",
                     "--date", "2026-01-20"], as: "admin")
        let schema = try SchemaChecker.load("entry-data/key.delegate.schema.json")
        let entries = try fund.run(["journal", "export"]).stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        let delegations = entries.filter { $0.objectValue?["kind"]?.stringValue == "key.delegate" }
        #expect(delegations.count == 1)
        // Every line of a fund ledger's journal passes the journal's own schema.
        let journal = try SchemaChecker.load("journal-entry.schema.json")
        for entry in entries { #expect(SchemaChecker.check(entry, against: journal).isEmpty, "\(SchemaChecker.check(entry, against: journal))") }
        for entry in delegations {
            let data = try #require(entry.objectValue?["data"])
            #expect(SchemaChecker.check(data, against: schema).isEmpty, "\(SchemaChecker.check(data, against: schema))")
        }
        let forged = try JSONParser.parse(#"{"key_id":"\#(amara)","limit":15000,"from":"2026-01-01","to":"2026-12-31","extra":1}"#)
        #expect(SchemaChecker.check(forged, against: schema).count == 2)
    }
}
