import CanonicalJSON
import LedgerCore
import LedgerJournal
import Testing
import TrustFund
import TrustFundRules

/// Issue 13 point 2: drafts write each kind's data through its `Codable` type, and the journal's
/// bytes stay as they were: the same members, amounts as decimal strings, optional members left
/// out (never null), `conditional` and `estimate` only when true. The expected texts are written
/// by hand, as the journal has always carried them.
@Suite("Drafts write every kind's data as the journal has always carried it")
struct FundDraftDataTests {
    private func d(_ text: String) -> LedgerDate { TestFund.date(text) }
    private func usd(_ text: String) -> Amount { TestFund.money(text) }
    private func eur(_ text: String) -> Amount { TestFund.money(text, "EUR") }
    private func text(_ draft: EntryDraft) throws -> String { try JSONCanonicalizer.canonicalString(.object(draft.data)) }

    @Test func setUpKinds() throws {
        let setup = try #require(FundDrafts.unvtfTemplate(date: d("2026-01-01"), settings: ["psc_rate": "7"]).last)
        #expect(try text(setup).hasPrefix(#"{"grant_flows":true,"settings":{"planned_expenditure":"0.00","psc_rate":"7","reserve_rate":"15","write_off_limit":"10000.00"},"template":"unvtf","two_person":["#))
        #expect(try text(FundDrafts.donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE", date: d("2026-01-05")))
            == #"{"country":"BE","id":"BEL","name":"Belgium","type":"member-state"}"#)
        #expect(try text(FundDrafts.donor(id: "ACME", name: "Acme", type: "foundation", country: nil, date: d("2026-01-05")))
            == #"{"id":"ACME","name":"Acme","type":"foundation"}"#)
        #expect(try text(FundDrafts.pledge(donor: "BEL", amount: eur("500.50"), date: d("2026-01-06"), ref: "P-1"))
            == #"{"amount":"500.50","currency":"EUR","donor":"BEL"}"#)
        let rates = FundDrafts.rates([(try Currency(code: "SEK"), try Decimal64(parsing: "9.5000")), (try Currency(code: "EUR"), try Decimal64(parsing: "0.9200"))],
                                     from: d("2026-02-01"), revision: false, date: d("2026-02-01"))
        #expect(try text(rates) == #"{"from":"2026-02-01","rates":{"EUR":"0.9200","SEK":"9.5000"},"revision":false}"#)
    }

    @Test func contributionKinds() throws {
        #expect(try text(FundDrafts.agreement(ref: "A-1", donor: "BEL", amount: eur("100.00"), date: d("2026-01-10")))
            == #"{"amount":"100.00","currency":"EUR","donor":"BEL"}"#)
        let full = FundDrafts.agreement(
            ref: "A-2", donor: "BEL", amount: eur("100.00"), date: d("2026-01-10"), conditional: true, earmark: "Health",
            instalments: [.init(amount: eur("60.00"), due: d("2026-02-01")), .init(amount: eur("40.00"), due: d("2027-02-01"))], pledge: "P-1")
        #expect(try text(full) == #"{"amount":"100.00","conditional":true,"currency":"EUR","donor":"BEL","earmark":"Health","instalments":[{"amount":"60.00","due":"2026-02-01"},{"amount":"40.00","due":"2027-02-01"}],"pledge":"P-1"}"#)
        #expect(try text(FundDrafts.recognise(agreement: "A-2", amount: eur("10.00"), date: d("2026-03-01"))) == #"{"agreement":"A-2","amount":"10.00"}"#)
        #expect(try text(FundDrafts.receipt(agreement: "A-1", amount: eur("100.00"), charges: eur("0.00"), date: d("2026-03-01"), bankRef: "B-1"))
            == #"{"agreement":"A-1","amount":"100.00","currency":"EUR"}"#)
        #expect(try text(FundDrafts.receipt(agreement: "A-1", amount: eur("100.00"), charges: eur("1.50"), date: d("2026-03-01"), bankRef: "B-1"))
            == #"{"agreement":"A-1","amount":"100.00","charges":"1.50","currency":"EUR"}"#)
        #expect(try text(FundDrafts.unidentifiedReceipt(amount: eur("7.00"), date: d("2026-03-01"), bankRef: "B-2")) == #"{"amount":"7.00","currency":"EUR"}"#)
        #expect(try text(FundDrafts.applyReceipt(bankRef: "B-2", agreement: "A-1", date: d("2026-03-02"))) == #"{"agreement":"A-1","receipt":"B-2"}"#)
        #expect(try text(FundDrafts.conversion(amount: eur("7.00"), date: d("2026-03-01"), ref: nil)) == #"{"amount":"7.00","currency":"EUR"}"#)
    }

    @Test func grantDecisionAndYearEndKinds() throws {
        #expect(try text(FundDrafts.recommendation(ref: "R-1", grantee: "SHELTER", granteeName: "Shelter", amount: nil, cycle: nil, session: nil, date: d("2026-02-01")))
            == #"{"grantee":"SHELTER","grantee_name":"Shelter"}"#)
        #expect(try text(FundDrafts.recommendation(ref: "R-1", grantee: "SHELTER", granteeName: "Shelter", amount: usd("5.00"), cycle: "2026", session: "40th", date: d("2026-02-01")))
            == #"{"amount":"5.00","cycle":"2026","grantee":"SHELTER","grantee_name":"Shelter","session":"40th"}"#)
        #expect(try text(FundDrafts.grantReport(grant: "G-1", spent: usd("10.00"), date: d("2026-03-01"))) == #"{"grant":"G-1","spent":"10.00"}"#)
        #expect(try text(FundDrafts.grantRefund(grant: "G-1", amount: usd("2.00"), date: d("2026-03-01"), bankRef: "B-3")) == #"{"amount":"2.00","grant":"G-1"}"#)
        #expect(try text(FundDrafts.grantClose(grant: "G-1", date: d("2026-04-01"))) == #"{"grant":"G-1"}"#)
        #expect(try text(FundDrafts.decision(.approvalCertify, request: "R-1", date: d("2026-02-01"))) == #"{"request":"R-1"}"#)
        #expect(try text(FundDrafts.decision(.approvalReject, request: "R-1", date: d("2026-02-01"), reason: "no")) == #"{"reason":"no","request":"R-1"}"#)
        #expect(try text(FundDrafts.revaluation(date: d("2026-12-31"))) == "{}")
        #expect(try text(FundDrafts.reserveAdjustment(date: d("2026-12-31"))) == "{}")
        #expect(try text(FundDrafts.interest(income: usd("4.00"), costs: usd("0.00"), date: d("2026-06-30"), ref: "T-1")) == #"{"costs":"0.00","income":"4.00"}"#)
        #expect(try text(FundDrafts.yearClose(year: 2026, request: "YC-2026", date: d("2026-12-31"))) == #"{"request":"YC-2026","year":2026}"#)
        let basis = FundDrafts.grantAccrual(grant: "G-1", amount: usd("3.00"), date: d("2026-12-31"), basis: "report", seq: 40)
        #expect(try basis.map(text) == [#"{"amount":"3.00","basis":"report","grant":"G-1"}"#, #"{"accrual":40}"#])
        let estimate = FundDrafts.grantAccrual(grant: "G-1", amount: usd("3.00"), date: d("2026-12-31"), basis: nil, seq: 40)
        #expect(try estimate.first.map(text) == #"{"amount":"3.00","estimate":true,"grant":"G-1"}"#)
    }

    @Test func requestKinds() throws {
        let award = FundDrafts.awardRequest(grant: "G-1", grantee: "SHELTER", granteeName: "Shelter", amount: usd("10.00"),
                                            tranches: [usd("6.00"), usd("4.00")], date: d("2026-02-01"), earmark: "Health")
        #expect(try text(award) == #"{"action":"grant.award","amount":"10.00","earmark":"Health","grantee":"SHELTER","grantee_name":"Shelter","tranches":["6.00","4.00"]}"#)
        #expect(try text(FundDrafts.disbursementRequest(grant: "G-1", tranche: 2, amount: usd("4.00"), date: d("2026-03-01"), ref: "P-2"))
            == #"{"action":"grant.disburse","amount":"4.00","grant":"G-1","tranche":2}"#)
        #expect(try text(FundDrafts.donorRefundRequest(donor: "BEL", amount: eur("3.00"), date: d("2026-03-01"), ref: "DR-1"))
            == #"{"action":"donor.refund","amount":"3.00","currency":"EUR","donor":"BEL"}"#)
        #expect(try text(FundDrafts.settingRequest(name: "psc_rate", value: "8", from: d("2026-04-01"), date: d("2026-03-01"), ref: "S-1"))
            == #"{"action":"setting.change","from":"2026-04-01","name":"psc_rate","value":"8"}"#)
        #expect(try text(FundDrafts.reversalRequest(of: 12, date: d("2026-03-01"), ref: "REV-1", memo: nil)) == #"{"action":"reversal","reverses":12}"#)
        let voucher = FundDrafts.voucherRequest(postings: [
            Posting(account: try AccountCode("1100"), amount: eur("9.20"), value: usd("10.00")),
            Posting(account: try AccountCode("4100"), amount: try eur("9.20").negated(), value: try usd("10.00").negated()),
        ], date: d("2026-03-01"), ref: "V-1", memo: "m")
        #expect(try text(voucher) == #"{"action":"voucher","postings":[{"account":"1100","amount":"9.20","currency":"EUR","value":"10.00"},{"account":"4100","amount":"-9.20","currency":"EUR","value":"-10.00"}]}"#)
        #expect(try text(FundDrafts.bankChargesRequest(account: try AccountCode("1100"), amount: usd("1.00"), bankID: nil, date: d("2026-03-01"), ref: "BC-1"))
            == #"{"account":"1100","action":"bank.charges","amount":"1.00","currency":"USD"}"#)
        #expect(try text(FundDrafts.yearCloseRequest(year: 2026, ref: "YC-1", date: d("2026-12-31"))) == #"{"action":"year.close","year":2026}"#)
    }

    @Test("a kind's data decodes back into the value the draft was made from")
    func decodesBack() throws {
        let draft = FundDrafts.agreement(ref: "A-2", donor: "BEL", amount: eur("100.00"), date: d("2026-01-10"), conditional: true,
                                         instalments: [.init(amount: eur("100.00"), due: d("2026-02-01"))])
        let data = try EntryData.decode(AgreementData.self, from: .object(draft.data), context: "data")
        #expect(data == AgreementData(donor: "BEL", amount: eur("100.00"), conditional: true, earmark: nil,
                                      instalments: [.init(amount: eur("100.00"), due: d("2026-02-01"))], pledge: nil))
        var extra = draft.data
        extra["colour"] = .string("red")
        let refused = #expect(throws: RuleViolation.self) {
            _ = try EntryData.decode(AgreementData.self, from: .object(extra), context: "entry 9 data")
        }
        #expect(refused?.code == .unknownField)
        #expect(refused?.message == #"entry 9 data: unknown member "colour""#)
    }
}
