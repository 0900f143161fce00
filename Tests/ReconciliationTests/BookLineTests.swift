import LedgerCore
import Reconciliation
import Testing

@Suite("Book lines")
struct BookLineTests {
    @Test func aBookLineKeepsItsEntry() throws {
        let line = BookLine(seq: 7, line: 0, date: try LedgerDate(parsing: "2026-03-05"),
                            amount: try Amount(parsing: "100.00", currency: try Currency(code: "USD"), mode: .exact), kind: "contribution.receive")
        #expect(line.seq == 7 && line.amount.minorUnits == 10_000)
    }
}
