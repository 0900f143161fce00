import Foundation
import LedgerCrypto
import Testing

@Suite("Key files")
struct KeyFileTests {
    private func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test func writesPrivate0600AndPublic0644WithLabels() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = try Ed25519PrivateKey()
        let path = directory.path("alice.key")
        try KeyFile.write(key, to: path, label: "Alice \"Al\" Fund\\Manager", passphrase: nil)
        #expect(try permissions(path) == 0o600)
        #expect(try permissions(path + ".pub") == 0o644)

        let privateText = try String(contentsOfFile: path, encoding: .utf8)
        let expectedLine = "vtf key \"Alice \\\"Al\\\" Fund\\\\Manager\" \(key.publicKey.keyID)\n"
        #expect(privateText == expectedLine + (try key.pemRepresentation(passphrase: nil)))
        let publicText = try String(contentsOfFile: path + ".pub", encoding: .utf8)
        #expect(publicText == expectedLine + key.publicKey.pemRepresentation)

        #expect(KeyFile.label(at: path) == "Alice \"Al\" Fund\\Manager")
        #expect(KeyFile.label(at: path + ".pub") == "Alice \"Al\" Fund\\Manager")
        #expect(try KeyFile.readPrivateKey(at: path, passphrase: nil).publicKey == key.publicKey)
        #expect(try KeyFile.readPublicKey(at: path + ".pub") == key.publicKey)
    }

    @Test func withoutALabelThereIsNoLabelLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = try Ed25519PrivateKey()
        let path = directory.path("plain.key")
        try KeyFile.write(key, to: path, label: nil, passphrase: nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8)
            == (try key.pemRepresentation(passphrase: nil)))
        #expect(KeyFile.label(at: path) == nil)
    }

    @Test func encryptedKeyFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = try Ed25519PrivateKey()
        let path = directory.path("secret.key")
        let passphrase = Array("s3cret phrase".utf8)
        try KeyFile.write(key, to: path, label: "Bob", passphrase: passphrase)
        #expect(try KeyFile.readPrivateKey(at: path, passphrase: passphrase).publicKey
            == key.publicKey)
        #expect(throws: KeyFileError.crypto(path: path, .passphraseRequired)) {
            try KeyFile.readPrivateKey(at: path, passphrase: nil)
        }
        #expect(throws: KeyFileError.crypto(path: path, .wrongPassphrase)) {
            try KeyFile.readPrivateKey(at: path, passphrase: Array("guess".utf8))
        }
        let message = KeyFileError.crypto(path: path, .wrongPassphrase).description
        #expect(message.contains(path))
        #expect(!message.contains("s3cret"))
    }

    @Test func refusesToOverwrite() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("alice.key")
        let first = try Ed25519PrivateKey()
        try KeyFile.write(first, to: path, label: nil, passphrase: nil)
        #expect(throws: KeyFileError.exists(path: path + ".pub")) {
            try KeyFile.write(try Ed25519PrivateKey(), to: path, label: nil, passphrase: nil)
        }
        #expect(try KeyFile.readPrivateKey(at: path, passphrase: nil).publicKey == first.publicKey)

        // Only the private file exists: still refused, and nothing is left half-written.
        try FileManager.default.removeItem(atPath: path + ".pub")
        #expect(throws: KeyFileError.exists(path: path)) {
            try KeyFile.write(try Ed25519PrivateKey(), to: path, label: nil, passphrase: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".pub"))
        #expect(try KeyFile.readPrivateKey(at: path, passphrase: nil).publicKey == first.publicKey)
    }

    @Test func refusesAPrivateKeyOthersCanRead() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("open.key")
        try KeyFile.write(try Ed25519PrivateKey(), to: path, label: nil, passphrase: nil)
        for mode in [0o644, 0o640, 0o604, 0o601, 0o660] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            #expect(throws: KeyFileError.tooOpen(path: path, mode: UInt32(mode))) {
                try KeyFile.readPrivateKey(at: path, passphrase: nil)
            }
        }
        let message = KeyFileError.tooOpen(path: path, mode: 0o644).description
        #expect(message.contains(path) && message.contains("0644") && message.contains("chmod 600"))
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
        #expect(throws: Never.self) { try KeyFile.readPrivateKey(at: path, passphrase: nil) }
    }

    @Test func missingAndMalformedFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.path("missing.key")
        #expect(throws: KeyFileError.notFound(path: missing)) {
            try KeyFile.readPrivateKey(at: missing, passphrase: nil)
        }
        #expect(throws: KeyFileError.notFound(path: missing)) {
            try KeyFile.readPublicKey(at: missing)
        }
        #expect(KeyFile.label(at: missing) == nil)
        #expect(throws: KeyFileError.unreadable(path: directory.url.path,
                                                reason: "it is not a regular file")) {
            try KeyFile.readPublicKey(at: directory.url.path)
        }
        let garbage = directory.path("garbage.pub")
        try "not a key\n".write(toFile: garbage, atomically: false, encoding: .utf8)
        let noBlock = CryptoError.invalidPEM("no BEGIN PUBLIC KEY block")
        #expect(throws: KeyFileError.crypto(path: garbage, noBlock)) {
            try KeyFile.readPublicKey(at: garbage)
        }
    }

    @Test func refusesLabelsThatDoNotFitOnOneLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = try Ed25519PrivateKey()
        for label in ["", "two\nlines", "tab\there", "-----BEGIN"] {
            let path = directory.path("label.key")
            #expect(throws: KeyFileError.self) {
                try KeyFile.write(key, to: path, label: label, passphrase: nil)
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }
}
