import LedgerCore
import LedgerJournal
import LedgerStore
import SQLiteStore
import Testing
import TrustFund
import TrustFundRules

/// The refs vtf makes up for requests recorded without one (`PREFIX-YEAR-NNNN`).
@Suite("Request refs are numbered after the requests recorded, never reusing one")
struct RequestRefNumberingTests {
    @Test func theFirstRefOfAYearIsNumberOne() {
        #expect(RequestRefNumbering.next("PAY", date: F.d("2026-04-15"), taken: []) == "PAY-2026-0001")
        #expect(RequestRefNumbering.next("CLOSE", date: F.d("2027-12-31"), taken: []) == "CLOSE-2027-0001")
    }

    @Test func theNumberCountsEveryRequestAndSkipsRefsTaken() {
        let taken: Set = ["SET-1", "PAY-2026-0002", "PAY-2026-0003"]
        #expect(RequestRefNumbering.next("PAY", date: F.d("2026-04-15"), taken: taken) == "PAY-2026-0004")
        #expect(RequestRefNumbering.next("JV", date: F.d("2026-04-15"), taken: taken) == "JV-2026-0004")
    }

    @Test func moreThanFourDigitsWhenTheCountNeedsThem() {
        let taken = Set((1...10_000).map { "R\($0)" })
        #expect(RequestRefNumbering.next("PAY", date: F.d("2026-01-01"), taken: taken) == "PAY-2026-10001")
    }

    /// The writer numbers a request recorded without a ref inside its write: a ref named by hand
    /// that has the next number is skipped, and the entry verifies.
    @Test func theWriterNumbersARequestWithoutARef() throws {
        let fund = try TestFund()
        let day = F.d("2026-03-01")
        let first = try fund.record(FundDrafts.settingRequest(name: "psc_rate", value: "7", from: day, date: day, ref: nil))
        #expect(first.body.ref == "SET-2026-0001")
        try fund.record(FundDrafts.settingRequest(name: "psc_rate", value: "8", from: day, date: day, ref: "SET-2026-0003"))
        let third = try fund.record(FundDrafts.settingRequest(name: "psc_rate", value: "9", from: day, date: day, ref: nil))
        #expect(third.body.ref == "SET-2026-0004")
        let given = try fund.record(FundDrafts.settingRequest(name: "psc_rate", value: "10", from: day, date: day, ref: "MY-REF"))
        #expect(given.body.ref == "MY-REF")
        try fund.verify()
    }

    /// Only requests are numbered: a draft of another kind that asks for a number is refused
    /// with a message, and nothing is written.
    @Test func aKindTheLedgerDoesNotNumberIsRefused() throws {
        let fund = try TestFund()
        var draft = FundDrafts.conversion(amount: F.eur("10.00"), date: F.d("2026-03-01"), ref: nil)
        draft.refPrefix = "CNV"
        try fund.expectRefusal(draft, code: .missingField, containing: "not numbered by the ledger")
    }

    /// Eight writers on their own connections to one file, each recording requests without a ref
    /// at the same time: every request is recorded, each under its own ref (before, the refs were
    /// chosen before the write, and all but one of the writers that chose together were refused).
    @Test func writersAtOnceNeverDrawTheSameRef() async throws {
        let fund = try TestFund()
        let day = F.d("2026-03-01")
        let path = fund.path
        let refs = try await withThrowingTaskGroup(of: [String].self) { group in
            for writer in 0..<8 {
                group.addTask {
                    let ledger = SQLiteLedger(try LedgerFile.open(at: path, rules: .unvtf))
                    var refs: [String] = []
                    for round in 0..<5 {
                        let draft = FundDrafts.settingRequest(
                            name: "psc_rate", value: "\(7 + (writer + round) % 5)", from: day, date: day, ref: nil)
                        let entry = try await ledger.append([draft], keys: WriteKeys(author: TestFund.maria, log: TestFund.log), origin: nil)
                        refs += entry.compactMap(\.body.ref)
                    }
                    return refs
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(refs.count == 40)
        #expect(Set(refs).count == 40)
        #expect(Set(refs) == Set((1...40).map { RequestRefNumbering.next("SET", date: day, taken: Set((1..<$0).map(String.init))) }))
        try fund.verify()
    }
}
