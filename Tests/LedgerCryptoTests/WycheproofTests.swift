import LedgerCrypto
import Testing

/// One Wycheproof EdDSA verification test, flattened with its group's public key.
struct WycheproofCase: Sendable, CustomTestStringConvertible {
    let file: String
    let id: Int
    let comment: String
    let publicKeyHex: String
    let publicKeyDerHex: String
    let publicKeyPem: String
    let messageHex: String
    let signatureHex: String
    let isValid: Bool

    var testDescription: String { "\(file) #\(id) \(isValid ? "valid" : "invalid") \(comment)" }

    private struct Test: Decodable {
        let tcId: Int
        let comment: String
        let msg: String
        let sig: String
        let result: String
    }

    /// testvectors_v1 layout: publicKey.pk, publicKeyDer, publicKeyPem.
    private struct NewFile: Decodable {
        struct Key: Decodable { let pk: String }
        struct Group: Decodable {
            let publicKey: Key
            let publicKeyDer: String
            let publicKeyPem: String
            let tests: [Test]
        }
        let numberOfTests: Int
        let testGroups: [Group]
    }

    /// Older layout: key.pk (and key.sk), keyDer, keyPem.
    private struct OldFile: Decodable {
        struct Key: Decodable { let pk: String; let sk: String }
        struct Group: Decodable {
            let key: Key
            let keyDer: String
            let keyPem: String
            let tests: [Test]
        }
        let numberOfTests: Int
        let testGroups: [Group]
    }

    static func ed25519Test() throws -> [WycheproofCase] {
        let name = "ed25519_test.json"
        let file = try Fixtures.load(NewFile.self, "wycheproof/\(name)")
        let cases = file.testGroups.flatMap { group in
            group.tests.map {
                make(name, $0, group.publicKey.pk, group.publicKeyDer, group.publicKeyPem)
            }
        }
        precondition(cases.count == file.numberOfTests, "\(name): test count mismatch")
        return cases
    }

    static func eddsaTest() throws -> [WycheproofCase] {
        let name = "eddsa_test.json"
        let file = try Fixtures.load(OldFile.self, "wycheproof/\(name)")
        let cases = file.testGroups.flatMap { group in
            group.tests.map { make(name, $0, group.key.pk, group.keyDer, group.keyPem) }
        }
        precondition(cases.count == file.numberOfTests, "\(name): test count mismatch")
        return cases
    }

    /// The old layout also gives each group's secret key: (seed hex, public key hex).
    static func eddsaKeyPairs() throws -> [(seed: String, publicKey: String)] {
        try Fixtures.load(OldFile.self, "wycheproof/eddsa_test.json").testGroups
            .map { ($0.key.sk, $0.key.pk) }
    }

    private static func make(
        _ file: String, _ test: Test, _ publicKey: String, _ der: String, _ pem: String
    ) -> WycheproofCase {
        precondition(test.result == "valid" || test.result == "invalid",
                     "unexpected Wycheproof result \(test.result)")
        return WycheproofCase(
            file: file, id: test.tcId, comment: test.comment, publicKeyHex: publicKey,
            publicKeyDerHex: der, publicKeyPem: pem, messageHex: test.msg,
            signatureHex: test.sig, isValid: test.result == "valid")
    }
}

@Suite("Wycheproof Ed25519 vectors")
struct WycheproofTests {
    @Test func filesHaveTheExpectedCounts() throws {
        let newCases = try WycheproofCase.ed25519Test()
        #expect(newCases.count == 150)
        #expect(newCases.filter(\.isValid).count == 88)
        #expect(try WycheproofCase.eddsaTest().count == 145)
        #expect(newCases.contains { $0.messageHex.isEmpty })
    }

    @Test(arguments: try WycheproofCase.ed25519Test() + WycheproofCase.eddsaTest())
    func verdict(test: WycheproofCase) throws {
        let key = try Ed25519PublicKey(rawRepresentation: Fixtures.bytes(test.publicKeyHex))
        let message = Fixtures.bytes(test.messageHex)
        let signature = Fixtures.bytes(test.signatureHex)
        #expect(key.isValidSignature(signature, for: message) == test.isValid)
        let verifier = try Ed25519Verifier(publicKey: key)
        #expect(verifier.isValidSignature(signature, for: message) == test.isValid)
        // A second call on the same reused context must give the same verdict.
        #expect(message.withUnsafeBytes { verifier.isValidSignature(signature, for: $0) }
            == test.isValid)
    }

    @Test(arguments: try WycheproofCase.ed25519Test() + WycheproofCase.eddsaTest())
    func publicKeyEncodings(test: WycheproofCase) throws {
        let raw = Fixtures.bytes(test.publicKeyHex)
        let fromDER = try Ed25519PublicKey(derRepresentation: Fixtures.bytes(test.publicKeyDerHex))
        let fromPEM = try Ed25519PublicKey(pemRepresentation: test.publicKeyPem)
        #expect(fromDER.rawRepresentation == raw)
        #expect(fromPEM.rawRepresentation == raw)
        #expect(fromDER.derRepresentation == Fixtures.bytes(test.publicKeyDerHex))
    }

    @Test func oldLayoutSecretKeysDeriveTheirPublicKeys() throws {
        let pairs = try WycheproofCase.eddsaKeyPairs()
        #expect(!pairs.isEmpty)
        for pair in pairs {
            let key = try Ed25519PrivateKey(seed: Fixtures.bytes(pair.seed))
            #expect(Hex.encode(key.publicKey.rawRepresentation) == pair.publicKey)
        }
    }

    /// Signing each valid case's message with the group's secret key reproduces the signature.
    @Test func validSignaturesAreReproducedBySigning() throws {
        let seeds = Dictionary(uniqueKeysWithValues: try WycheproofCase.eddsaKeyPairs().map {
            ($0.publicKey, $0.seed)
        })
        var checked = 0
        for test in try WycheproofCase.eddsaTest() where test.isValid {
            guard let seed = seeds[test.publicKeyHex] else { continue }
            let key = try Ed25519PrivateKey(seed: Fixtures.bytes(seed))
            #expect(try key.signature(for: Fixtures.bytes(test.messageHex))
                == Fixtures.bytes(test.signatureHex), "\(test.testDescription)")
            checked += 1
        }
        #expect(checked > 0)
    }
}
