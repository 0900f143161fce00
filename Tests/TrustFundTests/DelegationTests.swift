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

/// Delegation of authority (issue 11 item 10): an officer's key certifies or approves only
/// requests dated in its delegation's period and worth at most its limit; `verify` agrees.
@Suite struct DelegationTests {
    static let omar = TestFund.key(38)

    static func delegation(_ key: Ed25519PrivateKey, limit: String, from: String, to: String, date: String = "2026-01-02") -> EntryDraft {
        EntryDraft(kind: .keyDelegate, date: F.d(date), data: JSONObject([
            ("key_id", .string(key.publicKey.keyID)), ("limit", .string(limit)), ("from", .string(from)), ("to", .string(to)),
        ]))
    }

    static func award(_ ref: String, _ amount: String, date: String = "2026-02-01") -> EntryDraft {
        FundDrafts.awardRequest(grant: ref, grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd(amount),
                                tranches: [F.usd(amount)], date: F.d(date))
    }

    @Test func anApprovalAboveTheApproversLimitIsRefused() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.record(Self.delegation(TestFund.amara, limit: "10000.00", from: "2026-01-01", to: "2026-12-31"), by: TestFund.admin)
        try fund.record(Self.award("G-01", "20000.00"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "G-01", date: F.d("2026-02-01")), by: TestFund.chen)
        try fund.expectRefusal(FundDrafts.decision(.approvalApprove, request: "G-01", date: F.d("2026-02-01")), by: TestFund.amara,
                               code: .delegation)
    }

    @Test func aCertificationOutsideTheCertifiersPeriodIsRefused() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.record(Self.delegation(TestFund.chen, limit: "50000.00", from: "2026-01-01", to: "2026-01-31"), by: TestFund.admin)
        try fund.record(Self.award("G-01", "20000.00"))
        try fund.expectRefusal(FundDrafts.decision(.approvalCertify, request: "G-01", date: F.d("2026-02-01")), by: TestFund.chen,
                               code: .delegation)
    }

    @Test func withinTheLimitAndThePeriodPassesAndVerifies() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.record(Self.delegation(TestFund.chen, limit: "50000.00", from: "2026-01-01", to: "2026-12-31"), by: TestFund.admin)
        try fund.record(Self.delegation(TestFund.amara, limit: "20000.00", from: "2026-01-01", to: "2026-06-30"), by: TestFund.admin)
        try fund.approved(Self.award("G-01", "20000.00"))
        #expect(try fund.balance("9200.G-01").amount == "20000.00")
        try fund.verify()
    }

    /// A voucher and a reversal are worth their debits: certified within a delegation's limit
    /// (an outside trial found both refused, "a fund record holds a malformed USD amount").
    @Test func aVoucherAndAReversalAreCertifiedWithinTheLimit() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.record(Self.delegation(TestFund.chen, limit: "10000.00", from: "2026-01-01", to: "2026-12-31"), by: TestFund.admin)
        let voucher = try fund.approved(FundDrafts.voucherRequest(postings: [
            Posting(account: F.account("5400"), amount: F.usd("5.00"), value: F.usd("5.00")),
            Posting(account: F.account("1100"), amount: F.usd("-5.00"), value: F.usd("-5.00")),
        ], date: F.d("2026-03-11"), ref: "V-1", memo: "bank fee"))
        try fund.approved(FundDrafts.reversalRequest(of: voucher.body.seq, date: F.d("2026-03-12"), ref: "REV-1", memo: "charged twice"))
        try fund.verify()
    }

    @Test func aDelegationForAKeyThatIsNoOfficersIsRefused() throws {
        let fund = try TestFund()
        try fund.expectRefusal(Self.delegation(TestFund.maria, limit: "100.00", from: "2026-01-01", to: "2026-12-31"), by: TestFund.admin,
                               code: .signerRole)
    }

    /// The approval honestly signed by amara (no delegation) re-signed by omar, whose
    /// delegation stops at 10,000.00: every signature is valid, the verifier still refuses it.
    @Test func aForgedApprovalAboveTheLimitIsCaughtByVerify() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        let omar = KeyRecord(publicKey: Self.omar.publicKey, holder: "omar", name: "Omar", roles: [.approvingOfficer])
        guard case .object(let data) = omar.jsonValue else { preconditionFailure("a key record is an object") }
        try fund.record(EntryDraft(kind: .keyRegister, date: F.d("2026-01-02"), data: data), by: TestFund.admin)
        try fund.record(Self.delegation(Self.omar, limit: "10000.00", from: "2026-01-01", to: "2026-12-31"), by: TestFund.admin)
        let approval = try fund.approved(Self.award("G-01", "20000.00"))
        let entries = try (0..<fund.file.entryCount()).map { seq in
            let entry = try #require(try fund.file.entry(at: seq))
            return RawEntry(bodyBytes: entry.bodyBytes, signature: entry.signature, position: seq)
        }
        _ = try JournalVerifier(rules: .unvtf, threads: 2, batchSize: 8).verify(Entries(entries))  // the honest journal verifies
        var forged = approval.body
        forged.signer = Self.omar.publicKey.keyID
        let bytes = forged.canonicalBytes()
        let signature = try Self.omar.makeSigner().sign(bytes)
        let journal = Entries(entries.dropLast() + [RawEntry(bodyBytes: bytes, signature: signature, position: forged.seq)])
        do {
            _ = try JournalVerifier(rules: .unvtf, threads: 2, batchSize: 8).verify(journal)
            Issue.record("the verifier accepted the forged approval")
        } catch let failure as VerificationFailure {
            #expect(failure.seq == approval.body.seq, "\(failure)")
            #expect(failure.code == .rule && failure.ruleCode == .delegation, "\(failure)")
        }
    }
}
