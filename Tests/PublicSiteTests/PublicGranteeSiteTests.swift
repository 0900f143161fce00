@testable import PublicSite
import Statements
import Testing

/// How the site names a grantee: only as the award allows, never by its id or private name.
@Suite struct PublicGranteeSiteTests {
    @Test func aPublicNameElseACountryElseAPartner() {
        let english = SiteText.of(.en)
        let french = SiteText.of(.fr)
        #expect(PublicGrantee(publicName: "La Strada", country: "MD", sector: nil).label(english) == "La Strada")
        #expect(PublicGrantee(publicName: nil, country: "NP", sector: "15180").label(english) == "A partner in Nepal")
        #expect(PublicGrantee(publicName: nil, country: "NP", sector: "15180").label(french) == "Un partenaire (Népal)")
        #expect(PublicGrantee(publicName: "", country: nil, sector: nil).label(english) == "A partner")
        #expect(PublicGrantee(publicName: nil, country: "XX", sector: nil).label(english) == "A partner in XX")
    }

    @Test func everyAssignedCountryHasANameInBothLanguages() {
        #expect(CountryNames.names.count >= 249)
        #expect(CountryNames.names.values.allSatisfy { !$0.en.isEmpty && !$0.fr.isEmpty })
        #expect(CountryNames.names["BE"]?.fr == "Belgique")
    }

    @Test func aSectorIsItsCodeAndItsNameWhenKnown() {
        #expect(SectorNames.label("15180", "en") == "15180 – Ending violence against women and girls")
        #expect(SectorNames.label("99999", "fr") == "99999")
    }
}
