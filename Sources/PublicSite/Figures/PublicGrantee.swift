import TrustFundRules

/// What the Fund chose to publish about a grantee, from the grant's award: its public name,
/// the country it works in (ISO 3166-1 alpha-2) and its sector (OECD DAC CRS purpose code).
/// The grantee's own id and name (`grantee`, `grantee_name`) are never part of it: a shelter
/// must not be found through the site.
struct PublicGrantee: Sendable, Equatable {
    /// How the award says the grantee may be named in public, or nil.
    let publicName: String?
    /// Where it works, ISO 3166-1 alpha-2 upper case, or nil.
    let country: String?
    /// Its OECD DAC CRS purpose code (5 digits), or nil.
    let sector: String?

    /// The grantee as the site shows it: the public name; else "a partner in COUNTRY"; else
    /// "a partner". A country code without a known name is shown as the code.
    func label(_ text: SiteText) -> String {
        switch PublicGranteeName(publicName: publicName, country: country) {
        case .named(let name): name
        case .partner(inCountry: let country?): text.aPartnerIn(countryName(country, text))
        case .partner(inCountry: nil): text.aPartner
        }
    }

    /// The country's name in the site's language, or nil when none is given.
    func countryName(_ text: SiteText) -> String? {
        country.flatMap { $0.isEmpty ? nil : countryName($0, text) }
    }

    private func countryName(_ code: String, _ text: SiteText) -> String {
        guard let names = CountryNames.names[code] else { return code }
        return text.language == .fr ? names.fr : names.en
    }
}
