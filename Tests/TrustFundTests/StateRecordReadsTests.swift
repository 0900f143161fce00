import Foundation
import GRDB
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import SQLiteStore
import TransparencyLog
import Testing
import TrustFund
import TrustFundRules

/// The rules read donors, pledges, agreements and grants through their typed records: a record
/// whose field is damaged (the derived table edited) is refused naming it (`damaged-state`),
/// where reading the raw fields took an empty string or a default and booked on.
@Suite("The rules read state records as typed records")
struct StateRecordReadsTests {
    /// Rewrites `old` as `new` in record `id` of `collection` (file access, no key).
    private func damage(_ fund: TestFund, _ collection: String, _ id: String, _ old: String, _ new: String) throws {
        let queue = try DatabaseQueue(path: fund.path)
        try queue.write { db in
            try db.execute(sql: """
                UPDATE fund_records SET fields = CAST(replace(CAST(fields AS TEXT), '\(old)', '\(new)') AS BLOB)
                WHERE collection = '\(collection)' AND id = '\(id)'
                """)
        }
    }

    /// Appends `draft` to the reopened file and expects a `damaged-state` refusal containing `words`.
    private func expectDamaged(_ fund: TestFund, _ draft: EntryDraft, by key: Ed25519PrivateKey = TestFund.maria, _ words: String,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let reopened = try LedgerFile.open(at: fund.path, rules: .unvtf)
        do {
            try reopened.append([draft], keys: WriteKeys(author: key, log: TestFund.log))
            Issue.record("a damaged record was read as a default", sourceLocation: sourceLocation)
        } catch let violation as RuleViolation {
            #expect(violation.code == .damagedState, "\(violation.code): \(violation.message)", sourceLocation: sourceLocation)
            #expect(violation.message.contains(words), "\(violation.message)", sourceLocation: sourceLocation)
        }
    }

    @Test func aDonorWithADamagedTypeIsNamedNotBookedToMemberStateRevenue() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try damage(fund, "donor", "ACME", #""type":"foundation""#, #""type":7"#)
        try expectDamaged(fund, FundDrafts.agreement(ref: "AGR-2", donor: "ACME", amount: F.usd("500.00"), date: F.d("2026-02-10")), "donor ACME")
    }

    @Test func aGrantWithADamagedTrancheIsNamed() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try damage(fund, "grant", "G-01", #""8000.00"]"#, #"8000]"#)
        try expectDamaged(
            fund, FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("8000.00"), date: F.d("2026-03-01"), ref: "PAY-2"),
            "grant G-01: tranches[1] 8000 is not an amount in USD")
    }

    @Test func anAgreementWithADamagedEarmarkIsNamedNotSkipped() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.record(FundDrafts.agreement(ref: "AGR-2", donor: "ACME", amount: F.usd("500.00"), date: F.d("2026-01-11"), earmark: "SCHOOLS"))
        try damage(fund, "agreement", "AGR-2", #""earmark":"SCHOOLS""#, #""earmark":7"#)
        try expectDamaged(
            fund, FundDrafts.awardRequest(
                grant: "G-02", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("500.00"), tranches: [F.usd("500.00")],
                date: F.d("2026-02-01"), earmark: "SCHOOLS"),
            "agreement AGR-2: earmark must be a string")
    }

    @Test func aDamagedRateIsNamedNotTakenForNoRate() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.recordRates(FundDrafts.rates([(try Currency(code: "EUR"), try Decimal64(parsing: "0.8000"))], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try damage(fund, "rate.EUR", "2026-01-01", #""rate":"0.8000""#, #""rate":0.8"#)
        try expectDamaged(
            fund, FundDrafts.agreement(ref: "AGR-2", donor: "ACME", amount: F.eur("500.00"), date: F.d("2026-02-10")),
            "rate.EUR 2026-01-01: rate must be a string")
    }

    @Test func aDelegationWithADamagedEndIsNamedNotTakenAsOutsideItsPeriod() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.record(DelegationTests.delegation(TestFund.chen, limit: "50000.00", from: "2026-01-01", to: "2026-12-31"), by: TestFund.admin)
        try fund.record(DelegationTests.award("G-01", "20000.00"))
        let collection = "delegation.\(TestFund.chen.publicKey.keyID)"
        try damage(fund, collection, "2026-01-01", #""to":"2026-12-31""#, #""to":20261231"#)
        try expectDamaged(fund, FundDrafts.decision(.approvalCertify, request: "G-01", date: F.d("2026-02-01")), by: TestFund.chen,
                          "\(collection) 2026-01-01: to must be a string")
    }
}
