import LedgerCore
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

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

    /// Read from the ledger (the file and the store seam alike): a ref named by hand that has the
    /// next number is skipped, and the ref given is accepted by the ledger.
    @Test func theLedgerAndTheSeamGiveTheSameFreshRef() async throws {
        let fund = try TestFund()
        let day = F.d("2026-03-01")
        #expect(try RequestRefNumbering.next("SET", date: day, in: fund.file) == "SET-2026-0001")
        try fund.record(FundDrafts.settingRequest(name: "psc_rate", value: "7", from: day, date: day, ref: "SET-2026-0002"))
        let fromFile = try RequestRefNumbering.next("SET", date: day, in: fund.file)
        let fromSeam = try await RequestRefNumbering.next("SET", date: day, in: SQLiteLedger(fund.file))
        #expect(fromFile == "SET-2026-0003")
        #expect(fromSeam == fromFile)
        try fund.record(FundDrafts.settingRequest(name: "psc_rate", value: "8", from: F.d("2026-04-01"), date: day, ref: fromFile))
        #expect(try RequestRefNumbering.next("SET", date: day, in: fund.file) == "SET-2026-0004")
    }
}
