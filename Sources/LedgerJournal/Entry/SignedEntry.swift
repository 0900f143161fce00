import TransparencyLog
import CanonicalJSON
import LedgerCore
public import LedgerCrypto

/// An entry with its signature: what the journal stores and exports.
public struct SignedEntry: Sendable, Equatable {
    /// The parsed body.
    public let body: EntryBody
    /// RFC 8785 bytes of the body: what is signed and hashed.
    public let bodyBytes: [UInt8]
    /// 64-byte Ed25519 signature over ``bodyBytes`` by `body.signer`.
    public let signature: [UInt8]
    /// SHA-256(0x00 ‖ bodyBytes): the Merkle leaf and the next entry's `prev`.
    public let leafHash: SHA256Digest

    /// Pairs a body with its already computed bytes and signature.
    public init(body: EntryBody, bodyBytes: [UInt8], signature: [UInt8]) {
        precondition(signature.count == 64, "Ed25519 signatures are 64 bytes")
        self.body = body
        self.bodyBytes = bodyBytes
        self.signature = signature
        self.leafHash = MerkleHash.leaf(bodyBytes)
    }

    /// Pairs a body with its bytes, signature and leaf hash, all already computed: the writer
    /// hashes each entry's bytes once, to chain the next entry, and keeps that hash.
    package init(body: EntryBody, bodyBytes: [UInt8], signature: [UInt8], leafHash: SHA256Digest) {
        precondition(signature.count == 64, "Ed25519 signatures are 64 bytes")
        assert(leafHash == MerkleHash.leaf(bodyBytes), "the leaf hash is the hash of the bytes")
        self.body = body
        self.bodyBytes = bodyBytes
        self.signature = signature
        self.leafHash = leafHash
    }

    /// The export line (DESIGN §3): canonical bytes of the body plus `sig`, without a newline.
    public func exportLine() -> [UInt8] {
        guard case .object(var object) = body.jsonValue else { preconditionFailure("a body is an object") }
        object["sig"] = .string(Base64.encode(signature))
        do { return try JSONCanonicalizer.canonicalBytes(.object(object)) } catch {
            preconditionFailure("an entry holds no non-finite number: \(error)")
        }
    }
}

/// The raw parts of an entry as read from storage or from an export line, before any check.
public struct RawEntry: Sendable {
    /// The entry bytes as stored: the body's RFC 8785 bytes (unchecked).
    public let bodyBytes: [UInt8]
    /// The signature as stored (unchecked; an Ed25519 signature is 64 bytes).
    public let signature: [UInt8]
    /// Where it came from, for messages: "entry 12", "line 13".
    public let position: UInt64
    /// Why the raw entry could not even be split into bytes and signature (the verifier reports
    /// it at this entry's place in the journal).
    public let problem: String?

    /// Raw parts that split cleanly (no ``problem``).
    public init(bodyBytes: [UInt8], signature: [UInt8], position: UInt64) {
        self.bodyBytes = bodyBytes
        self.signature = signature
        self.position = position
        self.problem = nil
    }

    /// A raw entry that could not be read, kept so the verifier reports it in journal order.
    public init(unreadable position: UInt64, problem: String) {
        self.bodyBytes = []
        self.signature = []
        self.position = position
        self.problem = problem
    }

    /// Splits one export line into the body bytes and the signature. In canonical member order
    /// `sig` always sits between `seq` and `signer`, so the signed bytes are the line without its
    /// `,"sig":"…"` member. The line is canonical exactly when those bytes are (which the verifier
    /// checks) and the signature is canonical base64 in that place (checked here).
    public init(exportLine line: [UInt8], lineNumber: UInt64) throws(RuleViolation) {
        let context = "line \(lineNumber)"
        guard String(validating: line, as: UTF8.self) != nil else {
            throw RuleViolation(.malformedEntry, "\(context): not UTF-8 text (an export line is canonical JSON in UTF-8)")
        }
        let marker = Array(#","sig":""#.utf8)
        let follower = Array(#","signer":"#.utf8)
        guard let start = Self.lastIndex(of: marker, in: line),
            let end = line[(start + marker.count)...].firstIndex(of: UInt8(ascii: "\""))
        else {
            throw RuleViolation(.malformedEntry, "\(context): sig is missing")
        }
        let sigText = String(decoding: line[(start + marker.count)..<end], as: UTF8.self)
        guard let signature = Base64.decode(sigText), signature.count == 64, Base64.encode(signature) == sigText else {
            throw RuleViolation(.malformedEntry, "\(context): sig is not base64 of a 64-byte Ed25519 signature")
        }
        guard line[(end + 1)...].starts(with: follower) else {
            throw RuleViolation(.malformedEntry, "\(context): not in RFC 8785 canonical form (sig is not followed by signer)")
        }
        self.init(bodyBytes: Array(line[..<start]) + line[(end + 1)...], signature: signature, position: lineNumber)
    }

    static func lastIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        var index = bytes.count - pattern.count
        while index >= 0 {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index -= 1
        }
        return nil
    }
}
