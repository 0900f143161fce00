import HTTPMessageSignatures
import LedgerCrypto
import Testing

/// What a ledger service will require of a request (issue 15): the method, the whole target
/// URI and the body's digest signed by a registered key, recently; and every other request
/// refused with a code that says why.
@Suite("HTTP message signatures: a service's checks and refusals")
struct MessageSignatureRefusalTests {
    static let body = Array(#"{"hello": "world"}"#.utf8)
    static let now = 1_800_000_000

    static func request(body: [UInt8] = body) -> HTTPRequestParts {
        HTTPRequestParts(
            method: "POST", scheme: "HTTPS", authority: "Ledger.Example.org", path: "/v1/entries", query: nil,
            headers: [("Content-Type", "application/json"), ("Content-Digest", ContentDigest.field(for: body))])
    }

    static let required = ["@method", "@target-uri", "content-digest"]

    @Test("Content-Digest is RFC 9530's sha-256 of the body (its example's value), and a changed body is refused")
    func contentDigest() throws {
        // RFC 9530 (and RFC 9421 Appendix B) use this body; its SHA-256 is RFC 9530's example value.
        #expect(ContentDigest.field(for: Self.body) == "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")
        try ContentDigest.check(Self.request(), body: Self.body)
        #expect(throws: HTTPSignatureError(.badDigest, "the body does not match its Content-Digest: it was changed on the way")) {
            try ContentDigest.check(Self.request(), body: Array(#"{"hello": "w0rld"}"#.utf8))
        }
        var none = Self.request()
        none.headers.removeAll { $0.name == "Content-Digest" }
        #expect(throws: HTTPSignatureError.self) { try ContentDigest.check(none, body: Self.body) }
        var garbage = Self.request()
        garbage.headers[1].value = "sha-256=not base64"
        #expect(throws: HTTPSignatureError.self) { try ContentDigest.check(garbage, body: Self.body) }
    }

    @Test("a request signed with a person's key verifies; the target URI is lower-cased as RFC 9421 derives it")
    func roundTrip() throws {
        let key = try Ed25519PrivateKey()
        let parameters = SignatureParameters(components: Self.required, created: Self.now, keyID: key.publicKey.keyID, algorithm: "ed25519")
        let signed = try MessageSigner.signed(Self.request(), label: "vtf", parameters: parameters, key: key)
        let verified = try MessageVerifier(required: Self.required).verify(signed, now: Self.now + 5) { id in
            id == key.publicKey.keyID ? key.publicKey : nil
        }
        #expect(verified.publicKey == key.publicKey && verified.parameters == parameters)
    }

    @Test("refusals: each says why with its code")
    func refusals() throws {
        let key = try Ed25519PrivateKey()
        let other = try Ed25519PrivateKey()
        func sign(_ parameters: SignatureParameters, _ request: HTTPRequestParts = Self.request(), with signer: Ed25519PrivateKey? = nil) throws -> HTTPRequestParts {
            try MessageSigner.signed(request, label: "vtf", parameters: parameters, key: signer ?? key)
        }
        func code(_ request: HTTPRequestParts) -> HTTPSignatureError.Code? {
            do {
                _ = try MessageVerifier(required: Self.required).verify(request, now: Self.now) { id in id == key.publicKey.keyID ? key.publicKey : nil }
            } catch { return error.code }
            return nil
        }
        let good = SignatureParameters(components: Self.required, created: Self.now, keyID: key.publicKey.keyID)
        #expect(code(try sign(good)) == nil)
        // Signed by another key under this key's id.
        #expect(code(try sign(good, with: other)) == .badSignature)
        // A body swapped along with its digest: the digest is covered, so the signature fails.
        var swapped = try sign(good)
        swapped.headers[1].value = ContentDigest.field(for: Array("{}".utf8))
        #expect(code(swapped) == .badSignature)
        // Not covering the digest, the target URI or the method.
        #expect(code(try sign(SignatureParameters(components: ["@method", "@target-uri"], created: Self.now, keyID: key.publicKey.keyID))) == .notCovered)
        // Old, future, expired, no created, no keyid, an unknown key, another algorithm.
        #expect(code(try sign(SignatureParameters(components: Self.required, created: Self.now - 301, keyID: key.publicKey.keyID))) == .stale)
        #expect(code(try sign(SignatureParameters(components: Self.required, created: Self.now + 61, keyID: key.publicKey.keyID))) == .stale)
        #expect(code(try sign(SignatureParameters(components: Self.required, created: Self.now - 10, expires: Self.now - 1, keyID: key.publicKey.keyID))) == .stale)
        #expect(code(try sign(SignatureParameters(components: Self.required, keyID: key.publicKey.keyID))) == .malformed)
        #expect(code(try sign(SignatureParameters(components: Self.required, created: Self.now))) == .malformed)
        #expect(code(try sign(SignatureParameters(components: Self.required, created: Self.now, keyID: other.publicKey.keyID), with: other)) == .unknownKey)
        #expect(code(try sign(SignatureParameters(components: Self.required, created: Self.now, keyID: key.publicKey.keyID, algorithm: "hmac-sha256"))) == .unsupportedAlgorithm)
        // Malformed fields, a component vtf does not derive, one named twice, a header not sent.
        for (input, expected) in [
            ("vtf=(\"@method\"", HTTPSignatureError.Code.malformed),
            ("vtf=(\"@status\" \"@method\" \"@target-uri\" \"content-digest\");created=\(Self.now);keyid=\"k\"", .unsupportedComponent),
            ("vtf=(\"@method\" \"@method\" \"@target-uri\" \"content-digest\");created=\(Self.now);keyid=\"k\"", .unsupportedComponent),
            ("vtf=(\"@method\";req \"@target-uri\" \"content-digest\");created=\(Self.now);keyid=\"k\"", .unsupportedComponent),
            ("vtf=(\"@method\" \"@target-uri\" \"content-digest\");created=\"soon\";keyid=\"k\"", .malformed),
            ("other=(\"@method\");created=\(Self.now);keyid=\"k\"", .missingSignature),
        ] {
            var request = Self.request()
            request.add("Signature-Input", input)
            request.add("Signature", "vtf=:AAAA:")
            #expect(code(request) == expected, "\(input)")
        }
        var missingHeader = try sign(SignatureParameters(components: Self.required + ["x-vtf-ref"], created: Self.now, keyID: key.publicKey.keyID),
                                     { var r = Self.request(); r.add("X-Vtf-Ref", "G-1"); return r }())
        missingHeader.headers.removeAll { $0.name == "X-Vtf-Ref" }
        #expect(code(missingHeader) == .missingComponent)
    }
}
