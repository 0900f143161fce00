import Foundation
import LedgerCrypto
import Testing

/// Keys written by vtf are readable by the `openssl` tool, and keys it makes are readable here.
@Suite("openssl command line interoperability", .enabled(if: OpenSSLTool.isAvailable))
struct OpenSSLInteropTests {
    static let passphrase = "vtf test passphrase"

    @Test func ourEncryptedKeyIsReadableByOpenSSL() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = try Ed25519PrivateKey()
        let path = directory.path("encrypted.pem")
        let text = try key.pemRepresentation(passphrase: Array(Self.passphrase.utf8))
        try text.write(toFile: path, atomically: false, encoding: .utf8)

        let plain = try OpenSSLTool.run(["pkey", "-in", path, "-passin", "pass:\(Self.passphrase)"])
        #expect(plain.status == 0)
        #expect(plain.output == (try key.pemRepresentation(passphrase: nil)))
        let publicKey = try OpenSSLTool.run(
            ["pkey", "-in", path, "-passin", "pass:\(Self.passphrase)", "-pubout"])
        #expect(publicKey.status == 0)
        #expect(publicKey.output == key.publicKey.pemRepresentation)
        let wrong = try OpenSSLTool.run(["pkey", "-in", path, "-passin", "pass:wrong"])
        #expect(wrong.status != 0)
    }

    @Test func aKeyMadeByOpenSSLIsReadableHere() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("openssl.pem")
        #expect(try OpenSSLTool.run(["genpkey", "-algorithm", "ed25519", "-out", path]).status == 0)
        let publicKeyPEM = try OpenSSLTool.run(["pkey", "-in", path, "-pubout"])
        #expect(publicKeyPEM.status == 0)

        let key = try Ed25519PrivateKey(
            pemRepresentation: String(contentsOfFile: path, encoding: .utf8), passphrase: nil)
        #expect(key.publicKey.pemRepresentation == publicKeyPEM.output)
        #expect(try Ed25519PublicKey(pemRepresentation: publicKeyPEM.output) == key.publicKey)
        #expect(try key.pemRepresentation(passphrase: nil)
            == String(contentsOfFile: path, encoding: .utf8))

        // A signature made by openssl verifies here, and ours verifies there.
        let message = Array("pay 100.00 GBP to the roof fund\n".utf8)
        let messagePath = directory.path("message.bin")
        try Data(message).write(to: URL(fileURLWithPath: messagePath))
        let signaturePath = directory.path("signature.bin")
        let signing = try OpenSSLTool.run(["pkeyutl", "-sign", "-inkey", path, "-rawin",
                                           "-in", messagePath, "-out", signaturePath])
        #expect(signing.status == 0)
        let theirs = try [UInt8](Data(contentsOf: URL(fileURLWithPath: signaturePath)))
        #expect(theirs == (try key.signature(for: message)))
        #expect(key.publicKey.isValidSignature(theirs, for: message))
    }

    @Test(arguments: [["-v2", "aes-256-cbc"], ["-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA512"],
                      ["-scrypt"]])
    func keysEncryptedByOpenSSLAreReadableHere(options: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = try Ed25519PrivateKey()
        let plainPath = directory.path("plain.pem")
        try key.pemRepresentation(passphrase: nil).write(toFile: plainPath, atomically: false,
                                                          encoding: .utf8)
        let encryptedPath = directory.path("encrypted.pem")
        let result = try OpenSSLTool.run(["pkcs8", "-topk8", "-in", plainPath,
                                          "-out", encryptedPath,
                                          "-passout", "pass:\(Self.passphrase)"] + options)
        #expect(result.status == 0)
        let text = try String(contentsOfFile: encryptedPath, encoding: .utf8)
        #expect(text.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let read = try Ed25519PrivateKey(pemRepresentation: text,
                                         passphrase: Array(Self.passphrase.utf8))
        #expect(read.publicKey == key.publicKey)
        #expect(throws: CryptoError.wrongPassphrase) {
            try Ed25519PrivateKey(pemRepresentation: text, passphrase: Array("nope".utf8))
        }
    }

    @Test func aLabelledKeyFileIsReadableByOpenSSL() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = try Ed25519PrivateKey()
        let path = directory.path("alice.key")
        try KeyFile.write(key, to: path, label: "Alice Fund Manager",
                          passphrase: Array(Self.passphrase.utf8))
        let plain = try OpenSSLTool.run(["pkey", "-in", path, "-passin", "pass:\(Self.passphrase)"])
        #expect(plain.status == 0)
        #expect(plain.output == (try key.pemRepresentation(passphrase: nil)))
        let publicKey = try OpenSSLTool.run(["pkey", "-pubin", "-in", path + ".pub"])
        #expect(publicKey.status == 0)
        #expect(publicKey.output == key.publicKey.pemRepresentation)
    }
}
