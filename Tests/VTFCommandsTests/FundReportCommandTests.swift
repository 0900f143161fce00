import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// A small fund ledger on disk for `vtf report`: a donor in EUR and one in USD with
/// instalments, a grant paid, reported and refunded, a revaluation and the reserve.
struct FundReportLedger {
    let dir: String
    var path: String { dir + "/fund.ledger" }

    static func key(_ byte: UInt8) throws -> Ed25519PrivateKey { try Ed25519PrivateKey(seed: [UInt8](repeating: byte, count: 32)) }
    static func date(_ text: String) throws -> LedgerDate { try LedgerDate(parsing: text) }
    static func money(_ text: String, _ code: String = "USD") throws -> Amount {
        try Amount(parsing: text, currency: try Currency(code: code), mode: .exact)
    }

    init() throws {
        dir = TestLedger.newFolder()
        let (admin, log, maria, chen, amara) = (try Self.key(41), try Self.key(42), try Self.key(43), try Self.key(44), try Self.key(45))
        let day = try Self.date("2026-01-01")
        let genesis = EntryDraft(kind: .genesis, date: day, data: JSONObject([
            ("fund_name", .string("UNVTF report test")), ("currency", .string("USD")),
            ("keys", .array([
                KeyRecord(publicKey: admin.publicKey, holder: "ines", name: "Ines", roles: [.admin]).jsonValue,
                KeyRecord(publicKey: log.publicKey, holder: "log", name: "log", roles: [.log]).jsonValue,
            ])),
        ]))
        let people = [
            KeyRecord(publicKey: maria.publicKey, holder: "maria", name: "Maria", roles: [.fundManager]),
            KeyRecord(publicKey: chen.publicKey, holder: "chen", name: "Chen", roles: [.certifyingOfficer]),
            KeyRecord(publicKey: amara.publicKey, holder: "amara", name: "Amara", roles: [.approvingOfficer]),
        ].compactMap { record -> EntryDraft? in
            guard case .object(let data) = record.jsonValue else { return nil }
            return EntryDraft(kind: .keyRegister, date: day, data: data)
        }
        let file = try LedgerFile.createLedger(
            at: path, origin: "test.unodc.org/unvtf", genesis: genesis,
            then: people + FundDrafts.unvtfTemplate(date: day, settings: ["planned_expenditure": "100000.00"]),
            keys: WriteKeys(author: admin, log: log), localSettings: [:], rules: .unvtf)
        func record(_ draft: EntryDraft, by key: Ed25519PrivateKey = maria) throws {
            _ = try file.append([draft], keys: WriteKeys(author: key, log: log))
        }
        func approved(_ request: EntryDraft) throws {
            try record(request)
            try record(FundDrafts.decision(.approvalCertify, request: request.ref ?? "", date: request.date), by: chen)
            try record(FundDrafts.decision(.approvalApprove, request: request.ref ?? "", date: request.date), by: amara)
        }
        let eur = try Currency(code: "EUR")
        // A currency's first rate is confirmed by two people.
        try approved(FundDrafts.ratesRequest([(eur, try Decimal64(parsing: "0.8000"))], from: day, revision: false, date: day, ref: "FX-FIRST"))
        try record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: try Self.date("2026-01-05")))
        try record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: try Self.date("2026-01-05")))
        try record(FundDrafts.agreement(ref: "AGR-BEL-1", donor: "BEL", amount: try Self.money("100000.00", "EUR"), date: try Self.date("2026-01-10")))
        try record(FundDrafts.agreement(
            ref: "AGR-ACME-1", donor: "ACME", amount: try Self.money("30000.00"), date: try Self.date("2026-02-01"),
            instalments: [.init(amount: try Self.money("15000.00"), due: try Self.date("2026-02-01")),
                          .init(amount: try Self.money("15000.00"), due: try Self.date("2026-08-01"))]))
        try record(FundDrafts.receipt(agreement: "AGR-ACME-1", amount: try Self.money("15000.00"), date: try Self.date("2026-02-20"), bankRef: "BNK-1"))
        try record(FundDrafts.receipt(agreement: "AGR-BEL-1", amount: try Self.money("60000.00", "EUR"), date: try Self.date("2026-03-05"), bankRef: "BNK-2"))
        try approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: try Self.money("20000.00"),
            tranches: [try Self.money("12000.00"), try Self.money("8000.00")], date: try Self.date("2026-04-01")))
        try approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: try Self.money("12000.00"), date: try Self.date("2026-04-15"), ref: "PAY-01"))
        try record(FundDrafts.grantReport(grant: "G-01", spent: try Self.money("10000.00"), date: try Self.date("2026-07-31")))
        try record(FundDrafts.reserveAdjustment(date: try Self.date("2026-12-31")))
    }

    func vtf(_ arguments: [String]) throws -> CLI.Result { try CLI.vtf(arguments + ["--ledger", path], in: dir) }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

@Suite("vtf report: the IPSAS reports from the command line")
struct FundReportCommandTests {
    static let ledger = Result { try FundReportLedger() }

    @Test(arguments: FundReportName.allCases)
    func jsonConformsToItsSchema(report: FundReportName) throws {
        let ledger = try Self.ledger.get()
        for asOf in ["2026-03-31", "2026-12-31"] {
            let output = try ledger.vtf(["report", report.rawValue, "--as-of", asOf, "--format", "json"])
            #expect(output.status == 0, "\(output.stderr)")
            let json = try JSONParser.parse(output.stdout)
            let problems = SchemaChecker.check(json, against: try SchemaChecker.load("report-\(report.rawValue).schema.json"))
            #expect(problems.isEmpty, "\(report.rawValue) \(asOf): \(problems)")
            #expect(json.objectValue?["as_of"] == .string(asOf))
        }
    }

    @Test(arguments: FundReportName.allCases)
    func textAndCSV(report: FundReportName) throws {
        let ledger = try Self.ledger.get()
        let text = try ledger.vtf(["report", report.rawValue, "--as-of", "2026-12-31"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("UNVTF report test, "))
        #expect(text.stdout.contains("2026-12-31"))
        let csv = try ledger.vtf(["report", report.rawValue, "--as-of", "2026-12-31", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.hasSuffix("\r\n"))
    }

    @Test func figuresReachTheOutput() throws {
        let ledger = try Self.ledger.get()
        // Receivables on 31 Mar: Belgium EUR 40,000.00 left of 100,000.00 at 0.8000 = USD 50,000.00;
        // Acme USD 15,000.00 not yet due.
        let receivables = try JSONParser.parse(try ledger.vtf(["report", "receivables", "--as-of", "2026-03-31", "--format", "json"]).stdout)
        #expect(receivables.objectValue?["totals"]?.objectValue?["value"] == .string("65000.00"))
        let text = try ledger.vtf(["report", "financial-position", "--as-of", "2026-12-31"]).stdout
        // Cash: 15,000.00 + EUR 60,000.00 at 0.8000 (75,000.00) − 12,000.00 − PSC 1,300.00 = 76,700.00;
        // receivables 50,000.00 + 15,000.00; advance 2,000.00: 143,700.00.
        #expect(text.contains("143,700.00"), "\(text)")
        #expect(text.contains("Assets (143700.00) equal liabilities plus net assets (143700.00)."), "\(text)")
    }

    @Test func anUnknownReportExitsTwoAndListsTheNames() throws {
        let ledger = try Self.ledger.get()
        let output = try ledger.vtf(["report", "cash-flows"])
        #expect(output.status == 2)
        for name in FundReportName.allCases { #expect(output.stderr.contains(name.rawValue), "\(output.stderr)") }
    }

    @Test func badDatesExitTwo() throws {
        let ledger = try Self.ledger.get()
        #expect(try ledger.vtf(["report", "net-assets", "--as-of", "2026-01-31", "--from", "2026-02-01"]).status == 2)
        #expect(try ledger.vtf(["report", "grants", "--as-of", "2026-13-01"]).status == 2)
        #expect(try ledger.vtf(["report", "grants", "--from", "2026-01-01"]).status == 2)
    }
}
