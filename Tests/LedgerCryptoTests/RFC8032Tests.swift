import LedgerCrypto
import Testing

/// One RFC 8032 §7.1 test, with the PKCS#8/SPKI encodings derived in the fixture.
struct RFC8032Vector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let secretKeyHex: String
    let publicKeyHex: String
    let messageHex: String
    let signatureHex: String
    let derived_pkcs8DerHex: String
    let derived_spkiDerHex: String
    let derived_pkcs8Pem: String
    let derived_spkiPem: String

    var testDescription: String { name }

    struct File: Decodable { let tests: [RFC8032Vector] }

    static func all() throws -> [RFC8032Vector] {
        try Fixtures.load(File.self, "rfc8032/rfc8032_ed25519_tests.json").tests
    }
}

@Suite("RFC 8032 Ed25519 vectors")
struct RFC8032Tests {
    @Test func fileHasAllFourVectors() throws {
        #expect(try RFC8032Vector.all().count == 4)
    }

    @Test(arguments: try RFC8032Vector.all())
    func keyAndSignature(vector: RFC8032Vector) throws {
        let key = try Ed25519PrivateKey(seed: Fixtures.bytes(vector.secretKeyHex))
        let message = Fixtures.bytes(vector.messageHex)
        let expectedSignature = Fixtures.bytes(vector.signatureHex)
        #expect(key.publicKey.rawRepresentation == Fixtures.bytes(vector.publicKeyHex))
        #expect(try key.signature(for: message) == expectedSignature)
        #expect(try key.makeSigner().sign(message) == expectedSignature)
        #expect(key.publicKey.isValidSignature(expectedSignature, for: message))
        #expect(try Ed25519Verifier(publicKey: key.publicKey)
            .isValidSignature(expectedSignature, for: message))
        var tampered = expectedSignature
        tampered[0] ^= 0x01
        #expect(!key.publicKey.isValidSignature(tampered, for: message))
        #expect(!key.publicKey.isValidSignature(expectedSignature, for: message + [0]))
    }

    @Test(arguments: try RFC8032Vector.all())
    func encodings(vector: RFC8032Vector) throws {
        let key = try Ed25519PrivateKey(seed: Fixtures.bytes(vector.secretKeyHex))
        #expect(key.publicKey.derRepresentation == Fixtures.bytes(vector.derived_spkiDerHex))
        #expect(key.publicKey.pemRepresentation == vector.derived_spkiPem)
        #expect(try key.pemRepresentation(passphrase: nil) == vector.derived_pkcs8Pem)

        let fromPEM = try Ed25519PrivateKey(
            pemRepresentation: vector.derived_pkcs8Pem, passphrase: nil)
        #expect(fromPEM.publicKey == key.publicKey)
        #expect(try fromPEM.signature(for: [1, 2, 3]) == key.signature(for: [1, 2, 3]))
        let publicFromPEM = try Ed25519PublicKey(pemRepresentation: vector.derived_spkiPem)
        #expect(publicFromPEM == key.publicKey)
        let publicFromDER = try Ed25519PublicKey(
            derRepresentation: Fixtures.bytes(vector.derived_spkiDerHex))
        #expect(publicFromDER == key.publicKey)
        #expect(key.publicKey.keyID == SHA256.hash(Fixtures.bytes(vector.publicKeyHex)).hex)
    }

    @Test func wrongLengthsAreRefused() {
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: 31)) {
            try Ed25519PrivateKey(seed: [UInt8](repeating: 1, count: 31))
        }
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: 33)) {
            try Ed25519PublicKey(rawRepresentation: [UInt8](repeating: 1, count: 33))
        }
    }

    @Test func randomKeysDifferAndWork() throws {
        let first = try Ed25519PrivateKey()
        let second = try Ed25519PrivateKey()
        #expect(first.publicKey != second.publicKey)
        let signature = try first.signature(for: [])
        #expect(signature.count == 64)
        #expect(first.publicKey.isValidSignature(signature, for: []))
        #expect(!second.publicKey.isValidSignature(signature, for: []))
    }
}
