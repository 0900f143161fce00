import LedgerCrypto
import Testing

@Suite("Signer and verifier reuse")
struct ReuseTests {
    /// 1,000 distinct messages of varied lengths (the first one empty), deterministic.
    static let messages: [[UInt8]] = (0..<1000).map { index in
        guard index > 0 else { return [] }
        let tag = [UInt8(truncatingIfNeeded: index >> 8), UInt8(truncatingIfNeeded: index)]
        return tag + (0..<(index % 300)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
    }

    @Test func signerMatchesOneShotOver1000Messages() throws {
        let key = try Ed25519PrivateKey()
        let signer = try key.makeSigner()
        let verifier = try Ed25519Verifier(publicKey: key.publicKey)
        var signatures: Set<[UInt8]> = []
        for message in Self.messages {
            let reused = try signer.sign(message)
            #expect(reused == (try key.signature(for: message)))
            #expect(message.withUnsafeBytes { try? signer.sign($0) } == reused)
            #expect(verifier.isValidSignature(reused, for: message))
            #expect(key.publicKey.isValidSignature(reused, for: message))
            signatures.insert(reused)
        }
        #expect(signatures.count == Self.messages.count)
    }

    @Test func verifierRejectsAndThenAcceptsAgain() throws {
        let key = try Ed25519PrivateKey()
        let other = try Ed25519PrivateKey()
        let signer = try key.makeSigner()
        let verifier = try Ed25519Verifier(publicKey: key.publicKey)
        for (index, message) in Self.messages.enumerated() {
            let signature = try signer.sign(message)
            switch index % 4 {
            case 0:
                var flipped = signature
                flipped[index % 64] ^= 0x80
                #expect(!verifier.isValidSignature(flipped, for: message))
            case 1:
                #expect(!verifier.isValidSignature(try other.signature(for: message), for: message))
            case 2:
                #expect(!verifier.isValidSignature(Array(signature.dropLast()), for: message))
            default:
                #expect(!verifier.isValidSignature(signature, for: message + [0]))
            }
            // A rejection must not disturb the reused context.
            #expect(verifier.isValidSignature(signature, for: message))
        }
    }

    @Test func signersAndVerifiersOnSeveralTasks() async throws {
        let key = try Ed25519PrivateKey()
        let expected = try Self.messages.prefix(100).map { try key.signature(for: $0) }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let signer = try key.makeSigner()
                    let verifier = try Ed25519Verifier(publicKey: key.publicKey)
                    let pairs = zip(Self.messages.prefix(100), expected)
                    return try pairs.allSatisfy { message, signature in
                        try signer.sign(message) == signature
                            && verifier.isValidSignature(signature, for: message)
                    }
                }
            }
            for try await result in group { #expect(result) }
        }
    }
}
