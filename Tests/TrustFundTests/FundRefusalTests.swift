import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// Every fund rule refuses with a message naming what was wrong, and the ledger file is
/// byte-for-byte what it was (`expectRefusal`). Figures are worked out by hand in comments.
@Suite("Fund rules refuse, and change nothing")
struct FundRefusalTests {
    // MARK: - Two-person approval (FRR rules 105.5, 105.6)

    private func settingRequest(_ ref: String, date: String = "2026-03-01") -> EntryDraft {
        FundDrafts.settingRequest(name: "psc_rate", value: "7", from: F.d("2027-01-01"), date: F.d(date), ref: ref)
    }

    @Test func selfApprovalIsRefused() throws {
        let fund = try TestFund()
        try fund.record(settingRequest("SET-1"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.chen)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalApprove, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.mariaApproving,
            code: .twoPerson, containing: "maria made request SET-1 and may not approve it (self-approval)")
        #expect(try fund.field("request", "SET-1", "status") == "certified")
    }

    @Test func approvalByTheCertifiersOtherKeyIsRefused() throws {
        let fund = try TestFund()
        try fund.record(settingRequest("SET-1"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.chen)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalApprove, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.chenApproving,
            code: .twoPerson)
        // Another person may.
        try fund.record(FundDrafts.decision(.approvalApprove, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.amara)
        #expect(try fund.field("request", "SET-1", "approver") == "amara")
    }

    @Test func approvalBeforeCertificationIsRefused() throws {
        let fund = try TestFund()
        try fund.record(settingRequest("SET-1"))
        try fund.expectRefusal(
            FundDrafts.decision(.approvalApprove, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.amara,
            code: .wrongState)
    }

    @Test func approvalOnAnotherDateOrTwiceIsRefused() throws {
        let fund = try TestFund()
        try fund.record(settingRequest("SET-1"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.chen)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.chen,
            code: .wrongState)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalApprove, request: "SET-1", date: F.d("2026-03-02")), by: TestFund.amara,
            code: .wrongDate)
        try fund.record(FundDrafts.decision(.approvalApprove, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.amara)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalApprove, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.amara,
            code: .wrongState)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalReject, request: "SET-1", date: F.d("2026-03-01"), reason: "late"), by: TestFund.chen,
            code: .wrongState)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "NOPE", date: F.d("2026-03-01")), by: TestFund.chen,
            code: .notFound)
    }

    @Test func theRequesterMayNotCertifyHerOwnRequest() throws {
        let fund = try TestFund()
        // One key of maria's holds both roles; her plain fund-manager key makes the request.
        try fund.register(F.mariaBoth, holder: "maria", name: "Maria (manager + certifying)", roles: [.fundManager, .certifyingOfficer])
        try fund.record(settingRequest("SET-1"), by: TestFund.maria)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "SET-1", date: F.d("2026-03-01")), by: F.mariaBoth,
            code: .twoPerson)
        // The same key both requesting and certifying.
        try fund.record(settingRequest("SET-2"), by: F.mariaBoth)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "SET-2", date: F.d("2026-03-01")), by: F.mariaBoth,
            code: .twoPerson)
        // chen may.
        try fund.record(FundDrafts.decision(.approvalCertify, request: "SET-2", date: F.d("2026-03-01")), by: TestFund.chen)
    }

    // MARK: - Roles

    @Test func aMissingRoleIsRefused() throws {
        let fund = try TestFund()
        try fund.record(settingRequest("SET-1"))
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.maria,
            code: .signerRole)
        try fund.record(FundDrafts.decision(.approvalCertify, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.chen)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalApprove, request: "SET-1", date: F.d("2026-03-01")), by: TestFund.chen,
            code: .signerRole)
        // An approving officer may not record what a fund manager records.
        try fund.expectRefusal(
            FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")), by: TestFund.amara,
            code: .signerRole)
    }

    /// bel beside BEL would be two donors, two receivables (1200.bel, 1200.BEL) that read as one.
    @Test func aDonorIdThatDiffersOnlyInCaseIsRefused() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.expectRefusal(
            FundDrafts.donor(id: "bel", name: "Belgium again", type: "member-state", country: "BE", date: F.d("2026-01-06")), code: .alreadyRecorded)
        try fund.record(FundDrafts.donor(id: "BELX", name: "Another", type: "member-state", country: "BE", date: F.d("2026-01-06")))
        try fund.verify()
    }

    @Test func fundSetupOnlyOnceAndOnlyByAnAdmin() throws {
        let fund = try TestFund()
        let setup = FundDrafts.unvtfTemplate(date: F.d("2026-02-01"), settings: [:]).filter { $0.kind == .fundSetup }
        #expect(setup.count == 1)
        try fund.expectRefusal(setup[0], by: TestFund.maria, code: .signerRole)
        try fund.expectRefusal(setup[0], by: TestFund.admin, code: .alreadyRecorded)
    }

    // MARK: - Funds available (certification)

    /// planned expenditure 100,000.00 × reserve 15 % = 15,000.00 held back. USD 50,000.00
    /// received: cash 50,000.00 − 15,000.00 = 35,000.00 available (receivables never count:
    /// see FundsAvailableTests).
    @Test func certificationBeyondAvailableFundsIsRefused() throws {
        let fund = try TestFund(settings: ["planned_expenditure": "100000.00"])
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("50000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("50000.00"), date: F.d("2026-01-20"), bankRef: "BNK-1"))
        func award(_ id: String, _ amount: String) -> EntryDraft {
            FundDrafts.awardRequest(grant: id, grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd(amount),
                                    tranches: [F.usd(amount)], date: F.d("2026-02-01"))
        }
        try fund.record(award("G-BIG", "35000.01"))
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "G-BIG", date: F.d("2026-02-01")), by: TestFund.chen,
            code: .fundsUnavailable, containing: "certification refused: grant G-BIG of 35000.01 exceeds the available funds of 35000.00 USD")
        try fund.record(FundDrafts.decision(.approvalReject, request: "G-BIG", date: F.d("2026-02-01"), reason: "too large"), by: TestFund.chen)

        // G-A of 20,000.00 is certified and waits for approval: it already uses the funds,
        // leaving 35,000.00 − 20,000.00 = 15,000.00.
        try fund.record(award("G-A", "20000.00"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "G-A", date: F.d("2026-02-01")), by: TestFund.chen)
        try fund.record(award("G-B", "15000.01"))
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "G-B", date: F.d("2026-02-01")), by: TestFund.chen,
            code: .fundsUnavailable)
        // Once G-A is approved its commitment (9200.G-A) holds the same 20,000.00.
        try fund.record(FundDrafts.decision(.approvalApprove, request: "G-A", date: F.d("2026-02-01")), by: TestFund.amara)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "G-B", date: F.d("2026-02-01")), by: TestFund.chen,
            code: .fundsUnavailable)
        // Exactly what is left may be certified.
        try fund.record(award("G-C", "15000.00"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "G-C", date: F.d("2026-02-01")), by: TestFund.chen)
    }

    // MARK: - Disbursements

    @Test func disbursementBeyondTheApprovedGrantIsRefused() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        // Paid 12,000.00 of 20,000.00; tranche 2 is approved for 8,000.00: 8,000.01 is 0.01 too much.
        try fund.expectRefusal(
            FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("8000.01"), date: F.d("2026-03-01"), ref: "PAY-2"),
            code: .fundsUnavailable)
        // The same tranche twice.
        try fund.expectRefusal(
            FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: F.usd("1000.00"), date: F.d("2026-03-01"), ref: "PAY-2"),
            code: .alreadyRecorded)
        // Tranche numbers out of range.
        for tranche in [0, 3] {
            try fund.expectRefusal(
                FundDrafts.disbursementRequest(grant: "G-01", tranche: tranche, amount: F.usd("1.00"), date: F.d("2026-03-01"), ref: "PAY-2"),
                code: .badField)
        }
        try fund.expectRefusal(
            FundDrafts.disbursementRequest(grant: "G-99", tranche: 1, amount: F.usd("1.00"), date: F.d("2026-03-01"), ref: "PAY-2"),
            code: .notFound)
        // The remaining 8,000.00 is fine.
        try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("8000.00"), date: F.d("2026-03-01"), ref: "PAY-2"))
        #expect(try fund.field("grant", "G-01", "paid") == "20000.00")
    }

    /// The award approved tranche 2 at 8,000.00; asking 12,000.00 for it is beyond that
    /// tranche, even while the grant as a whole (20,000.00, nothing paid) would cover it.
    @Test func aTrancheIsNotPaidAboveItsAwardedAmount() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("20000.00"),
            tranches: [F.usd("12000.00"), F.usd("8000.00")], date: F.d("2026-02-01")))
        try fund.expectRefusal(
            FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("12000.00"), date: F.d("2026-02-15"), ref: "PAY-1"),
            code: .fundsUnavailable)
        try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("8000.00"), date: F.d("2026-02-15"), ref: "PAY-1"))
    }

    /// USD 100.00 of cash, and EUR 4,000.00 of cash at 0.8000 (USD 5,000.00): 5,100.00 available
    /// covers an award of 5,000.00, but a payment in USD needs USD cash.
    private func cashMostlyInEUR(_ fund: TestFund) throws {
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("100.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("100.00"), date: F.d("2026-01-20"), bankRef: "BNK-1"))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-B", donor: "BEL", amount: F.eur("4000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-B", amount: F.eur("4000.00"), date: F.d("2026-01-20"), bankRef: "BNK-2"))
    }

    /// A disbursement is certified only against cash in its currency: USD 100.00 in cash, 100.01 asked.
    @Test func paymentBeyondCashIsNotCertified() throws {
        let fund = try TestFund()
        try cashMostlyInEUR(fund)
        try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("5000.00"),
            tranches: [F.usd("5000.00")], date: F.d("2026-02-01")))
        try fund.record(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: F.usd("100.01"), date: F.d("2026-02-15"), ref: "PAY-1"))
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "PAY-1", date: F.d("2026-02-15")), by: TestFund.chen,
            code: .fundsUnavailable)
    }

    /// Cash USD 100.00. PAY-1 of 60.00 is certified and waits for approval; PAY-2 of 60.00
    /// would need 120.00 of cash once both are approved, so it is not certified; 40.00 is.
    @Test func paymentsCertifiedButNotApprovedUseTheCash() throws {
        let fund = try TestFund()
        try cashMostlyInEUR(fund)
        try fund.approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("5000.00"),
            tranches: [F.usd("60.00"), F.usd("60.00"), F.usd("4880.00")], date: F.d("2026-02-01")))
        try fund.record(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: F.usd("60.00"), date: F.d("2026-02-15"), ref: "PAY-1"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "PAY-1", date: F.d("2026-02-15")), by: TestFund.chen)
        try fund.record(FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("60.00"), date: F.d("2026-02-15"), ref: "PAY-2"))
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "PAY-2", date: F.d("2026-02-15")), by: TestFund.chen,
            code: .fundsUnavailable)
        try fund.record(FundDrafts.decision(.approvalReject, request: "PAY-2", date: F.d("2026-02-15"), reason: "no cash"), by: TestFund.chen)
        try fund.record(FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("40.00"), date: F.d("2026-02-15"), ref: "PAY-3"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "PAY-3", date: F.d("2026-02-15")), by: TestFund.chen)
        try fund.record(FundDrafts.decision(.approvalApprove, request: "PAY-1", date: F.d("2026-02-15")), by: TestFund.amara)
        try fund.record(FundDrafts.decision(.approvalApprove, request: "PAY-3", date: F.d("2026-02-15")), by: TestFund.amara)
        #expect(try fund.balance("1100").amount == "0")
    }

    @Test func aRejectedPaymentReleasesItsTranche() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.record(FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("8000.00"), date: F.d("2026-03-01"), ref: "PAY-2"))
        #expect(try fund.field("grant", "G-01", "pending") == "8000.00")
        #expect(try fund.field("grant", "G-01", "tranches_requested") == "[1,2]")
        // While it waits, the tranche cannot be asked again and the grant cannot close.
        try fund.expectRefusal(
            FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("8000.00"), date: F.d("2026-03-02"), ref: "PAY-3"),
            code: .alreadyRecorded)
        try fund.expectRefusal(FundDrafts.grantClose(grant: "G-01", date: F.d("2026-03-02")), code: .wrongState)

        try fund.record(FundDrafts.decision(.approvalReject, request: "PAY-2", date: F.d("2026-03-01"), reason: "bank details wrong"), by: TestFund.amara)
        #expect(try fund.field("request", "PAY-2", "status") == "rejected")
        #expect(try fund.field("grant", "G-01", "pending") == "0.00")
        #expect(try fund.field("grant", "G-01", "tranches_requested") == "[1]")
        try fund.expectRefusal(
            FundDrafts.decision(.approvalApprove, request: "PAY-2", date: F.d("2026-03-01")), by: TestFund.amara,
            code: .wrongState)
        // Nothing was posted by the request or the rejection: 1100 is 100,000.00 − 12,000.00.
        #expect(try fund.balance("1100").amount == "88000.00")
        try fund.approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("8000.00"), date: F.d("2026-03-02"), ref: "PAY-3"))
        #expect(try fund.balance("1100").amount == "80000.00")
        try fund.verify()
    }

    // MARK: - Exchange rates

    @Test func aCurrencyWithoutARateIsRefused() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "NOR", name: "Norway", type: "member-state", country: "NO", date: F.d("2026-01-05")))
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.expectRefusal(
            FundDrafts.agreement(ref: "AGR-NOR", donor: "NOR", amount: TestFund.money("1000000.00", "NOK"), date: F.d("2026-01-10")),
            code: .missingRate, containing: "no UN operational rate for NOK on 2026-01-10")
        try fund.expectRefusal(
            FundDrafts.pledge(donor: "NOR", amount: TestFund.money("5000.00", "NOK"), date: F.d("2026-01-10"), ref: "PL-NOR"),
            code: .missingRate)
    }

    /// NOK rates exist only from 1 March; money that arrives on 20 February has no rate (and,
    /// before the agreement of 2 March, no agreement: it waits in suspense).
    @Test func aReceiptBeforeTheFirstRateIsRefused() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "NOR", name: "Norway", type: "member-state", country: "NO", date: F.d("2026-01-05")))
        try fund.recordRates(FundDrafts.rates([F.rate("NOK", "10.5000")], from: F.d("2026-03-01"), revision: false, date: F.d("2026-03-01")))
        try fund.record(FundDrafts.agreement(ref: "AGR-NOR", donor: "NOR", amount: TestFund.money("105000.00", "NOK"), date: F.d("2026-03-02")))
        try fund.expectRefusal(
            FundDrafts.receipt(agreement: "AGR-NOR", amount: TestFund.money("105000.00", "NOK"), date: F.d("2026-02-20"), bankRef: "BNK-1"),
            code: .wrongDate, containing: "before agreement AGR-NOR was signed (2026-03-02): record money that comes first as unidentified")
        try fund.expectRefusal(
            FundDrafts.unidentifiedReceipt(amount: TestFund.money("105000.00", "NOK"), date: F.d("2026-02-20"), bankRef: "BNK-1"),
            code: .missingRate)
        try fund.expectRefusal(
            FundDrafts.unidentifiedReceipt(amount: TestFund.money("500.00", "NOK"), date: F.d("2026-02-28"), bankRef: "BNK-2"),
            code: .missingRate)
        // From 1 March: NOK 105,000.00 ÷ 10.5 = USD 10,000.00.
        let receipt = try fund.record(FundDrafts.receipt(agreement: "AGR-NOR", amount: TestFund.money("105000.00", "NOK"), date: F.d("2026-03-05"), bankRef: "BNK-1"))
        #expect(F.lines(receipt) == ["1100 NOK 105000.00 10000.00", "1200.NOR NOK -105000.00 -10000.00"])
    }

    @Test func rateSetsAreRefusedWhenMisdatedOrRepeated() throws {
        let fund = try TestFund()
        try fund.expectRefusal(
            FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-15"), revision: false, date: F.d("2026-01-15")),
            code: .wrongDate)
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.expectRefusal(
            FundDrafts.rates([F.rate("EUR", "0.8100")], from: F.d("2026-01-01"), revision: true, date: F.d("2026-01-02")),
            code: .alreadyRecorded)
        try fund.expectRefusal(
            FundDrafts.rates([F.rate("USD", "1.0000")], from: F.d("2026-02-01"), revision: false, date: F.d("2026-02-01")),
            code: .currencyMismatch)
        try fund.expectRefusal(
            FundDrafts.rates([F.rate("EUR", "0")], from: F.d("2026-02-01"), revision: false, date: F.d("2026-02-01")),
            code: .badField)
        // A mid-month revision is fine.
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8100")], from: F.d("2026-01-15"), revision: true, date: F.d("2026-01-15")))
    }

    // MARK: - Pledges are never revenue

    @Test func aVoucherMovingAPledgeIntoRevenueIsRefused() throws {
        let fund = try TestFund()
        let postings = [
            Posting(account: F.account("9100"), amount: F.usd("-1000.00"), value: F.usd("-1000.00")),
            Posting(account: F.account("4100"), amount: F.usd("1000.00"), value: F.usd("1000.00")),
        ]
        // The other way round as well: Dr 9100, Cr 4100 books revenue from a pledge.
        for lines in [postings, postings.map { Posting(account: $0.account, amount: (try? $0.amount.negated()) ?? $0.amount, value: (try? $0.value.negated()) ?? $0.value) }] {
            try fund.expectRefusal(
                FundDrafts.voucherRequest(postings: lines, date: F.d("2026-02-01"), ref: "V-1", memo: "pledge as revenue"),
                code: .memoAccount)
        }
    }

    /// EUR 2,000,000.00 at 0.8000 EUR per USD = USD 2,500,000.00, on the memo accounts only.
    @Test func aPledgePostsOnlyMemoAccounts() throws {
        let fund = try TestFund()
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        let pledge = try fund.record(FundDrafts.pledge(donor: "BEL", amount: F.eur("2000000.00"), date: F.d("2026-04-01"), ref: "PL-BEL"))
        #expect(F.lines(pledge) == ["9100 EUR 2000000.00 2500000.00", "9900 EUR -2000000.00 -2500000.00"])
        #expect(try fund.file.trialBalance(asOf: nil).allSatisfy { ["9100", "9900"].contains($0.account.rawValue) })
        // The binding agreement, signed while the rate is the same, books revenue and
        // releases the pledge at the value it was recorded at.
        let agreement = try fund.record(FundDrafts.agreement(
            ref: "AGR-BEL", donor: "BEL", amount: F.eur("2000000.00"), date: F.d("2026-04-10"), pledge: "PL-BEL"))
        #expect(F.lines(agreement) == [
            "1200.BEL EUR 2000000.00 2500000.00", "4100 EUR -2000000.00 -2500000.00",
            "9900 EUR 2000000.00 2500000.00", "9100 EUR -2000000.00 -2500000.00",
        ])
        #expect(try fund.field("pledge", "PL-BEL", "status") == "converted")
        try fund.expectRefusal(
            FundDrafts.agreement(ref: "AGR-BEL-2", donor: "BEL", amount: F.eur("1.00"), date: F.d("2026-04-11"), pledge: "PL-BEL"),
            code: .alreadyRecorded)
        try fund.verify()
    }

    // MARK: - Closed years

    @Test func entriesDatedInAClosedYearAreRefused() throws {
        let fund = try TestFund()
        try RecordingTime.$override.withValue("2027-01-05T09:00:00Z") {
            try fund.expectRefusal(FundDrafts.yearCloseRequest(year: 2026, ref: "C-1", date: F.d("2026-12-30")), code: .wrongDate)
            try fund.expectRefusal(FundDrafts.yearCloseRequest(year: 2026, ref: "C-1", date: F.d("2027-12-31")), code: .wrongDate)
        }
        try fund.closeYear(2026)
        for day in ["2026-06-01", "2026-12-31", "2025-12-31"] {
            try fund.expectRefusal(
                FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d(day)),
                code: .closedYear)
        }
        // Requests too.
        try fund.expectRefusal(settingRequest("SET-1", date: "2026-11-30"), code: .closedYear)
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2027-01-02")))
    }

    @Test func closingAYearWithAWaitingRequestIsRefused() throws {
        let fund = try TestFund()
        try fund.record(settingRequest("SET-1", date: "2026-12-01"))
        try RecordingTime.$override.withValue("2027-01-05T09:00:00Z") {
            try fund.expectRefusal(
                FundDrafts.yearCloseRequest(year: 2026, ref: "C-1", date: F.d("2026-12-31")),
                code: .wrongState)
            try fund.record(FundDrafts.decision(.approvalCertify, request: "SET-1", date: F.d("2026-12-01")), by: TestFund.chen)
            try fund.expectRefusal(FundDrafts.yearCloseRequest(year: 2026, ref: "C-1", date: F.d("2026-12-31")), code: .wrongState)
        }
        try fund.record(FundDrafts.decision(.approvalReject, request: "SET-1", date: F.d("2026-12-01"), reason: "not now"), by: TestFund.amara)
        try fund.closeYear(2026)
    }

    // MARK: - Donors, agreements, receipts

    @Test func duplicateAndUnknownDonorsAreRefused() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.expectRefusal(
            FundDrafts.donor(id: "BEL", name: "Belgium again", type: "member-state", country: "BE", date: F.d("2026-01-06")),
            code: .alreadyRecorded)
        // Also when the draft carries no ref.
        try fund.expectRefusal(
            EntryDraft(kind: .donorAdd, date: F.d("2026-01-06"), data: ["id": .string("BEL"), "name": .string("Belgium again"), "type": .string("member-state")]),
            code: .alreadyRecorded)
        try fund.expectRefusal(
            FundDrafts.donor(id: "XX", name: "X", type: "government", country: nil, date: F.d("2026-01-06")),
            code: .badField)
        try fund.expectRefusal(
            FundDrafts.donor(id: "XX", name: "X", type: "individual", country: "xx", date: F.d("2026-01-06")),
            code: .badField)
        try fund.expectRefusal(
            FundDrafts.agreement(ref: "AGR-1", donor: "NOPE", amount: F.usd("1000.00"), date: F.d("2026-01-10")),
            code: .notFound)
        try fund.expectRefusal(
            FundDrafts.pledge(donor: "NOPE", amount: F.usd("1000.00"), date: F.d("2026-01-10"), ref: "PL-1"),
            code: .notFound)
    }

    @Test func agreementsAreRefusedWhenMalformed() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.expectRefusal(
            FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("30000.00"), date: F.d("2026-01-10"),
                                 instalments: [.init(amount: F.usd("15000.00"), due: F.d("2026-02-01")), .init(amount: F.usd("14999.99"), due: F.d("2026-08-01"))]),
            code: .totalMismatch)
        try fund.expectRefusal(
            FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("0.00"), date: F.d("2026-01-10")),
            code: .badField)
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("30000.00"), date: F.d("2026-01-10")))
        try fund.expectRefusal(
            FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("1.00"), date: F.d("2026-01-11")),
            code: .alreadyRecorded)
    }

    @Test func aReceiptInAnotherCurrencyThanTheAgreementIsRefused() throws {
        let fund = try TestFund()
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-BEL", donor: "BEL", amount: F.eur("1000.00"), date: F.d("2026-01-10")))
        try fund.expectRefusal(
            FundDrafts.receipt(agreement: "AGR-BEL", amount: F.usd("1250.00"), date: F.d("2026-01-20"), bankRef: "BNK-1"),
            code: .currencyMismatch)
        // Money held in suspense in USD cannot be placed on it either.
        try fund.record(FundDrafts.unidentifiedReceipt(amount: F.usd("1250.00"), date: F.d("2026-01-20"), bankRef: "BNK-2"))
        try fund.expectRefusal(
            FundDrafts.applyReceipt(bankRef: "BNK-2", agreement: "AGR-BEL", date: F.d("2026-01-21")),
            code: .currencyMismatch)
        try fund.expectRefusal(
            FundDrafts.receipt(agreement: "AGR-NONE", amount: F.eur("1.00"), date: F.d("2026-01-20"), bankRef: "BNK-3"),
            code: .notFound)
    }

    @Test func bankChargesNotLessThanTheAmountAreRefused() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.record(FundDrafts.agreement(ref: "AGR-2", donor: "ACME", amount: F.usd("500.00"), date: F.d("2026-02-01")))
        for charges in ["100.00", "100.01"] {
            try fund.expectRefusal(
                FundDrafts.receipt(agreement: "AGR-2", amount: F.usd("100.00"), charges: F.usd(charges), date: F.d("2026-02-10"), bankRef: "BNK-2"),
                code: .totalMismatch)
        }
    }

    @Test func anUnidentifiedReceiptIsAppliedOnlyOnce() throws {
        let fund = try TestFund()
        try fund.fundedUSD()
        try fund.record(FundDrafts.agreement(ref: "AGR-2", donor: "ACME", amount: F.usd("500.00"), date: F.d("2026-02-01")))
        try fund.record(FundDrafts.unidentifiedReceipt(amount: F.usd("200.00"), date: F.d("2026-02-10"), bankRef: "BNK-2"))
        try fund.record(FundDrafts.applyReceipt(bankRef: "BNK-2", agreement: "AGR-2", date: F.d("2026-02-11")))
        try fund.expectRefusal(
            FundDrafts.applyReceipt(bankRef: "BNK-2", agreement: "AGR-2", date: F.d("2026-02-12")),
            code: .alreadyRecorded)
        try fund.expectRefusal(
            FundDrafts.applyReceipt(bankRef: "BNK-9", agreement: "AGR-2", date: F.d("2026-02-12")),
            code: .notFound)
    }

    @Test func recognisingMoreThanIsDeferredIsRefused() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-C", donor: "ACME", amount: F.usd("1000.00"), date: F.d("2026-01-10"), conditional: true))
        try fund.expectRefusal(
            FundDrafts.recognise(agreement: "AGR-C", amount: F.usd("1000.01"), date: F.d("2026-02-01")),
            code: .fundsUnavailable)
    }

    // MARK: - Write-offs

    /// EUR 20,000.00 at 0.8000 = USD 25,000.00 carried on 1200.BEL. Writing off EUR 8,000.01
    /// carries 25,000.00 × 8,000.01 / 20,000.00 = 10,000.0125 → 10,000.01, above the limit of
    /// 10,000.00; EUR 8,000.00 carries exactly 10,000.00.
    @Test func aWriteOffAboveTheLimitIsNotCertified() throws {
        let fund = try TestFund()
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.9000")], from: F.d("2026-03-01"), revision: false, date: F.d("2026-03-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-BEL", donor: "BEL", amount: F.eur("20000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.writeOffRequest(agreement: "AGR-BEL", amount: F.eur("8000.01"), date: F.d("2026-03-10"), ref: "WO-1"))
        try fund.expectRefusal(
            FundDrafts.decision(.approvalCertify, request: "WO-1", date: F.d("2026-03-10")), by: TestFund.chen,
            code: .fundsUnavailable)
        try fund.record(FundDrafts.decision(.approvalReject, request: "WO-1", date: F.d("2026-03-10"), reason: "above limit"), by: TestFund.chen)
        // At the carrying value, not at March's rate (8,000.00 / 0.9 would be 8,888.89).
        let approval = try fund.approved(FundDrafts.writeOffRequest(agreement: "AGR-BEL", amount: F.eur("8000.00"), date: F.d("2026-03-10"), ref: "WO-2"))
        #expect(F.lines(approval) == ["5600 EUR 8000.00 10000.00", "1200.BEL EUR -8000.00 -10000.00"])
        #expect(try fund.balance("1200.BEL", "EUR") == ("12000.00", "15000.00"))
    }

    @Test func aWriteOffAboveWhatIsOutstandingIsRefused() throws {
        let fund = try TestFund()
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("30000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("25000.00"), date: F.d("2026-01-20"), bankRef: "BNK-1"))
        // 30,000.00 − 25,000.00 = 5,000.00 outstanding.
        try fund.expectRefusal(
            FundDrafts.writeOffRequest(agreement: "AGR-1", amount: F.usd("5000.01"), date: F.d("2026-06-30"), ref: "WO-1"),
            code: .fundsUnavailable)
        // Two requests for 3,000.00 each: the second cannot be approved once the first is.
        try fund.record(FundDrafts.writeOffRequest(agreement: "AGR-1", amount: F.usd("3000.00"), date: F.d("2026-06-30"), ref: "WO-2"))
        try fund.record(FundDrafts.writeOffRequest(agreement: "AGR-1", amount: F.usd("3000.00"), date: F.d("2026-06-30"), ref: "WO-3"))
        try fund.record(FundDrafts.decision(.approvalCertify, request: "WO-2", date: F.d("2026-06-30")), by: TestFund.chen)
        try fund.record(FundDrafts.decision(.approvalCertify, request: "WO-3", date: F.d("2026-06-30")), by: TestFund.chen)
        try fund.record(FundDrafts.decision(.approvalApprove, request: "WO-2", date: F.d("2026-06-30")), by: TestFund.amara)
        try fund.expectRefusal(
            FundDrafts.decision(.approvalApprove, request: "WO-3", date: F.d("2026-06-30")), by: TestFund.amara,
            code: .fundsUnavailable)
    }

    // MARK: - Grants after the award

    @Test func aReportAboveTheAdvanceIsRefused() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.expectRefusal(
            FundDrafts.grantReport(grant: "G-01", spent: F.usd("12000.01"), date: F.d("2026-06-30")),
            code: .fundsUnavailable)
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("10000.00"), date: F.d("2026-06-30")))
        try fund.expectRefusal(
            FundDrafts.grantReport(grant: "G-01", spent: F.usd("2000.01"), date: F.d("2026-07-31")),
            code: .fundsUnavailable)
    }

    @Test func closingAGrantWithAnAdvanceOutstandingIsRefused() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("11000.00"), date: F.d("2026-06-30")))
        try fund.expectRefusal(
            FundDrafts.grantClose(grant: "G-01", date: F.d("2026-07-01")),
            code: .wrongState)
        try fund.record(FundDrafts.grantRefund(grant: "G-01", amount: F.usd("1000.00"), date: F.d("2026-07-01"), bankRef: "BNK-R1"))
        // Unpaid commitment: 20,000.00 − 12,000.00 = 8,000.00 released.
        let closed = try fund.record(FundDrafts.grantClose(grant: "G-01", date: F.d("2026-07-02")))
        #expect(F.lines(closed) == ["9900 USD 8000.00 8000.00", "9200.G-01 USD -8000.00 -8000.00"])
        try fund.expectRefusal(
            FundDrafts.disbursementRequest(grant: "G-01", tranche: 2, amount: F.usd("8000.00"), date: F.d("2026-07-03"), ref: "PAY-2"),
            code: .wrongState)
        try fund.expectRefusal(
            EntryDraft(kind: .grantClose, date: F.d("2026-07-03"), data: ["grant": .string("G-01")]),
            code: .wrongState)
    }

    /// Paid 12,000.00 and all of it reported this year, so 1300.G-01 is 0: a refund of
    /// 12,000.00 reduces the year's expense (5100) and returns its PSC, 13 % = 1,560.00 (5200).
    /// A further refund would return more than the grantee was ever paid.
    @Test func refundsBeyondWhatWasPaidAreRefused() throws {
        let fund = try TestFund()
        try fund.grantWithFirstTranchePaid()
        try fund.record(FundDrafts.grantReport(grant: "G-01", spent: F.usd("12000.00"), date: F.d("2026-06-30")))
        try fund.expectRefusal(
            FundDrafts.grantRefund(grant: "G-01", amount: F.usd("12000.01"), date: F.d("2026-09-30"), bankRef: "BNK-R1"),
            code: .fundsUnavailable)
        let refund = try fund.record(FundDrafts.grantRefund(grant: "G-01", amount: F.usd("12000.00"), date: F.d("2026-09-30"), bankRef: "BNK-R1"))
        #expect(F.lines(refund) == [
            "1100 USD 12000.00 12000.00", "5100 USD -12000.00 -12000.00", "1100 USD 1560.00 1560.00", "5200 USD -1560.00 -1560.00",
        ])
        try fund.expectRefusal(
            FundDrafts.grantRefund(grant: "G-01", amount: F.usd("0.01"), date: F.d("2026-10-31"), bankRef: "BNK-R2"),
            code: .fundsUnavailable)
    }

    // MARK: - Settings

    @Test func aSettingChangeWithAnUnknownNameOrBadValueIsRefused() throws {
        let fund = try TestFund()
        try fund.expectRefusal(
            FundDrafts.settingRequest(name: "psc_percent", value: "7", from: F.d("2026-04-01"), date: F.d("2026-03-01"), ref: "SET-1"),
            code: .unknownField)
        try fund.expectRefusal(
            FundDrafts.settingRequest(name: "psc_rate", value: "100.01", from: F.d("2026-04-01"), date: F.d("2026-03-01"), ref: "SET-1"),
            code: .badField)
        try fund.expectRefusal(
            FundDrafts.settingRequest(name: "write_off_limit", value: "-1.00", from: F.d("2026-04-01"), date: F.d("2026-03-01"), ref: "SET-1"),
            code: .badField)
        try fund.expectRefusal(
            FundDrafts.request(action: "grant.cancel", ref: "X-1", date: F.d("2026-03-01"), params: [:]),
            code: .badField)
    }

    // MARK: - Postings are the rules'

    @Test func aManualVoucherOnAFundLedgerIsRefused() throws {
        let fund = try TestFund()
        let voucher = EntryDraft(kind: .voucher, date: F.d("2026-02-01"), postings: [
            Posting(account: F.account("1100"), amount: F.usd("100.00"), value: F.usd("100.00")),
            Posting(account: F.account("4110"), amount: F.usd("-100.00"), value: F.usd("-100.00")),
        ])
        try fund.expectRefusal(voucher, code: .twoPerson)
        // Through a request it is posted at approval, as it is.
        let approval = try fund.approved(FundDrafts.voucherRequest(postings: voucher.postings, date: F.d("2026-02-01"), ref: "V-1", memo: nil))
        #expect(F.lines(approval) == ["1100 USD 100.00 100.00", "4110 USD -100.00 -100.00"])
    }

    /// A hand-made body (as a tampered journal would hold) whose postings are not what the
    /// rules compute is refused by `LedgerRules.check` — the check the verifier runs.
    @Test func postingsThatDifferFromTheRulesAreRefused() throws {
        let fund = try TestFund()
        try fund.recordRates(FundDrafts.rates([F.rate("EUR", "0.8000")], from: F.d("2026-01-01"), revision: false, date: F.d("2026-01-01")))
        try fund.record(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: F.d("2026-01-05")))
        // The state after the journal, replayed through the rules.
        var snapshot = LedgerSnapshot(lookup: { _ in nil })
        for body in try fund.file.entries(ofKinds: LedgerRules.unvtf.kinds) {
            try snapshot.apply(body, effects: try LedgerRules.unvtf.check(body, against: snapshot).effects)
        }
        let draft = FundDrafts.agreement(ref: "AGR-BEL", donor: "BEL", amount: F.eur("1000.00"), date: F.d("2026-01-10"))
        let bare = draft.body(
            ledger: "test.unodc.org/unvtf", seq: snapshot.nextSeq, prev: EntryBody.zeroHash, time: "2026-01-10T00:00:00Z",
            signer: TestFund.maria.publicKey.keyID)
        // EUR 1,000.00 at 0.8000 = USD 1,250.00.
        let right = try LedgerRules.unvtf.completing(bare, against: snapshot)
        #expect(F.lines(right.postings) == ["1200.BEL EUR 1000.00 1250.00", "4100 EUR -1000.00 -1250.00"])
        _ = try LedgerRules.unvtf.check(right, against: snapshot)

        // Balanced, but at another rate (1,000 / 0.9 = 1,111.11), or with no postings at all,
        // or to another revenue account: each is refused.
        var wrongRate = right
        wrongRate.postings = [
            Posting(account: F.account("1200.BEL"), amount: F.eur("1000.00"), value: F.usd("1111.11")),
            Posting(account: F.account("4100"), amount: F.eur("-1000.00"), value: F.usd("-1111.11")),
        ]
        var none = right
        none.postings = []
        var wrongAccount = right
        wrongAccount.postings = [right.postings[0], Posting(account: F.account("4110"), amount: F.eur("-1000.00"), value: F.usd("-1250.00"))]
        for body in [wrongRate, none, wrongAccount] {
            #expect {
                try LedgerRules.unvtf.check(body, against: snapshot)
            } throws: { error in
                // The code names the rule; the message (checked on purpose) shows the postings expected.
                (error as? RuleViolation)?.code == .postingsDiffer && (error as? RuleViolation)?.message.contains(
                    "its postings are not the ones agreement.sign computes from its data and the ledger: expected 1200.BEL 1000.00 EUR (value 1250.00); 4100 -1000.00 EUR (value -1250.00)") ?? false
            }
        }
    }

    // MARK: - What an award may publish (issue 16 point 2)

    /// The rules, not the CLI, check `country`, `sector` and `public_name`: a draft (as JSON or
    /// an import brings it) is refused the same way, and the grant record keeps what passed.
    @Test func anAwardsPublishedMembersAreCheckedByTheRules() throws {
        let fund = try TestFund(settings: ["planned_expenditure": "100000.00"])
        try fund.record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try fund.record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("50000.00"), date: F.d("2026-01-10")))
        try fund.record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("50000.00"), date: F.d("2026-01-20"), bankRef: "BNK-1"))
        func award(country: String? = nil, sector: String? = nil, publicName: String? = nil) -> EntryDraft {
            FundDrafts.awardRequest(grant: "G-1", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("1000.00"),
                                    tranches: [F.usd("1000.00")], date: F.d("2026-02-01"), country: country, sector: sector, publicName: publicName)
        }
        try fund.expectRefusal(award(country: "ZZ"), code: .badField, containing: "country \"ZZ\" is not an assigned ISO 3166-1 alpha-2")
        try fund.expectRefusal(award(sector: "1518"), code: .badField, containing: "sector \"1518\" is not an OECD DAC CRS purpose code")
        try fund.expectRefusal(award(sector: "151800"), code: .badField, containing: "sector \"151800\"")
        try fund.expectRefusal(award(publicName: "Safe\nHaven"), code: .badField, containing: "public_name")
        try fund.approved(award(country: "NG", sector: "15180", publicName: "Safe Haven"))
        #expect(try fund.field("grant", "G-1", "country") == "NG")
        #expect(try fund.field("grant", "G-1", "sector") == "15180")
        #expect(try fund.field("grant", "G-1", "public_name") == "Safe Haven")
        try fund.verify()
    }
}
