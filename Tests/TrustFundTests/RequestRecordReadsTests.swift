import Foundation
import GRDB
import LedgerCore
import LedgerJournal
import LedgerStore
import SQLiteStore
import TransparencyLog
import Testing
import TrustFund
import TrustFundRules

/// Funds available and the cash check read waiting requests through `RequestRecord`: a
/// certified request whose stored amount is damaged (the derived table edited) is refused naming
/// the request, where reading the raw fields skipped it and overstated what is available.
@Suite("Waiting requests are read as typed records")
struct RequestRecordReadsTests {
    /// Rewrites `old` as `new` in request `ref`'s record (file access, no key).
    private func damage(_ fund: TestFund, request ref: String, _ old: String, _ new: String) throws {
        let queue = try DatabaseQueue(path: fund.path)
        try queue.write { db in
            try db.execute(sql: """
                UPDATE fund_records SET fields = CAST(replace(CAST(fields AS TEXT), '\(old)', '\(new)') AS BLOB)
                WHERE collection = 'request' AND id = '\(ref)'
                """)
        }
    }

    @Test func aCertifiedAwardWithADamagedAmountIsNamedNotSkipped() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.record(FundDrafts.awardRequest(
            grant: "G-02", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("5000.00"), tranches: [F.usd("5000.00")],
            date: F.d("2026-02-01")))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "G-02", date: F.d("2026-02-01")), by: TestFund.chen)
        let certified = try fund.file.fundsAvailable(asOf: F.d("2026-02-01")).lines.first { $0.label == "less grant awards certified, not yet approved" }
        #expect(certified?.amount.decimalString == "-5000.00")
        try damage(fund, request: "G-02", #""amount":"5000.00""#, #""amount":5000"#)
        let reopened = try LedgerFile.open(at: fund.path, rules: .unvtf)
        let violation = #expect(throws: RuleViolation.self) { _ = try reopened.fundsAvailable(asOf: F.d("2026-02-01")) }
        #expect(violation?.code == .damagedState)
        #expect(violation?.message.hasPrefix("request G-02: amount 5000 is not an amount in USD") == true, "\(violation?.message ?? "")")
    }

    @Test func aCertifiedPaymentWithADamagedAmountStopsTheCashCheck() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.record(FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("8000.00"), date: F.d("2026-03-01"), ref: "PAY-2"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "PAY-2", date: F.d("2026-03-01")), by: TestFund.chen)
        try damage(fund, request: "PAY-2", #""amount":"8000.00""#, #""amount":8000"#)
        let reopened = try LedgerFile.open(at: fund.path, rules: .unvtf)
        do {
            try reopened.append([FundDrafts.donorRefundRequest(donor: "ACME", amount: F.usd("10.00"), date: F.d("2026-03-02"), ref: "DR-1")],
                                keys: WriteKeys(author: TestFund.maria, log: TestFund.log))
            try reopened.append([FundDrafts.decision(.approvalCertify, request: "DR-1", date: F.d("2026-03-02"))],
                                keys: WriteKeys(author: TestFund.chen, log: TestFund.log))
            Issue.record("a certification counted the cash without the damaged waiting payment")
        } catch let violation as RuleViolation {
            #expect(violation.code == .damagedState, "\(violation.code): \(violation.message)")
            #expect(violation.message.contains("request PAY-2: amount 8000 is not an amount in USD"), "\(violation.message)")
        }
    }
}
