public import LedgerCrypto

/// A transparency log checkpoint (c2sp.org/tlog-checkpoint): the note text naming a log's origin,
/// tree size and RFC 6962 root hash, plus optional extension lines.
public struct Checkpoint: Sendable, Equatable {
    /// The log's identity, e.g. "example.com/log42".
    public let origin: String
    /// The number of leaves in the tree.
    public let size: UInt64
    /// The RFC 6962 Merkle tree root at `size`.
    public let rootHash: SHA256Digest
    /// Extension lines (non-empty, NOT RECOMMENDED by the spec), without their newlines.
    public let extensions: [String]

    /// A checkpoint from its parts. The origin and extension lines must be non-empty single lines
    /// without control characters.
    public init(origin: String, size: UInt64, rootHash: SHA256Digest, extensions: [String] = [])
        throws(NoteError)
    {
        try Self.checkLine(origin, what: "the origin")
        for line in extensions { try Self.checkLine(line, what: "an extension line") }
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensions = extensions
    }

    /// Parses a checkpoint note text (the text of a signed note, ending in "\n").
    public init(noteText: String) throws(NoteError) {
        guard noteText.hasSuffix("\n") else {
            throw .malformedCheckpoint("the text does not end with a newline")
        }
        let lines = noteText.utf8.dropLast()
            .split(separator: 0x0a, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard lines.count >= 3 else {
            throw .malformedCheckpoint(
                "it has \(lines.count) lines; origin, size and root hash are needed")
        }
        try self.init(origin: lines[0], size: Self.parseSize(lines[1]),
                      rootHash: Self.parseRootHash(lines[2]), extensions: Array(lines[3...]))
    }

    /// The note text: origin, size, base64 root hash and extension lines, each ending in "\n".
    public var noteText: String {
        ([origin, String(size), Base64.encode(rootHash.bytes)] + extensions)
            .map { $0 + "\n" }.joined()
    }

    /// ASCII decimal without leading zeros ("0" for an empty tree), at most UInt64.max.
    static func parseSize(_ line: String) throws(NoteError) -> UInt64 {
        let digits = Array(line.utf8)
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .malformedCheckpoint(
                "the tree size \"\(line.prefix(30))\" is not a decimal number")
        }
        guard digits.count == 1 || digits[0] != 0x30 else {
            throw .malformedCheckpoint("the tree size \"\(line.prefix(30))\" has a leading zero")
        }
        guard let size = UInt64(line) else {
            throw .malformedCheckpoint("the tree size \"\(line.prefix(30))\" is too large")
        }
        return size
    }

    static func parseRootHash(_ line: String) throws(NoteError) -> SHA256Digest {
        guard let bytes = Base64.decode(line), let digest = SHA256Digest(bytes: bytes) else {
            throw .malformedCheckpoint("the root hash is not base64 of 32 bytes")
        }
        return digest
    }

    private static func checkLine(_ line: String, what: String) throws(NoteError) {
        guard !line.isEmpty else { throw .malformedCheckpoint("\(what) is empty") }
        guard !line.utf8.contains(where: { $0 < 0x20 }) else {
            throw .malformedCheckpoint("\(what) contains a line break or control character")
        }
    }
}
