import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import SQLiteStore
import Testing
import TrustFund
import TrustFundRules

/// The article "Keeping a ledger from Swift" (Sources/TrustFund/TrustFund.docc), run: the code
/// there is this test's, step by step, so the article cannot drift from the API.
@Suite("The DocC article's walk-through")
struct KeepingALedgerFromSwiftTests {
    @Test func theArticleRunsAndItsBooksVerify() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-article-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        // Create a ledger
        let admin = try Ed25519PrivateKey()
        let log = try Ed25519PrivateKey()
        let opening = try LedgerDate(parsing: "2026-01-01")
        let keys = [
            KeyRecord(publicKey: admin.publicKey, holder: "ines", name: "Ines (admin)", roles: [.admin]),
            KeyRecord(publicKey: log.publicKey, holder: "log", name: "log", roles: [.log]),
        ]
        let genesis = EntryDraft(kind: .genesis, date: opening, data: JSONObject([
            ("fund_name", .string("UNVTF")), ("currency", .string("USD")),
            ("keys", .array(keys.map(\.jsonValue))),
        ]))
        let ledger = try LedgerFile.createLedger(
            at: folder.appendingPathComponent("unvtf.ledger").path, origin: "unodc.org/unvtf", genesis: genesis,
            then: FundDrafts.unvtfTemplate(date: opening, settings: [:]),
            keys: WriteKeys(author: admin, log: log), localSettings: [:], rules: .unvtf)

        // Register the people
        let mariasKey = try Ed25519PrivateKey(), chensKey = try Ed25519PrivateKey(), amarasKey = try Ed25519PrivateKey()
        let people = [
            KeyRecord(publicKey: mariasKey.publicKey, holder: "maria", name: "Maria", roles: [.fundManager]),
            KeyRecord(publicKey: chensKey.publicKey, holder: "chen", name: "Chen", roles: [.certifyingOfficer]),
            KeyRecord(publicKey: amarasKey.publicKey, holder: "amara", name: "Amara", roles: [.approvingOfficer]),
        ]
        try ledger.append(people.map { person in
            guard case .object(let data) = person.jsonValue else { preconditionFailure("a key record is an object") }
            return EntryDraft(kind: .keyRegister, date: opening, data: data)
        }, keys: WriteKeys(author: admin, log: log))

        // Record money
        let maria = WriteKeys(author: mariasKey, log: log)
        let month = try LedgerDate(parsing: "2026-03-01")  // UN operational rates are set for a month
        let day = try LedgerDate(parsing: "2026-03-02")
        let euro = try Currency(code: "EUR")
        let eur = try Amount(parsing: "100000.00", currency: euro, mode: .exact)
        // A currency's first rate is confirmed by two people: a request, certified and approved.
        try ledger.append([FundDrafts.ratesRequest([(euro, try Decimal64(parsing: "0.92"))], from: month, revision: false,
                                                    date: month, ref: "FX-2026-EUR")], keys: maria)
        try ledger.append([FundDrafts.decision(.approvalCertify, request: "FX-2026-EUR", date: month)],
                          keys: WriteKeys(author: chensKey, log: log))
        try ledger.append([FundDrafts.decision(.approvalApprove, request: "FX-2026-EUR", date: month)],
                          keys: WriteKeys(author: amarasKey, log: log))
        try ledger.append([
            FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: day),
            FundDrafts.agreement(ref: "AGR-2026-01", donor: "BEL", amount: eur, date: day),
            FundDrafts.receipt(agreement: "AGR-2026-01", amount: eur, date: day, bankRef: "BE-0001"),
        ], keys: maria)

        // Two people for every grant
        let usd = { (text: String) in try Amount(parsing: text, currency: .usd, mode: .exact) }
        try ledger.append([FundDrafts.awardRequest(
            grant: "G-2026-01", grantee: "P-017", granteeName: "A shelter", amount: try usd("50000.00"),
            tranches: [try usd("30000.00"), try usd("20000.00")], date: day)], keys: maria)
        try ledger.append([FundDrafts.decision(.approvalCertify, request: "G-2026-01", date: day)],
                          keys: WriteKeys(author: chensKey, log: log))
        try ledger.append([FundDrafts.decision(.approvalApprove, request: "G-2026-01", date: day)],
                          keys: WriteKeys(author: amarasKey, log: log))

        // Verify and report
        let result = try ledger.verify()
        #expect(result.differences.isEmpty)
        let yearEnd = try LedgerDate(parsing: "2026-12-31")
        let position = try FundReports.document(.financialPosition, ledger: ledger, asOf: yearEnd)
        #expect(position.title == "Statement of financial position")
        // The receipt: EUR 100,000 at 0.92 EUR per USD is USD 108,695.65 of cash.
        let cash = try ledger.accountBalance(try AccountCode("1100"), currency: euro, asOf: yearEnd)
        #expect(cash == eur)
        // The approved grant is a commitment (memo 9200), not yet cash out.
        #expect(try ledger.fundRecord("grant", "G-2026-01") != nil)
        // A second approval by the same person is refused, and nothing is written.
        let count = try ledger.entryCount()
        #expect {
            try ledger.append([FundDrafts.decision(.approvalApprove, request: "G-2026-01", date: day)],
                              keys: WriteKeys(author: amarasKey, log: log))
        } throws: { ($0 as? RuleViolation)?.code == .wrongState }
        #expect(try ledger.entryCount() == count)
    }
}
