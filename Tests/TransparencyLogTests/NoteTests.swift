import Foundation
import LedgerCrypto
import TransparencyLog
import Testing

/// The signed-note vectors in Tests/Fixtures/vectors/signed-note/notes.json.
private struct NoteVectors: Decodable {
    struct Example: Decodable { let vkey: String; let note: String }
    struct Peter: Decodable {
        let vkey: String
        let skey: String
        let seed_hex: String
        let pub_hex: String
        let note: String
    }
    struct PeterPlusEnoch: Decodable {
        let vkey_peter: String
        let vkey_enoch: String
        let skey_enoch_derived: String
        let note: String
    }
    struct TreeBody: Decodable { let body: String }
    struct Sofa: Decodable { let note: String; let cosigned_message_example: String }
    struct Generated: Decodable {
        let log_vkey: String
        let log_seed_hex: String
        let witness_vkey_type04: String
        let witness_seed_hex: String
        let checkpoint_size7: String
        let checkpoint_size8: String
    }

    let c2sp_signed_note_example: Example
    let go_sumdb_note_peter: Peter
    let go_sumdb_note_peter_plus_enoch: PeterPlusEnoch
    let go_sumdb_tree_body: TreeBody
    let c2sp_checkpoint_example_unverifiable: Sofa
    let generated_checkpoints: Generated

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/vectors")

    static func load() throws -> NoteVectors {
        let data = try Data(contentsOf: folder.appendingPathComponent("signed-note/notes.json"))
        return try JSONDecoder().decode(NoteVectors.self, from: data)
    }

    /// Root hashes of the RFC 6962 reference tree by size, from the merkle vectors.
    static func referenceRoots() throws -> [String] {
        struct Tree: Decodable { let rootHashesHexBySize: [String] }
        let url = folder.appendingPathComponent("merkle/reference_tree_transcribed.json")
        return try JSONDecoder().decode(Tree.self, from: Data(contentsOf: url)).rootHashesHexBySize
    }
}

private func bytes(_ hex: String) throws -> [UInt8] {
    try #require(Hex.decode(hex))
}

/// The note text (through the blank line's first "\n") and the signature lines.
private func split(_ note: String) -> (text: String, lines: [String]) {
    let parts = note.components(separatedBy: "\n\n")
    let lines = parts[1].split(separator: "\n").map { String($0) + "\n" }
    return (parts[0] + "\n", lines)
}

@Suite("Signed notes (c2sp.org/signed-note)")
struct NoteFormatTests {
    @Test func c2spExample() throws {
        let example = try NoteVectors.load().c2sp_signed_note_example
        let verifier = try NoteVerifier(verifierKey: example.vkey)
        #expect(verifier.name == "example.com/foo")
        #expect(verifier.keyID == 0x530d903a)
        #expect(verifier.type == 0x01)
        let note = try SignedNote.parse(example.note)
        #expect(note.text == "This is an example message.\n")
        #expect(note.signatures.count == 1)
        #expect(try note.verify(with: [verifier]) == note.signatures)
        #expect(note.serialized == example.note)
        #expect(try SignedNote.parse(bytes: Array(example.note.utf8)) == note)
    }

    @Test func peterNeumannKeysAndSignature() throws {
        let peter = try NoteVectors.load().go_sumdb_note_peter
        let signer = try NoteSigner(signerKey: peter.skey)
        #expect(signer.name == "PeterNeumann")
        #expect(signer.keyID == 0xc74f20a3)
        #expect(signer.key.rawRepresentation == (try bytes(peter.seed_hex)))
        #expect(signer.key.publicKey.rawRepresentation == (try bytes(peter.pub_hex)))
        #expect(signer.verifierKey == peter.vkey)
        #expect(signer.signerKey == peter.skey)

        // The same signer built from the seed derives the same keys.
        let fromSeed = try NoteSigner(name: "PeterNeumann",
                                      key: Ed25519PrivateKey(seed: bytes(peter.seed_hex)))
        #expect(fromSeed.signerKey == peter.skey)
        #expect(fromSeed.verifierKey == peter.vkey)

        let (text, _) = split(peter.note)
        let signed = try SignedNote.sign(text: text, with: [signer])
        #expect(signed.serialized == peter.note)
        let verifier = try NoteVerifier(verifierKey: peter.vkey)
        #expect(try SignedNote.parse(peter.note).verify(with: [verifier]).map(\.name)
            == ["PeterNeumann"])
    }

    @Test func peterPlusEnoch() throws {
        let vectors = try NoteVectors.load()
        let both = vectors.go_sumdb_note_peter_plus_enoch
        let enoch = try NoteSigner(name: "EnochRoot", key: Ed25519PrivateKey(seed: [UInt8](
            repeating: 0, count: 32)))
        #expect(enoch.signerKey == both.skey_enoch_derived)
        #expect(enoch.verifierKey == both.vkey_enoch)
        #expect(try NoteSigner(signerKey: both.skey_enoch_derived).verifierKey == both.vkey_enoch)
        let peter = try NoteSigner(signerKey: vectors.go_sumdb_note_peter.skey)

        let (text, _) = split(both.note)
        #expect(try SignedNote.sign(text: text, with: [peter, enoch]).serialized == both.note)
        // Adding Enoch's signature to Peter's note gives the same note.
        let peterOnly = try SignedNote.parse(vectors.go_sumdb_note_peter.note)
        let enochLine = try SignedNote.sign(text: text, with: [enoch]).signatures[0]
        #expect(try peterOnly.adding(enochLine).serialized == both.note)

        let note = try SignedNote.parse(both.note)
        let peterVerifier = try NoteVerifier(verifierKey: both.vkey_peter)
        let enochVerifier = try NoteVerifier(verifierKey: both.vkey_enoch)
        #expect(try note.verify(with: [peterVerifier]).map(\.name) == ["PeterNeumann"])
        #expect(try note.verify(with: [enochVerifier]).map(\.name) == ["EnochRoot"])
        #expect(try note.verify(with: [enochVerifier, peterVerifier]).map(\.name)
            == ["PeterNeumann", "EnochRoot"])
    }

    @Test func malformedNotes() throws {
        let peter = try NoteVectors.load().go_sumdb_note_peter
        let (text, lines) = split(peter.note)
        let signature = lines[0]
        let cases: [(String, String)] = [
            ("no signature lines", text + "\n"),
            ("no blank line", text + signature),
            ("missing final newline", text + "\n" + signature.dropLast()),
            ("control character 0x01", "\u{01}" + peter.note),
            ("carriage return", text.replacing("\n", with: "\r\n") + "\n" + signature),
            ("space in key name",
             text + "\n" + signature.replacing("PeterNeumann", with: "Bad Name")),
            ("plus in key name",
             text + "\n" + signature.replacing("PeterNeumann", with: "Peter+N")),
            ("unexpected line", peter.note + "Unexpected line.\n"),
            ("hyphen instead of em dash", text + "\n" + signature.replacing("\u{2014}", with: "-")),
            ("signature too short", text + "\n\u{2014} PeterNeumann AAAA\n"),
            ("bad base64", text + "\n\u{2014} PeterNeumann x08go/ZJ!uBS9\n"),
            ("empty signature", text + "\n\u{2014} PeterNeumann \n"),
            ("a lone newline, no blank line", "\n\u{2014} PeterNeumann x08go/ZJ\n"),
        ]
        for (label, note) in cases {
            #expect(throws: NoteError.self, "\(label)") { try SignedNote.parse(note) }
        }
        #expect(throws: NoteError.malformedNote("the note is not valid UTF-8")) {
            try SignedNote.parse(bytes: [0xff] + Array(peter.note.utf8))
        }
    }

    @Test func signatureLimit() throws {
        let (text, _) = split(try NoteVectors.load().go_sumdb_note_peter.note)
        let unknown = (0..<101).map { "\u{2014} unknown\($0) AAAAAAAAAAAAAAAAAAAAAAAAAAAA\n" }
        #expect(try SignedNote.parse(text + "\n" + unknown.prefix(100).joined()).signatures.count
            == 100)
        #expect(throws: NoteError.tooManySignatures(count: 101, limit: 100)) {
            try SignedNote.parse(text + "\n" + unknown.joined())
        }
    }

    @Test func verificationRules() throws {
        let vectors = try NoteVectors.load()
        let peterNote = vectors.go_sumdb_note_peter.note
        let peterVerifier = try NoteVerifier(verifierKey: vectors.go_sumdb_note_peter.vkey)
        let enochVerifier = try NoteVerifier(
            verifierKey: vectors.go_sumdb_note_peter_plus_enoch.vkey_enoch)
        let (text, lines) = split(peterNote)

        // "ABCD" inserted at offset 60 of the known key's line.
        let line = lines[0]
        let offset = line.index(line.startIndex, offsetBy: 60)
        let tampered = text + "\n" + line[..<offset] + "ABCD" + line[offset...]
        #expect(throws: NoteError.invalidSignature(name: "PeterNeumann", keyID: 0xc74f20a3)) {
            try SignedNote.parse(tampered).verify(with: [peterVerifier])
        }
        #expect(NoteError.invalidSignature(name: "PeterNeumann", keyID: 0xc74f20a3).description
            .contains("PeterNeumann+c74f20a3"))

        // The same key twice in the trusted list is ambiguous.
        let both = try SignedNote.parse(vectors.go_sumdb_note_peter_plus_enoch.note)
        #expect(throws: NoteError.ambiguousKey(name: "EnochRoot", keyID: 0xaf0cfe78)) {
            try both.verify(with: [peterVerifier, enochVerifier, enochVerifier])
        }

        // Only unknown keys: rejected. Same name, other key (so other key ID): ignored.
        #expect(throws: NoteError.noKnownSignature) {
            try SignedNote.parse(peterNote).verify(with: [enochVerifier])
        }
        let impostor = try NoteSigner(name: "PeterNeumann", key: Ed25519PrivateKey())
        let impostorVerifier = try NoteVerifier(verifierKey: impostor.verifierKey)
        #expect(impostorVerifier.keyID != 0xc74f20a3)
        #expect(throws: NoteError.noKnownSignature) {
            try SignedNote.parse(peterNote).verify(with: [impostorVerifier])
        }
        // Same key ID, other name: ignored too.
        let renamed = peterNote.replacing("\u{2014} PeterNeumann", with: "\u{2014} PeterNeumann2")
        #expect(throws: NoteError.noKnownSignature) {
            try SignedNote.parse(renamed).verify(with: [peterVerifier])
        }
        // A known key that signed twice.
        #expect(throws: NoteError.duplicateSignature(name: "PeterNeumann", keyID: 0xc74f20a3)) {
            try SignedNote.parse(peterNote + lines[0]).verify(with: [peterVerifier])
        }
        // A bad signature by a known key rejects the note even if another known key verifies.
        let forged = try SignedNote.sign(text: text, with: [impostor])
        let mixed = try SignedNote.parse(peterNote).adding(try NoteSignature(
            name: "PeterNeumann", keyID: 0xc74f20a3, signature: forged.signatures[0].signature))
        #expect(throws: NoteError.duplicateSignature(name: "PeterNeumann", keyID: 0xc74f20a3)) {
            try mixed.verify(with: [peterVerifier])
        }
        let enochBad = try SignedNote.parse(peterNote).adding(try NoteSignature(
            name: "EnochRoot", keyID: 0xaf0cfe78, signature: forged.signatures[0].signature))
        #expect(throws: NoteError.invalidSignature(name: "EnochRoot", keyID: 0xaf0cfe78)) {
            try enochBad.verify(with: [peterVerifier, enochVerifier])
        }
    }

    @Test func verifierAndSignerKeyErrors() throws {
        let vkey = try NoteVectors.load().go_sumdb_note_peter.vkey
        #expect(throws: NoteError.self) {
            try NoteVerifier(verifierKey: vkey.replacing("c74f20a3", with: "c74f20a4"))
        }
        #expect(throws: NoteError.self) { try NoteVerifier(verifierKey: "PeterNeumann+c74f20a3") }
        #expect(throws: NoteError.self) {
            try NoteVerifier(verifierKey: vkey.replacing("+ARpc", with: "+AXpc"))
        }
        #expect(throws: NoteError.unsupportedSignatureType(0x02)) {
            try NoteVerifier(verifierKey: vkey.replacing("+ARpc", with: "+AhpC"))
        }
        #expect(throws: NoteError.invalidKeyName("Peter Neumann")) {
            try NoteSigner(name: "Peter Neumann", key: Ed25519PrivateKey())
        }
        #expect(throws: NoteError.invalidKeyName("")) {
            try NoteSigner(name: "", key: Ed25519PrivateKey())
        }
        let skey = try NoteVectors.load().go_sumdb_note_peter.skey
        #expect(throws: NoteError.self) {
            try NoteSigner(signerKey: skey.replacing("c74f20a3", with: "c74f20a4"))
        }
        #expect(throws: NoteError.self) {
            try NoteSigner(signerKey: skey.replacing("PRIVATE+KEY", with: "PUBLIC+KEY"))
        }
    }

    @Test func signingRefusesBadText() throws {
        let signer = try NoteSigner(name: "example.com/log", key: Ed25519PrivateKey())
        #expect(throws: NoteError.self) { try SignedNote.sign(text: "no newline", with: [signer]) }
        #expect(throws: NoteError.self) { try SignedNote.sign(text: "tab\there\n", with: [signer]) }
        #expect(throws: NoteError.duplicateSignature(name: signer.name, keyID: signer.keyID)) {
            try SignedNote.sign(text: "twice\n", with: [signer, signer])
        }
        // Text with empty lines and a line that looks like a signature still round-trips.
        let text = "first\n\n\u{2014} fake AAAAAAAA\n\nlast\n"
        let note = try SignedNote.sign(text: text, with: [signer])
        let parsed = try SignedNote.parse(note.serialized)
        #expect(parsed.text == text)
        #expect(try parsed.verify(with: [NoteVerifier(verifierKey: signer.verifierKey)]).count == 1)
    }
}

@Suite("Checkpoints and cosignatures")
struct NoteCheckpointTests {
    @Test(arguments: [7, 8])
    func generatedCheckpoint(size: Int) throws {
        let generated = try NoteVectors.load().generated_checkpoints
        let fixture = size == 7 ? generated.checkpoint_size7 : generated.checkpoint_size8
        let note = try SignedNote.parse(fixture)
        let checkpoint = try Checkpoint(noteText: note.text)
        #expect(checkpoint.origin == "example.com/reference-log")
        #expect(checkpoint.size == UInt64(size))
        #expect(checkpoint.rootHash.hex == (try NoteVectors.referenceRoots()[size]))
        #expect(checkpoint.extensions.isEmpty)
        #expect(checkpoint.noteText == note.text)

        let logVerifier = try NoteVerifier(verifierKey: generated.log_vkey)
        let witnessVerifier = try NoteVerifier(verifierKey: generated.witness_vkey_type04)
        #expect(witnessVerifier.type == 0x04)
        #expect(try note.verify(with: [logVerifier]).map(\.name) == ["example.com/reference-log"])
        #expect(try note.verify(with: [witnessVerifier]).map(\.name)
            == ["witness.example.com/rfc8032-test2"])
        #expect(try note.verify(with: [logVerifier, witnessVerifier]).count == 2)
        let cosignature = Cosignature.verify(note.signatures[1], checkpointText: note.text,
                                             verifier: witnessVerifier)
        #expect(cosignature.ok)
        #expect(cosignature.timestamp == 1_679_315_147)
        #expect(!Cosignature.verify(note.signatures[0], checkpointText: note.text,
                                    verifier: witnessVerifier).ok)
    }

    /// Signing again with the fixture's seeds reproduces both lines byte for byte.
    @Test(arguments: [7, 8])
    func generatedCheckpointIsReproduced(size: Int) throws {
        let generated = try NoteVectors.load().generated_checkpoints
        let fixture = size == 7 ? generated.checkpoint_size7 : generated.checkpoint_size8
        let root = try #require(SHA256Digest(hex: NoteVectors.referenceRoots()[size]))
        let checkpoint = try Checkpoint(origin: "example.com/reference-log", size: UInt64(size),
                                        rootHash: root)
        let logKey = try Ed25519PrivateKey(seed: bytes(generated.log_seed_hex))
        let witnessKey = try Ed25519PrivateKey(seed: bytes(generated.witness_seed_hex))
        let logSigner = try NoteSigner(name: checkpoint.origin, key: logKey)
        #expect(logSigner.verifierKey == generated.log_vkey)
        let witnessName = "witness.example.com/rfc8032-test2"
        #expect(Cosignature.verifierKey(name: witnessName, publicKey: witnessKey.publicKey)
            == generated.witness_vkey_type04)

        let signed = try SignedNote.sign(text: checkpoint.noteText, with: [logSigner])
        let cosignature = try Cosignature.sign(checkpointText: checkpoint.noteText,
                                               name: witnessName, key: witnessKey,
                                               timestamp: 1_679_315_147)
        #expect(try signed.adding(cosignature).serialized == fixture)
    }

    @Test func tamperingIsRejected() throws {
        let generated = try NoteVectors.load().generated_checkpoints
        let verifiers = [try NoteVerifier(verifierKey: generated.log_vkey),
                         try NoteVerifier(verifierKey: generated.witness_vkey_type04)]
        let original = generated.checkpoint_size8
        let (text, lines) = split(original)
        let changes: [String] = [
            original.replacing("reference-log\n8\n", with: "reference-log\n7\n"),
            original.replacing("\n8\n", with: "\n9\n"),
            original.replacing("XcnaeacG", with: "XcnaeacH"),
            text.replacing("\n8\n", with: "\n8\nextension\n") + "\n" + lines.joined(),
            // The cosignature's timestamp (bytes 4..<12 of its base64) moved by one second.
            text + "\n" + lines[0] + lines[1].replacing("AAAAABkGFDL", with: "AAAAABkGFDM"),
            // One flipped character in the log signature.
            text + "\n" + lines[0].replacing("O1NO49cKVrY", with: "O1NO49cKVrZ") + lines[1],
        ]
        for tampered in changes {
            #expect(tampered != original)
            #expect(throws: NoteError.self) {
                try SignedNote.parse(tampered).verify(with: verifiers)
            }
        }
        // A log-only verifier rejects a tampered size as an invalid log signature.
        #expect(throws: NoteError.invalidSignature(name: "example.com/reference-log",
                                                   keyID: 0x3b534ee3)) {
            try SignedNote.parse(changes[1]).verify(with: [verifiers[0]])
        }
        // Truncated cosignature.
        let note = try SignedNote.parse(original)
        let truncated = try NoteSignature(name: note.signatures[1].name,
                                          keyID: note.signatures[1].keyID,
                                          signature: Array(note.signatures[1].signature.dropLast()))
        #expect(!Cosignature.verify(truncated, checkpointText: note.text,
                                    verifier: verifiers[1]).ok)
    }

    @Test func cosignatureRules() throws {
        let key = try Ed25519PrivateKey()
        let text = "example.com/log\n3\n" + Base64.encode([UInt8](repeating: 1, count: 32)) + "\n"
        #expect(throws: NoteError.invalidTimestamp(1 << 63)) {
            try Cosignature.sign(checkpointText: text, name: "w", key: key, timestamp: 1 << 63)
        }
        let cosignature = try Cosignature.sign(checkpointText: text, name: "w", key: key,
                                               timestamp: Cosignature.timestampMax)
        let verifier = try NoteVerifier(verifierKey: Cosignature.verifierKey(
            name: "w", publicKey: key.publicKey))
        let result = Cosignature.verify(cosignature, checkpointText: text, verifier: verifier)
        #expect(result.ok && result.timestamp == Cosignature.timestampMax)
        // A type 0x01 verifier for the same key has another key ID and cannot check it.
        let plain = try NoteVerifier(verifierKey: NoteSigner(name: "w", key: key).verifierKey)
        #expect(plain.keyID != verifier.keyID)
        #expect(!Cosignature.verify(cosignature, checkpointText: text, verifier: plain).ok)
    }

    @Test func behindTheSofaParses() throws {
        let sofa = try NoteVectors.load().c2sp_checkpoint_example_unverifiable
        let note = try SignedNote.parse(sofa.note)
        #expect(note.serialized == sofa.note)
        #expect(note.signatures.map(\.name)
            == ["example.com/behind-the-sofa", "witness.example.com/w1"])
        #expect(note.signatures.map(\.keyID) == [0x033de0ae, 0x8d66cf3f])
        #expect(note.signatures.map(\.signature.count) == [64, 72])
        let timestamp = note.signatures[1].signature.prefix(8)
            .reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(timestamp == 1_679_315_147)
        let checkpoint = try Checkpoint(noteText: note.text)
        #expect(checkpoint.origin == "example.com/behind-the-sofa")
        #expect(checkpoint.size == 20_852_163)
        #expect(Base64.encode(checkpoint.rootHash.bytes)
            == "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")

        // Our cosignature message is the one the spec prints: a cosignature we make over this
        // checkpoint verifies as a plain Ed25519 signature of the spec's message.
        let key = try Ed25519PrivateKey()
        let cosignature = try Cosignature.sign(
            checkpointText: note.text, name: "witness.example.com/w1", key: key,
            timestamp: 1_679_315_147)
        #expect(key.publicKey.isValidSignature(Array(cosignature.signature.dropFirst(8)),
                                               for: Array(sofa.cosigned_message_example.utf8)))
        #expect(throws: NoteError.noKnownSignature) {
            try note.verify(with: [NoteVerifier(verifierKey: Cosignature.verifierKey(
                name: "witness.example.com/w2", publicKey: key.publicKey))])
        }
    }

    @Test func goSumdbTreeBody() throws {
        let body = try NoteVectors.load().go_sumdb_tree_body.body
        let checkpoint = try Checkpoint(noteText: body)
        #expect(checkpoint.origin == "go.sum database tree")
        #expect(checkpoint.size == 123_456_789_012)
        #expect(checkpoint.rootHash == SHA256.hash(prefix: 0x00, Array("hello world".utf8)))
        #expect(checkpoint.noteText == body)
    }

    @Test func malformedCheckpoints() throws {
        let root = Base64.encode([UInt8](repeating: 7, count: 32))
        let valid = "example.com/log\n5\n\(root)\n"
        #expect(try Checkpoint(noteText: valid).size == 5)
        #expect(try Checkpoint(noteText: "example.com/log\n0\n\(root)\n").size == 0)
        #expect(try Checkpoint(noteText: valid + "ext one\next two\n").extensions
            == ["ext one", "ext two"])
        #expect(try Checkpoint(noteText: "o\n18446744073709551615\n\(root)\n").size == UInt64.max)
        let bad = [
            "example.com/log\n5\n\(root)",                       // no final newline
            "example.com/log\n5\n",                              // two lines
            "\n5\n\(root)\n",                                    // empty origin
            "example.com/log\n05\n\(root)\n",                    // leading zero
            "example.com/log\n+5\n\(root)\n",                    // sign
            "example.com/log\n-1\n\(root)\n",                    // negative
            "example.com/log\n\n\(root)\n",                      // empty size
            "example.com/log\n5 \n\(root)\n",                    // trailing space
            "example.com/log\n18446744073709551616\n\(root)\n",  // above UInt64.max
            "example.com/log\n5\n\(Base64.encode([1, 2, 3]))\n", // short root
            "example.com/log\n5\n\(root.dropLast())\n",          // bad base64
            valid + "\n",                                        // empty extension line
        ]
        for text in bad {
            #expect(throws: NoteError.self, "\(text.debugDescription)") {
                try Checkpoint(noteText: text)
            }
        }
    }
}
