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

/// An insider holding a valid key cannot bend the fund's figures: an entry re-signed with
/// smaller PSC, or with a rate of its own choosing, is caught by the verifier at that entry;
/// an edited fund record is caught by the comparison of derived tables.
@Suite("Fund figures cannot be bent, even with a valid key")
struct FundTamperTests {

    @Test func smallerPSCResignedByTheFundManagerIsCaught() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        let report = try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("10000.00"), date: F.d("2026-06-30")))
        let entries = try Forgery.journal(fund)
        try Forgery.expectVerifies(entries)  // the honest journal verifies
        // PSC 13 % of 10,000.00 is 1,300.00; the insider books 1,000.00 instead, and signs.
        var bent = report.body
        bent.postings = [
            Posting(account: F.account("5100"), amount: F.usd("10000.00"), value: F.usd("10000.00")),
            Posting(account: F.account("1300.G-01"), amount: F.usd("-10000.00"), value: F.usd("-10000.00")),
            Posting(account: F.account("5200"), amount: F.usd("1000.00"), value: F.usd("1000.00")),
            Posting(account: F.account("1100"), amount: F.usd("-1000.00"), value: F.usd("-1000.00")),
        ]
        Forgery.expectCaught(try Forgery.replacingLast(entries, with: bent, signedBy: TestFund.maria), at: report.body.seq,
                     rule: .postingsDiffer)
    }

    @Test func aRateOfTheInsidersChoosingIsCaught() throws {
        let fund = try TestFund()
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        let signed = try fund.record(FundDrafts.agreement(ref: "AGR-B", donor: "BEL", amount: F.eur("1000.00"), date: F.d("2026-01-10")))
        // At 0.8000, EUR 1,000.00 is USD 1,250.00. The insider claims 0.9000 (USD 1,111.11).
        var bent = signed.body
        bent.data["unore"] = .object(["EUR": .object(["rate": .string("0.9000"), "from": .string("2026-01-01")])])
        bent.postings = [
            Posting(account: F.account("1200.BEL"), amount: F.eur("1000.00"), value: F.usd("1111.11")),
            Posting(account: F.account("4100"), amount: F.eur("-1000.00"), value: F.usd("-1111.11")),
        ]
        Forgery.expectCaught(try Forgery.replacingLast(try Forgery.journal(fund), with: bent, signedBy: TestFund.maria), at: signed.body.seq,
                     rule: .dataDiffers)
        bent.data["unore"] = signed.body.data["unore"]
        Forgery.expectCaught(try Forgery.replacingLast(try Forgery.journal(fund), with: bent, signedBy: TestFund.maria), at: signed.body.seq,
                     rule: .postingsDiffer, "1200.BEL 1000.00 EUR (value 1250.00)")
    }

    @Test func anEditedFundRecordIsCaught() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        #expect(try fund.file.verify().differences.isEmpty)
        let queue = try DatabaseQueue(path: fund.path)
        try queue.write { db in
            try db.execute(sql: """
                UPDATE fund_records SET fields = CAST(replace(CAST(fields AS TEXT), '"20000.00"', '"30000.00"') AS BLOB)
                WHERE collection = 'grant' AND id = 'G-01'
                """)
        }
        let differences = try LedgerFile.open(at: fund.path, readOnly: true, rules: .unvtf).verify().differences
        #expect(differences.contains { $0.contains("fund_records table: grant G-01 differs from the journal") }, "\(differences)")
    }
}
