import Testing
import TrustFundRules

/// The one rule for naming a grantee in public: the award's public name, else a partner in its
/// country, else a partner; an empty name or country counts as none.
@Suite struct PublicGranteeNameTests {
    @Test func theRule() {
        #expect(PublicGranteeName(publicName: "La Strada", country: "MD") == .named("La Strada"))
        #expect(PublicGranteeName(publicName: nil, country: "NP") == .partner(inCountry: "NP"))
        #expect(PublicGranteeName(publicName: "", country: "NP") == .partner(inCountry: "NP"))
        #expect(PublicGranteeName(publicName: "", country: "") == .partner(inCountry: nil))
        #expect(PublicGranteeName(publicName: nil, country: nil) == .partner(inCountry: nil))
    }
}
