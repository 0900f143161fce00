public import LedgerCrypto
import RawStructuredFieldValues

/// A signature that verified: under which label, with which parameters, by which key.
public struct VerifiedSignature: Sendable, Equatable {
    /// The label of the signature in the request's fields.
    public let label: String
    /// What it covers and says of itself.
    public let parameters: SignatureParameters
    /// The key it verified with.
    public let publicKey: Ed25519PublicKey
}

/// Checks an RFC 9421 signature of a request: the components a receiver requires are covered,
/// the signature is recent (`created`, `expires`), its key is known, and it verifies with
/// Ed25519 over the signature base rebuilt from the request as received.
public struct MessageVerifier: Sendable {
    /// Components every accepted signature must cover (e.g. `@method`, `@target-uri`,
    /// `content-digest`).
    public var required: [String]
    /// How old (seconds) a signature's `created` may be.
    public var maxAge: Int
    /// How far (seconds) `created` may lie ahead of the receiver's clock.
    public var clockSkew: Int

    /// A verifier requiring `required`, accepting signatures at most `maxAge` seconds old and
    /// `clockSkew` seconds ahead.
    public init(required: [String], maxAge: Int = 300, clockSkew: Int = 60) {
        self.required = required
        self.maxAge = maxAge
        self.clockSkew = clockSkew
    }

    /// Verifies the signature of `request` under `label` (or its only one), at time `now`
    /// (seconds since 1970), with the key `key(keyid)` returns.
    ///
    /// - Throws: `HTTPSignatureError` saying what was wrong.
    public func verify(
        _ request: HTTPRequestParts, label wanted: String? = nil, now: Int,
        key: (String) throws(HTTPSignatureError) -> Ed25519PublicKey?
    ) throws(HTTPSignatureError) -> VerifiedSignature {
        let (label, list, signature) = try Self.fields(of: request, label: wanted)
        let parameters = try SignatureParameters(list)
        for component in required where !parameters.components.contains(component) {
            throw HTTPSignatureError(.notCovered, "the signature does not cover \(component), which this service requires")
        }
        if let algorithm = parameters.algorithm, algorithm != "ed25519" {
            throw HTTPSignatureError(.unsupportedAlgorithm, "the signature's algorithm is \(algorithm); vtf accepts ed25519 only")
        }
        try checkTimes(parameters, now: now)
        guard let keyID = parameters.keyID else { throw HTTPSignatureError(.malformed, "the signature names no keyid") }
        guard let publicKey = try key(keyID) else { throw HTTPSignatureError(.unknownKey, "the key \(keyID) is not registered here") }
        let base = try SignatureBase.make(request, list, parameters)
        guard publicKey.isValidSignature(signature, for: base) else {
            throw HTTPSignatureError(.badSignature, "the signature does not verify with key \(keyID): the request was changed, or signed with another key")
        }
        return VerifiedSignature(label: label, parameters: parameters, publicKey: publicKey)
    }

    private func checkTimes(_ parameters: SignatureParameters, now: Int) throws(HTTPSignatureError) {
        guard let created = parameters.created else { throw HTTPSignatureError(.malformed, "the signature has no created time") }
        guard created <= now + clockSkew else {
            throw HTTPSignatureError(.stale, "the signature was created \(created - now) s in the future: check the signer's clock")
        }
        guard now - created <= maxAge else {
            throw HTTPSignatureError(.stale, "the signature was created \(now - created) s ago; at most \(maxAge) s are accepted: sign the request again")
        }
        if let expires = parameters.expires, expires < now {
            throw HTTPSignatureError(.stale, "the signature expired \(now - expires) s ago: sign the request again")
        }
    }

    /// The label, covered-components list and signature bytes of the signature to check.
    static func fields(of request: HTTPRequestParts, label wanted: String?) throws(HTTPSignatureError) -> (String, InnerList, [UInt8]) {
        let inputs = request.values(of: "signature-input")
        let signatures = request.values(of: "signature")
        guard !inputs.isEmpty, !signatures.isEmpty else {
            throw HTTPSignatureError(.missingSignature, "the request is not signed: it has no Signature-Input and Signature fields (RFC 9421)")
        }
        let input = try SignatureBase.parseDictionary(inputs.joined(separator: ", "), named: "Signature-Input")
        let value = try SignatureBase.parseDictionary(signatures.joined(separator: ", "), named: "Signature")
        let labels = input.map(\.0)
        guard let label = wanted ?? (labels.count == 1 ? labels[0] : nil) else {
            throw HTTPSignatureError(.missingSignature, "the request holds \(labels.count) signatures; name the one to check")
        }
        guard case .innerList(let list)? = input[label] else {
            throw HTTPSignatureError(.missingSignature, "the Signature-Input field has no inner list labelled \(label)")
        }
        guard case .item(let item)? = value[label], case .undecodedByteSequence(let text) = item.rfc9651BareItem,
            let bytes = Base64.decode(text)
        else {
            throw HTTPSignatureError(.missingSignature, "the Signature field has no byte sequence labelled \(label)")
        }
        return (label, list, bytes)
    }
}
