import HTTPMessageSignatures
import LedgerCrypto
import Testing

/// The outside vector: RFC 9421 Appendix B.2.6, "Signing a Request Using ed25519", with the test
/// key of Appendix B.1.4 and the request of Appendix B.2 (RFC 9421, © IETF Trust, code components
/// under the Revised BSD License). Ed25519 is deterministic, so signing that request with that key
/// must give the RFC's very signature, and the RFC's fields must verify.
@Suite("HTTP message signatures: RFC 9421's Ed25519 example")
struct RFC9421VectorTests {
    /// Appendix B.1.4's private key (PKCS#8): its last 32 bytes are the seed.
    static let privateKeyPKCS8 = "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF"
    /// Appendix B.1.4's public key (SPKI).
    static let publicKeySPKI = "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs="
    /// Appendix B.2.6's Signature-Input and Signature field values.
    static let signatureInput = #"sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519""#
    static let signature = "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:"

    /// Appendix B.2's request: `POST /foo?param=Value&Pet=dog` to example.com.
    static var request: HTTPRequestParts {
        HTTPRequestParts(
            method: "POST", scheme: "https", authority: "example.com", path: "/foo", query: "param=Value&Pet=dog",
            headers: [
                ("Host", "example.com"), ("Date", "Tue, 20 Apr 2021 02:07:55 GMT"), ("Content-Type", "application/json"),
                ("Content-Digest", "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:"),
                ("Content-Length", "18"),
            ])
    }

    static func keys() throws -> (Ed25519PrivateKey, Ed25519PublicKey) {
        let pkcs8 = try #require(Base64.decode(privateKeyPKCS8))
        let spki = try #require(Base64.decode(publicKeySPKI))
        let key = try Ed25519PrivateKey(seed: Array(pkcs8.suffix(32)))
        let publicKey = try Ed25519PublicKey(derRepresentation: spki)
        #expect(key.publicKey == publicKey, "the seed is the RFC's key")
        return (key, publicKey)
    }

    @Test("signing the RFC's request with the RFC's key gives the RFC's fields, byte for byte")
    func signsAsTheRFC() throws {
        let (key, _) = try Self.keys()
        let parameters = SignatureParameters(
            components: ["date", "@method", "@path", "@authority", "content-type", "content-length"], created: 1_618_884_473,
            keyID: "test-key-ed25519")
        let fields = try MessageSigner.sign(Self.request, label: "sig-b26", parameters: parameters, key: key)
        #expect(fields.signatureInput == Self.signatureInput)
        #expect(fields.signature == Self.signature)
    }

    @Test("the RFC's fields verify, and a changed request, key or time does not")
    func verifiesTheRFC() throws {
        let (_, publicKey) = try Self.keys()
        var signed = Self.request
        signed.add("Signature-Input", Self.signatureInput)
        signed.add("Signature", Self.signature)
        let verifier = MessageVerifier(required: ["@method", "@path", "@authority"])
        let now = 1_618_884_473 + 10
        let lookup: (String) -> Ed25519PublicKey? = { $0 == "test-key-ed25519" ? publicKey : nil }
        let verified = try verifier.verify(signed, now: now, key: lookup)
        #expect(verified.label == "sig-b26" && verified.parameters.keyID == "test-key-ed25519" && verified.parameters.created == 1_618_884_473)

        func code(_ request: HTTPRequestParts, now: Int = now, verifier: MessageVerifier = verifier) -> HTTPSignatureError.Code? {
            do { _ = try verifier.verify(request, now: now, key: lookup) } catch { return error.code }
            return nil
        }
        var changedPath = signed
        changedPath.path = "/bar"
        #expect(code(changedPath) == .badSignature)
        var changedType = signed
        changedType.headers[2].value = "text/plain"
        #expect(code(changedType) == .badSignature)
        #expect(code(signed, now: 1_618_884_473 + 301) == .stale)
        #expect(code(signed, now: 1_618_884_473 - 61) == .stale)
        #expect(code(signed, verifier: MessageVerifier(required: ["content-digest"])) == .notCovered)
        #expect(code(Self.request) == .missingSignature)
        var otherKey = Self.request
        otherKey.add("Signature-Input", Self.signatureInput.replacing("test-key-ed25519", with: "someone-else"))
        otherKey.add("Signature", Self.signature)
        #expect(code(otherKey) == .unknownKey)
    }
}
