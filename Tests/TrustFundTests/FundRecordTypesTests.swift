import CanonicalJSON
import LedgerJournal
import LedgerStore
import Testing
import TrustFund
import TrustFundRules

/// Issue 13 item 2: request, grant, pledge and suspense statuses are enums; a request is read
/// through ``RequestRecord``, strictly, naming the record when a field is wrong.
@Suite("Typed fund records and statuses")
struct FundRecordTypesTests {
    @Test func aRequestReadsBackTypedThroughEveryStep() throws {
        let fund = try AgreementPositionTests.scenario()
        let writeOff = try #require(try fund.file.requestRecord("WO-1"))
        #expect(writeOff.action == "receivable.write-off")
        #expect(writeOff.status == .reversed)
        #expect(writeOff.requester == "maria" && writeOff.certifier == "chen" && writeOff.approver == "amara")
        #expect(writeOff.date.description == "2026-04-15")
        #expect(writeOff.params["amount"] == .string("5000.00"))
        let approval = try #require(writeOff.approvedSeq)
        #expect(try fund.file.entry(at: approval)?.body.kind == .approvalApprove)
        #expect(try fund.file.requestRecords().map(\.status) == [.approved, .approved, .reversed])
    }

    @Test func aStatusOutsideTheEnumIsAnErrorNamingTheRecord() throws {
        let fields: JSONObject = [
            "action": .string("voucher"), "status": .string("pending"), "date": .string("2026-01-05"), "requester": .string("maria"),
        ]
        #expect(throws: RuleViolation(
            .damagedState, "request R-9 has status \"pending\", not one of requested, certified, approved, rejected, reversed; run vtf verify (the derived tables may have been edited)")
        ) {
            try RequestRecord(StateRecord(collection: "request", id: "R-9", seq: 3, fields: fields))
        }
        #expect(throws: RuleViolation(.damagedState, "request R-9: requester must be a string")) {
            var wrong = fields
            wrong["status"] = .string("requested")
            wrong["requester"] = .integer(7)
            return try RequestRecord(StateRecord(collection: "request", id: "R-9", seq: 3, fields: wrong))
        }
        #expect(throws: RuleViolation(.damagedState, "grant G-1 has status \"done\", not one of open, closed; run vtf verify (the derived tables may have been edited)")) {
            try GrantStatus(in: ["status": .string("done")], of: "grant G-1")
        }
    }

    @Test func statusesAreTheStringsTheJournalAlwaysHeld() {
        #expect(RequestStatus.allCases.map(\.rawValue) == ["requested", "certified", "approved", "rejected", "reversed"])
        #expect(GrantStatus.allCases.map(\.rawValue) == ["open", "closed"])
        #expect(PledgeStatus.allCases.map(\.rawValue) == ["open", "converted"])
        #expect(SuspenseStatus.allCases.map(\.rawValue) == ["open", "applied"])
    }

    @Test func donorsAgreementsAndPledgesReadTyped() throws {
        let fund = try AgreementPositionTests.scenario()
        let agreement = try #require(try fund.file.agreementRecord("AGR-1"))
        #expect(agreement.donor == "ACME" && agreement.date.description == "2026-01-10" && !agreement.conditional)
        #expect(agreement.instalments.map { [$0.due.description, $0.amount.decimalString] } == [["2026-01-10", "100000.00"]])
        // The reversal took the second receipt off the list the rules keep.
        #expect(agreement.receipts.map(\.amount.decimalString) == ["60000.00"])
        let donor = try #require(try fund.file.donorRecord("ACME"))
        #expect([donor.name, donor.type, donor.since.description] == ["Acme Foundation", "foundation", "2026-01-05"])
        #expect(donor.country == nil)
    }

    @Test func aWrongAgreementFieldIsAnErrorNamingTheRecord() {
        let fields: JSONObject = [
            "donor": .string("ACME"), "date": .string("2026-01-10"), "currency": .string("USD"), "amount": .string("12.345"),
            "value": .string("12.35"),
        ]
        #expect(throws: RuleViolation(.damagedState, "agreement AGR-9: amount \"12.345\" is not an amount in USD")) {
            try AgreementRecord(StateRecord(collection: "agreement", id: "AGR-9", seq: 4, fields: fields))
        }
    }

    @Test func ratesAndSettingsReadTypedAndStrictly() throws {
        let rate = try #require(try RateRecord(StateRecord(
            collection: "rate.EUR", id: "2026-01-01", seq: 9, fields: ["rate": .string("0.92"), "revision": .bool(false)])))
        #expect([rate.currency, rate.from, rate.rate] == ["EUR", "2026-01-01", "0.92"] && !rate.revision)
        #expect(try RateRecord(StateRecord(collection: "donor", id: "ACME", seq: 9, fields: [:])) == nil)
        #expect(throws: RuleViolation(.damagedState, "rate.EUR 2026-02-01: revision must be true or false")) {
            try RateRecord(StateRecord(collection: "rate.EUR", id: "2026-02-01", seq: 9, fields: ["rate": .string("0.9"), "revision": .string("yes")]))
        }
        #expect(try SettingRecord(StateRecord(collection: "setting.psc_rate", id: "2026-01-01", seq: 3, fields: ["value": .string("13")])).value == "13")
    }
}
