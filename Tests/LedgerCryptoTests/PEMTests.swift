import LedgerCrypto
import Testing

@Suite("PEM and encrypted PKCS#8")
struct PEMTests {
    /// RFC 8032 TEST 1 in the forms TLOG.md §6 shows.
    static let seed = Fixtures.bytes(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    static let privatePEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
        -----END PRIVATE KEY-----

        """
    static let publicPEM = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=
        -----END PUBLIC KEY-----

        """
    static let passphrase = Array("correct horse battery staple".utf8)

    @Test func explanatoryTextAroundTheBlockIsAllowed() throws {
        let text = "vtf key \"Alice\" abc\nmore words here\n" + Self.privatePEM + "trailing text\n"
        let key = try Ed25519PrivateKey(pemRepresentation: text, passphrase: nil)
        #expect(try key.pemRepresentation(passphrase: nil) == Self.privatePEM)
        let publicText = "Public key of Alice:\n" + Self.publicPEM + "\nthe end"
        #expect(try Ed25519PublicKey(pemRepresentation: publicText) == key.publicKey)
    }

    @Test func crlfLineEndingsAreAccepted() throws {
        let text = Self.privatePEM.replacing("\n", with: "\r\n")
        let key = try Ed25519PrivateKey(pemRepresentation: text, passphrase: nil)
        #expect(try key.pemRepresentation(passphrase: nil) == Self.privatePEM)
    }

    @Test func aPlainKeyIgnoresAGivenPassphrase() throws {
        let key = try Ed25519PrivateKey(pemRepresentation: Self.privatePEM, passphrase: [1, 2])
        #expect(try key.pemRepresentation(passphrase: nil) == Self.privatePEM)
    }

    @Test func wrongBlocksAreRefusedWithAReason() {
        #expect(throws: CryptoError.invalidPEM(
            "expected a BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY block "
                + "but found BEGIN PUBLIC KEY"))
        {
            try Ed25519PrivateKey(pemRepresentation: Self.publicPEM, passphrase: nil)
        }
        #expect(throws: CryptoError.invalidPEM("no BEGIN PUBLIC KEY block")) {
            try Ed25519PublicKey(pemRepresentation: "hello\n")
        }
        let unterminated = Self.publicPEM.replacing("-----END PUBLIC KEY-----\n", with: "")
        let noEnd = CryptoError.invalidPEM("the BEGIN PUBLIC KEY block has no END PUBLIC KEY line")
        #expect(throws: noEnd) {
            try Ed25519PublicKey(pemRepresentation: unterminated)
        }
        let badBase64 = Self.publicPEM.replacing("MCow", with: "MC*w")
        #expect(throws: CryptoError.invalidPEM("the BEGIN PUBLIC KEY block is not valid base64")) {
            try Ed25519PublicKey(pemRepresentation: badBase64)
        }
    }

    @Test func nonEd25519KeysAreRefused() throws {
        // An X25519 SPKI (OID 1.3.101.110) of the same size.
        var x25519 = try Ed25519PublicKey(pemRepresentation: Self.publicPEM).derRepresentation
        x25519[8] = 0x6e
        #expect {
            try Ed25519PublicKey(derRepresentation: x25519)
        } throws: { error in
            guard case CryptoError.invalidPEM(let reason) = error else { return false }
            return reason.contains("not an Ed25519 key")
        }
        #expect(throws: CryptoError.self) {
            try Ed25519PublicKey(derRepresentation: [0x30, 0x00])
        }
    }

    @Test func encryptedRoundTrip() throws {
        let key = try Ed25519PrivateKey(seed: Self.seed)
        let encrypted = try key.pemRepresentation(passphrase: Self.passphrase)
        #expect(encrypted.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        #expect(encrypted.hasSuffix("-----END ENCRYPTED PRIVATE KEY-----\n"))
        #expect(!encrypted.contains(Self.privatePEM.split(separator: "\n")[1]))
        let decrypted = try Ed25519PrivateKey(
            pemRepresentation: encrypted, passphrase: Self.passphrase)
        #expect(decrypted.publicKey == key.publicKey)
        #expect(try decrypted.pemRepresentation(passphrase: nil) == Self.privatePEM)
        // A fresh salt and IV each time.
        #expect(try key.pemRepresentation(passphrase: Self.passphrase) != encrypted)
    }

    @Test func encryptedKeyNeedsTheRightPassphrase() throws {
        let key = try Ed25519PrivateKey(seed: Self.seed)
        let encrypted = try key.pemRepresentation(passphrase: Self.passphrase)
        #expect(throws: CryptoError.passphraseRequired) {
            try Ed25519PrivateKey(pemRepresentation: encrypted, passphrase: nil)
        }
        #expect(throws: CryptoError.wrongPassphrase) {
            try Ed25519PrivateKey(pemRepresentation: encrypted, passphrase: Array("wrong".utf8))
        }
        #expect(throws: CryptoError.wrongPassphrase) {
            try Ed25519PrivateKey(pemRepresentation: encrypted, passphrase: [])
        }
        let description = CryptoError.wrongPassphrase.description
        #expect(!description.contains("correct horse"))
    }

    @Test func encryptionUsesPBES2WithPBKDF2SHA256AndAES256CBC() throws {
        let encrypted = try Ed25519PrivateKey(seed: Self.seed)
            .pemRepresentation(passphrase: Self.passphrase)
        let body = encrypted.split(separator: "\n").dropFirst().dropLast().joined()
        let der = try #require(Base64.decode(body))
        // OIDs as DER bytes: PBES2 1.2.840.113549.1.5.13, PBKDF2 1.2.840.113549.1.5.12,
        // hmacWithSHA256 1.2.840.113549.2.9, aes256-CBC 2.16.840.1.101.3.4.1.42.
        let pbes2: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d]
        let pbkdf2: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c]
        let hmacSHA256: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09]
        let aes256CBC: [UInt8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a]
        // The iteration count 600,000 = 0x0927c0 as a DER INTEGER.
        let iterations: [UInt8] = [0x02, 0x03, 0x09, 0x27, 0xc0]
        for needle in [pbes2, pbkdf2, hmacSHA256, aes256CBC, iterations] {
            #expect(contains(der, needle), "missing \(Hex.encode(needle))")
        }
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains {
            Array(haystack[$0..<($0 + needle.count)]) == needle
        }
    }
}
