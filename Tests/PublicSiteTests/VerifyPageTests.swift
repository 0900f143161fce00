import PublicSite
import Statements
import Testing

@Suite struct VerifyPageTests {
    @Test func thePageNamesItsLanguage() {
        for language in StatementLanguage.allCases {
            #expect(VerifyPage.html(origin: "example.org/fund", vkey: "k", language: language).contains("lang=\"\(language.rawValue)\""))
        }
    }
}
