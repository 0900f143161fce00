/// How a grantee may be named in public (the transparency site, IATI): by the public name its
/// award gave, else as a partner in the country it works in, else as a partner. Never by its id
/// or its private name, so that a shelter cannot be located through what the Fund publishes.
/// The one place this rule is decided; each publication only words it.
public enum PublicGranteeName: Sendable, Equatable {
    /// The award's public name.
    case named(String)
    /// A partner, in the country given (ISO 3166-1 alpha-2), or nowhere said.
    case partner(inCountry: String?)

    /// The rule applied to what an award says: a public name that is empty counts as none, and
    /// so does an empty country.
    public init(publicName: String?, country: String?) {
        if let publicName, !publicName.isEmpty {
            self = .named(publicName)
        } else {
            self = .partner(inCountry: country.flatMap { $0.isEmpty ? nil : $0 })
        }
    }
}

extension GrantRecord {
    /// How the grantee may be named in public (``PublicGranteeName``).
    public var publicGranteeName: PublicGranteeName { PublicGranteeName(publicName: publicName, country: country) }
}
