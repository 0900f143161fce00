import Statements
import TrustFundRules
import TransparencyLog
import Testing

@Suite("Donor statement model")
struct StatementModelTests {
    @Test func languages() { #expect(StatementLanguage.allCases.map(\.rawValue) == ["en", "fr"]) }
}
