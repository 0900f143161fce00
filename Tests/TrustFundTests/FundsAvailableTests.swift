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

/// Funds available = cash − held for others (2100, 2200 backed by cash, 2300, 2400) − reserve
/// − open commitments, as of the entry's date (issue 11, item 1). Receivables never count.
/// Figures are worked out by hand in comments; the template's planned expenditure is 0.00, so
/// the reserve is 0.00 unless a test sets it.
@Suite("Funds available: only cash not held for others")
struct FundsAvailableTests {
    private func award(_ id: String, _ amount: String, date: String = "2026-02-01", tranches: [String]? = nil) -> EntryDraft {
        FundDrafts.awardRequest(grant: id, grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd(amount),
                                tranches: (tranches ?? [amount]).map(F.usd), date: F.d(date))
    }

    private func certify(_ ref: String, _ date: String = "2026-02-01") -> EntryDraft {
        FundDrafts.decision(.approvalCertify, request: ref, date: F.d(date))
    }

    /// The issue's case: USD 50,000.00 of unidentified cash (2400) and a conditional agreement of
    /// EUR 100,000.00 (1200.BEL, 2200.BEL; at 0.9200 USD 108,695.65). Today's code counted
    /// 50,000.00 + 108,695.65 = 158,695.65 and certified USD 140,000.00. Now: cash 50,000.00
    /// − 2400 50,000.00 − 2200 0.00 (no cash received for it) = 0.00.
    private func issueCase() throws -> TestFund {
        let fund = try TestFund()
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.9200")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-B", donor: "BEL", amount: F.eur("100000.00"), date: F.d("2026-01-10"), conditional: true))
        try fund.record(FundDrafts.unidentifiedReceipt(amount: F.usd("50000.00"), date: F.d("2026-01-20"), bankRef: "BNK-SUSP"))
        return fund
    }

    @Test func anAwardAgainstSuspenseCashAndAConditionalReceivableIsRefused() throws {
        let fund = try issueCase()
        try fund.record(award("G-BIG", "140000.00"))
        try fund.expectRefusal(certify("G-BIG"), by: TestFund.chen,
            code: .fundsUnavailable)
        try fund.expectRefusal(certify("G-BIG"), by: TestFund.chen, code: .fundsUnavailable)
        try fund.expectRefusal(certify("G-BIG"), by: TestFund.chen, code: .fundsUnavailable)
        let funds = try fund.file.fundsAvailable(asOf: F.d("2026-02-01"))
        #expect(funds.lines.map(\.amount.decimalString) == ["50000.00", "0.00", "0.00", "0.00", "-50000.00", "0.00", "0.00", "0.00"])
        #expect(funds.available.decimalString == "0.00")
    }

    /// Grant G-01 of 140,000.00 (tranches 50,000.00 + 90,000.00) was awarded against cash
    /// received; a voucher then spent that cash (Dr 5300). USD 50,000.00 arrives unidentified
    /// (2400). Paying tranche 1 from it: today's code saw USD cash 50,000.00 and paid. Now:
    /// 50,000.00 − 2400 50,000.00 − 9200 140,000.00 + the 50,000.00 this payment liquidates
    /// = −90,000.00.
    @Test func aTranchePaidOutOfSuspenseMoneyIsRefused() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("140000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("140000.00"), date: F.d("2026-01-20"), bankRef: "BNK-1"))
        try fund.approved(award("G-01", "140000.00", tranches: ["50000.00", "90000.00"]))
        try fund.approved(FundDrafts.voucherRequest(postings: [
            Posting(account: F.account("5300"), amount: F.usd("140000.00"), value: F.usd("140000.00")),
            Posting(account: F.account("1100"), amount: F.usd("-140000.00"), value: F.usd("-140000.00")),
        ], date: F.d("2026-02-05"), ref: "V-1", memo: "fund management"))
        try fund.record(FundDrafts.unidentifiedReceipt(amount: F.usd("50000.00"), date: F.d("2026-02-10"), bankRef: "BNK-SUSP"))
        try fund.record(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: F.usd("50000.00"), date: F.d("2026-02-15"), ref: "PAY-1"))
        try fund.expectRefusal(certify("PAY-1", "2026-02-15"), by: TestFund.chen,
            code: .fundsUnavailable)
        try fund.expectRefusal(certify("PAY-1", "2026-02-15"), by: TestFund.chen,
            code: .fundsUnavailable)
    }

    /// ACME pays USD 15,000.00 on an agreement of 10,000.00: 5,000.00 is owed back (2300.ACME).
    /// Available 15,000.00 − 5,000.00 = 10,000.00 (today's code: 15,000.00).
    @Test func refundsOwedAreNotAvailable() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("10000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("15000.00"), date: F.d("2026-01-20"), bankRef: "BNK-1"))
        try fund.record(award("G-1", "10000.01"))
        try fund.expectRefusal(certify("G-1"), by: TestFund.chen,
            code: .fundsUnavailable)
        try fund.expectRefusal(certify("G-1"), by: TestFund.chen, code: .fundsUnavailable)
        try fund.record(FundDrafts.decision(.approvalReject, request: "G-1", date: F.d("2026-02-01"), reason: "too large"), by: TestFund.chen)
        try fund.approved(award("G-2", "10000.00"))
        // The refund of what 2300 holds is paid although nothing else is available.
        try fund.approved(FundDrafts.donorRefundRequest(donor: "ACME", amount: F.usd("5000.00"), date: F.d("2026-02-02"), ref: "REF-1"))
        try fund.verify()
    }

    /// An agreement of USD 300,000.00 in three instalments (2026, 2027, 2028); the first is
    /// received. Available 100,000.00 (today's code: 100,000.00 + 200,000.00 receivable).
    @Test func instalmentsDueInLaterYearsAreNotAvailable() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(
            ref: "AGR-1", donor: "ACME", amount: F.usd("300000.00"), date: F.d("2026-01-10"),
            instalments: [.init(amount: F.usd("100000.00"), due: F.d("2026-01-10")), .init(amount: F.usd("100000.00"), due: F.d("2027-01-10")),
                          .init(amount: F.usd("100000.00"), due: F.d("2028-01-10"))]))
        try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("100000.00"), date: F.d("2026-01-20"), bankRef: "BNK-1"))
        try fund.record(award("G-1", "100000.01"))
        try fund.expectRefusal(certify("G-1"), by: TestFund.chen,
            code: .fundsUnavailable)
        try fund.record(FundDrafts.decision(.approvalReject, request: "G-1", date: F.d("2026-02-01"), reason: "too large"), by: TestFund.chen)
        try fund.approved(award("G-2", "100000.00"))
        try fund.verify()
    }

    /// A normal award within the cash passes: planned expenditure 100,000.00 × 15 % = 15,000.00
    /// reserve; USD 50,000.00 received: 35,000.00 available, and it is all awarded.
    @Test func aNormalAwardWithinCashPasses() throws {
        let fund = try TestFund(settings: ["planned_expenditure": "100000.00"])
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("50000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("50000.00"), date: F.d("2026-01-20"), bankRef: "BNK-1"))
        try fund.approved(award("G-1", "35000.00"))
        #expect(try fund.field("grant", "G-1", "status") == "open")
        try fund.approved(FundDrafts.disbursementRequest(grant: "G-1", tranche: 1, amount: F.usd("35000.00"), date: F.d("2026-02-15"), ref: "PAY-1"))
        try fund.verify()
    }

    /// A conditional agreement of USD 40,000.00 with 10,000.00 received: deferred 40,000.00, the
    /// donor still owes 30,000.00, so 10,000.00 of the deferred revenue is held in cash.
    /// Available 10,000.00 + 20,000.00 (ACME) − 10,000.00 = 20,000.00. Once the condition is met
    /// for 40,000.00, nothing is deferred and all 30,000.00 is available.
    @Test func deferredRevenueIsHeldAsFarAsCashWasReceived() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("20000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("20000.00"), date: F.d("2026-01-20"), bankRef: "BNK-1"))
        try fund.record(FundDrafts.agreement(ref: "AGR-C", donor: "ACME", amount: F.usd("40000.00"), date: F.d("2026-01-10"), conditional: true))
        try fund.record(FundDrafts.receipt(agreement: "AGR-C", amount: F.usd("10000.00"), date: F.d("2026-01-25"), bankRef: "BNK-2"))
        let before = try fund.file.fundsAvailable(asOf: F.d("2026-02-01"))
        #expect(before.lines[2].account == "2200" && before.lines[2].amount.decimalString == "-10000.00")
        #expect(before.available.decimalString == "20000.00")
        // As of 21 January the second receipt had not come: nothing of 2200 is backed by cash.
        #expect(try fund.file.fundsAvailable(asOf: F.d("2026-01-21")).available.decimalString == "20000.00")
        #expect(try fund.file.fundsAvailable(asOf: F.d("2026-01-21")).lines[0].amount.decimalString == "20000.00")
        try fund.record(award("G-1", "20000.01"))
        try fund.expectRefusal(certify("G-1"), by: TestFund.chen, code: .fundsUnavailable)
        try fund.record(FundDrafts.recognise(agreement: "AGR-C", amount: F.usd("40000.00"), date: F.d("2026-02-01")))
        #expect(try fund.file.fundsAvailable(asOf: F.d("2026-02-01")).available.decimalString == "30000.00")
        try fund.record(certify("G-1"), by: TestFund.chen)
    }

    /// Funds are counted as of the date the award posts on (its request's date, which its
    /// approval carries): a receipt dated 1 March does not fund an award dated 1 February, even
    /// when it was recorded first, nor when the certification is dated later.
    @Test func fundsAreCountedAsOfTheEntrysDate() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("50000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("50000.00"), date: F.d("2026-03-01"), bankRef: "BNK-1"))
        try fund.record(award("G-1", "50000.00"))
        try fund.expectRefusal(certify("G-1"), by: TestFund.chen,
            code: .fundsUnavailable)
        // Certified later, G-1 still posts on its request's date, before the receipt.
        try fund.expectRefusal(certify("G-1", "2026-03-01"), by: TestFund.chen,
            code: .fundsUnavailable)
        try fund.record(award("G-2", "50000.00", date: "2026-03-01"))
        try fund.record(certify("G-2", "2026-03-01"), by: TestFund.chen)
        try fund.verify()
    }

    // MARK: - The verifier enforces the same rule


    /// chen's certification of a setting change is re-signed by chen as a certification of
    /// G-BIG (the issue's case): the writer would have refused it, and the verifier does.
    @Test func aCertificationForgedPastTheCheckIsCaughtByTheVerifier() throws {
        let fund = try issueCase()
        try fund.record(award("G-BIG", "140000.00"))
        try fund.record(FundDrafts.settingRequest(name: "psc_rate", value: "7", from: F.d("2027-01-01"), date: F.d("2026-02-01"), ref: "SET-1"))
        let honest = try fund.record(certify("SET-1"), by: TestFund.chen)
        var entries = try (0..<fund.file.entryCount()).map { seq in
            let entry = try #require(try fund.file.entry(at: seq))
            return RawEntry(bodyBytes: entry.bodyBytes, signature: entry.signature, position: seq)
        }
        _ = try JournalVerifier(rules: .unvtf, threads: 2, batchSize: 8).verify(Entries(entries))
        var bent = honest.body
        bent.data["request"] = .string("G-BIG")
        let bytes = bent.canonicalBytes()
        entries[entries.count - 1] = RawEntry(bodyBytes: bytes, signature: try TestFund.chen.makeSigner().sign(bytes), position: bent.seq)
        do {
            _ = try JournalVerifier(rules: .unvtf, threads: 2, batchSize: 8).verify(Entries(entries))
            Issue.record("the verifier accepted the forged certification")
        } catch let failure as VerificationFailure {
            #expect(failure.seq == bent.seq, "\(failure)")
            #expect(failure.code == .rule && failure.ruleCode == .fundsUnavailable, "\(failure)")
        }
    }
}
