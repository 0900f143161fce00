import Foundation
import LedgerCrypto
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    // FIPS 180-4 / NIST CSRC example values.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownAnswers(message: String, expectedHex: String) {
        let digest = SHA256.hash(Array(message.utf8))
        #expect(digest.hex == expectedHex)
        #expect(digest.description == expectedHex)
        let viaBuffer = Array(message.utf8).withUnsafeBytes { SHA256.hash($0) }
        #expect(viaBuffer == digest)
    }

    @Test func millionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hash(message).hex
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func prefixedHashEqualsHashOfConcatenation() {
        for length in [0, 1, 31, 55, 56, 63, 64, 65, 200] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            #expect(SHA256.hash(prefix: 0x00, bytes) == SHA256.hash([0x00] + bytes))
            #expect(SHA256.hash(prefix: 0x5a, bytes) == SHA256.hash([0x5a] + bytes))
        }
        let left = SHA256.hash(Array("left".utf8))
        let right = SHA256.hash(Array("right".utf8))
        #expect(SHA256.hash(prefix: 0x01, left, right)
            == SHA256.hash([0x01] + left.bytes + right.bytes))
        #expect(SHA256.hash(prefix: 0x01, left, right) != SHA256.hash(prefix: 0x01, right, left))
    }

    /// golang.org/x/mod sumdb/tlog: RecordHash("hello world"), printed there in base64.
    @Test func goSumdbRecordHash() {
        let digest = SHA256.hash(prefix: 0x00, Array("hello world".utf8))
        #expect(Base64.encode(digest.bytes) == "TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=")
    }

    struct ReferenceTree: Decodable {
        let leafInputsHex: [String]
        let nodeHashesHex: [[String]]
    }

    /// RFC 6962 reference tree: leaf hashes SHA-256(0x00||input) and level-1 nodes
    /// SHA-256(0x01||left||right) from transparency-dev/merkle.
    @Test func rfc6962ReferenceTree() throws {
        let tree = try Fixtures.load(ReferenceTree.self, "merkle/reference_tree_transcribed.json")
        let leaves = tree.leafInputsHex.map { SHA256.hash(prefix: 0x00, Fixtures.bytes($0)) }
        #expect(leaves.map(\.hex) == tree.nodeHashesHex[0])
        for (index, expected) in tree.nodeHashesHex[1].enumerated() {
            let node = SHA256.hash(prefix: 0x01, leaves[2 * index], leaves[2 * index + 1])
            #expect(node.hex == expected)
        }
    }

    @Test func digestInitialisers() throws {
        let digest = SHA256.hash(Array("abc".utf8))
        #expect(SHA256Digest(hex: digest.hex) == digest)
        #expect(SHA256Digest(hex: digest.hex.uppercased()) == digest)
        #expect(SHA256Digest(hex: String(digest.hex.dropLast())) == nil)
        #expect(SHA256Digest(hex: String(digest.hex.dropLast()) + "g") == nil)
        #expect(SHA256Digest(hex: digest.hex + "00") == nil)
        #expect(SHA256Digest(bytes: digest.bytes) == digest)
        #expect(SHA256Digest(bytes: Array(digest.bytes.dropLast())) == nil)
        #expect(SHA256Digest(bytes: digest.bytes + [0]) == nil)
        #expect(digest.bytes.count == 32)
    }
}
