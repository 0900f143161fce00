import CanonicalJSON
import Foundation
import GRDB
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// The year-end and holder rules are the verifier's too: a journal whose close was signed
/// before the year ended, by the certifier's other key, or whose look-alike holder was
/// registered without the admin's decision, fails `verify` at that entry even though every
/// signature is valid.
@Suite struct ControlsVerifierTests {

    @Test func aCloseSignedBeforeTheYearEndedIsCaught() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        let close = try fund.closeYear(2026)
        let entries = try Forgery.journal(fund)
        try Forgery.expectVerifies(entries)  // the honest journal verifies
        var early = close.body
        early.time = "2026-12-01T10:15:00Z"
        Forgery.expectCaught(try Forgery.replacingLast(entries, with: early, signedBy: TestFund.amara), at: close.body.seq, rule: .wrongDate)
    }

    @Test func aCloseApprovedByTheCertifiersOtherKeyIsCaught() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        let close = try fund.closeYear(2026)
        var forged = close.body
        forged.signer = TestFund.chenApproving.publicKey.keyID
        Forgery.expectCaught(try Forgery.replacingLast(try Forgery.journal(fund), with: forged, signedBy: TestFund.chenApproving), at: close.body.seq,
                     rule: .twoPerson)
    }

    /// A malformed amount written into a derived record (file access, no key) makes the next
    /// write refuse with a message instead of trapping.
    @Test func aMalformedAmountInARecordIsRefusedNotATrap() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        let queue = try DatabaseQueue(path: fund.path)
        try queue.write { db in
            try db.execute(sql: """
                UPDATE fund_records SET fields = CAST(replace(CAST(fields AS TEXT), '"paid":"12000.00"', '"paid":"12,000"') AS BLOB)
                WHERE collection = 'grant' AND id = 'G-01'
                """)
        }
        let reopened = try LedgerFile.open(at: fund.path, rules: .unvtf)
        do {
            try reopened.append([FundDrafts.grantRefund(grant: "G-01", amount: F.usd("100.00"), date: F.d("2026-03-01"), bankRef: "RF-1")],
                                keys: WriteKeys(author: TestFund.maria, log: TestFund.log))
            Issue.record("a refund against a malformed record was recorded")
        } catch let violation as RuleViolation {
            #expect(violation.code == .damagedState, "\(violation.code)")
            // The message names the damaged value and the fix.
            #expect(violation.message.contains("a fund record holds a malformed USD amount \"12,000\""), "\(violation.message)")
        }
    }

    @Test func aLookAlikeRegisteredWithoutADecisionIsCaught() throws {
        let fund = try TestFund()
        let key = TestFund.key(130)
        let record = KeyRecord(publicKey: key.publicKey, holder: "MАRIA", name: "Maria", roles: [.certifyingOfficer])
        let registered = try fund.record(HolderIdentityTests.register(record, same: ["maria"]), by: TestFund.admin)
        var bare = registered.body
        bare.data[HolderDecisions.sameMember] = nil
        Forgery.expectCaught(try Forgery.replacingLast(try Forgery.journal(fund), with: bare, signedBy: TestFund.admin), at: registered.body.seq,
                     rule: .holderIdentity)
    }
}
