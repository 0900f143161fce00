import RawStructuredFieldValues

/// What a signature covers and says of itself (RFC 9421 §2.3): the covered components, in
/// order, and the parameters `created`, `expires`, `nonce`, `keyid`, `alg` and `tag`.
public struct SignatureParameters: Sendable, Equatable {
    /// The covered components, in the order of the signature base: derived components
    /// (`@method`, `@target-uri`, `@authority`, `@scheme`, `@request-target`, `@path`, `@query`)
    /// and header fields, by their lower-case names.
    public var components: [String]
    /// When the signature was made (seconds since 1970).
    public var created: Int?
    /// When the signature stops being valid (seconds since 1970).
    public var expires: Int?
    /// The signer's key (for vtf, the key id of a registered key).
    public var keyID: String?
    /// A value the signer chose once.
    public var nonce: String?
    /// The algorithm; vtf signs with and accepts only `ed25519`.
    public var algorithm: String?
    /// What the signature is for (an application's label).
    public var tag: String?

    /// Parameters covering `components`.
    public init(
        components: [String], created: Int? = nil, expires: Int? = nil, keyID: String? = nil, nonce: String? = nil,
        algorithm: String? = nil, tag: String? = nil
    ) {
        self.components = components
        self.created = created
        self.expires = expires
        self.keyID = keyID
        self.nonce = nonce
        self.algorithm = algorithm
        self.tag = tag
    }

    /// The derived components this implementation knows.
    public static let derivedComponents: Set<String> = ["@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query"]

    /// The parameters as a structured-field inner list, in the order RFC 9421's examples use.
    var innerList: InnerList {
        var list = BareInnerList()
        for component in components { list.append(Item(bareItem: RFC9651BareItem.string(component), parameters: OrderedMap<String, RFC9651BareItem>())) }
        var parameters = OrderedMap<String, RFC9651BareItem>()
        if let created { parameters["created"] = .integer(Int64(created)) }
        if let expires { parameters["expires"] = .integer(Int64(expires)) }
        if let keyID { parameters["keyid"] = .string(keyID) }
        if let nonce { parameters["nonce"] = .string(nonce) }
        if let algorithm { parameters["alg"] = .string(algorithm) }
        if let tag { parameters["tag"] = .string(tag) }
        return InnerList(bareInnerList: list, parameters: parameters)
    }

    /// The parameters a received inner list holds; refuses what RFC 9421 does not allow.
    init(_ list: InnerList) throws(HTTPSignatureError) {
        var components: [String] = []
        for item in list.bareInnerList {
            guard case .string(let name) = item.rfc9651BareItem else {
                throw HTTPSignatureError(.malformed, "a covered component is not a string")
            }
            guard item.rfc9651Parameters.isEmpty else {
                throw HTTPSignatureError(.unsupportedComponent, "the covered component \"\(name)\" has parameters, which vtf does not derive")
            }
            guard name == name.lowercased(), !name.isEmpty else {
                throw HTTPSignatureError(.malformed, "the covered component \"\(name)\" is not a lower-case name")
            }
            guard !name.hasPrefix("@") || Self.derivedComponents.contains(name) else {
                throw HTTPSignatureError(.unsupportedComponent, "the derived component \"\(name)\" is not one vtf derives")
            }
            guard !components.contains(name) else {
                throw HTTPSignatureError(.unsupportedComponent, "the covered component \"\(name)\" is named twice")
            }
            components.append(name)
        }
        self.init(components: components)
        for (name, value) in list.rfc9651Parameters {
            switch (name, value) {
            case ("created", .integer(let number)): created = Int(number)
            case ("expires", .integer(let number)): expires = Int(number)
            case ("keyid", .string(let text)): keyID = text
            case ("nonce", .string(let text)): nonce = text
            case ("alg", .string(let text)): algorithm = text
            case ("tag", .string(let text)): tag = text
            case ("created", _), ("expires", _):
                throw HTTPSignatureError(.malformed, "the signature parameter \(name) is not an integer")
            case ("keyid", _), ("nonce", _), ("alg", _), ("tag", _):
                throw HTTPSignatureError(.malformed, "the signature parameter \(name) is not a string")
            default:
                throw HTTPSignatureError(.malformed, "the signature parameter \(name) is not one RFC 9421 defines")
            }
        }
    }
}
