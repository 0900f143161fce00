public import LedgerCrypto

/// A C2SP tlog-proof (c2sp.org/tlog-proof@v1): an entry's index, its inclusion proof and the
/// checkpoint (with any cosignatures) it leads to, in one text file, plus optional opaque extra
/// data (vtf puts the entry's journal line there, so the file proves a whole entry).
public struct TLogProof: Sendable, Equatable {
    /// The first line of every proof.
    public static let header = "c2sp.org/tlog-proof@v1"
    /// The most bytes a proof file may hold (a checkpoint, 63 hashes and a journal line fit).
    public static let maxBytes = 1 << 20

    /// The extra data, unauthenticated: trust it only once checked (vtf: the journal line).
    public let extra: [UInt8]?
    /// The entry's zero-based index in the log.
    public let index: UInt64
    /// The inclusion proof, from the leaf's sibling up to the root's child.
    public let path: [SHA256Digest]
    /// The signed checkpoint, verbatim (c2sp.org/tlog-checkpoint with its signature lines).
    public let checkpoint: String

    /// A proof from its parts.
    public init(extra: [UInt8]?, index: UInt64, path: [SHA256Digest], checkpoint: String) {
        self.extra = extra
        self.index = index
        self.path = path
        self.checkpoint = checkpoint
    }

    /// The proof as its text.
    public var text: String {
        var lines = [Self.header]
        if let extra { lines.append("extra " + Base64.encode(extra)) }
        lines.append("index \(index)")
        lines += path.map { Base64.encode($0.bytes) }
        return lines.joined(separator: "\n") + "\n\n" + checkpoint
    }

    /// Parses a proof's text; throws a ``TLogProofError`` naming the line that is wrong.
    public init(text: String) throws(TLogProofError) {
        guard text.utf8.count <= Self.maxBytes else { throw TLogProofError("the proof is larger than \(Self.maxBytes) bytes") }
        guard let split = text.firstRange(of: "\n\n") else { throw TLogProofError("no empty line before the checkpoint") }
        let head = text[..<split.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard head.first == Self.header else { throw TLogProofError("line 1 is not \(Self.header)") }
        var rest = head.dropFirst()
        if let line = rest.first, line.hasPrefix("extra ") {
            guard let bytes = Base64.decode(String(line.dropFirst(6))) else { throw TLogProofError("line 2: extra is not base64") }
            extra = bytes
            rest = rest.dropFirst()
        } else {
            extra = nil
        }
        guard let line = rest.first, line.hasPrefix("index "), let index = UInt64(line.dropFirst(6)),
              String(index) == String(line.dropFirst(6))
        else { throw TLogProofError("no index line (index N, in decimal without leading zeros)") }
        self.index = index
        var path: [SHA256Digest] = []
        for (offset, line) in rest.dropFirst().enumerated() {
            guard let bytes = Base64.decode(line), bytes.count == SHA256Digest.byteCount, Base64.encode(bytes) == line,
                  let digest = SHA256Digest(bytes: bytes)
            else { throw TLogProofError("proof line \(offset + 1) is not a base64 SHA-256 hash") }
            path.append(digest)
        }
        guard path.count <= 63 else { throw TLogProofError("an inclusion proof has at most 63 hashes, this one \(path.count)") }
        self.path = path
        checkpoint = String(text[split.upperBound...])
    }
}

/// A tlog-proof that does not parse, and where.
public struct TLogProofError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let description: String

    init(_ description: String) {
        self.description = "tlog-proof: " + description
    }
}
