import BankStatements
import LedgerCore
import Testing

@Suite("Bank statement model")
struct ModelTests {
    @Test func formatsAreNamed() {
        #expect(StatementFormat.allCases.map(\.rawValue) == ["camt053", "mt940", "csv"])
    }
}
