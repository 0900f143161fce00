public import LedgerCrypto

/// The body of a C2SP tlog-witness `add-checkpoint` request: the size of the checkpoint the
/// witness last cosigned (as the log believes), the consistency proof from that size to the new
/// one, and the new checkpoint note with the log's signature.
///
///     old 20
///     PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
///     …
///
///     example.org/unvtf
///     27
///     CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
///
///     — example.org/unvtf Az3grl…
public struct AddCheckpoint: Sendable, Equatable {
    /// The most bytes a request body may hold: a checkpoint with a few extension lines and many
    /// cosignatures, and at most ``maxProofLines`` proof lines.
    public static let maxBytes = 64 << 10
    /// The most consistency proof lines the protocol allows.
    public static let maxProofLines = 63

    /// The size of the checkpoint the witness last cosigned, as the client believes (0: none).
    public let oldSize: UInt64
    /// The consistency proof from ``oldSize`` to the new checkpoint's size (empty from 0).
    public let proof: [SHA256Digest]
    /// The new checkpoint's signed note.
    public let note: String

    /// A request for the witness to cosign `note`, extending the checkpoint of `oldSize` by `proof`.
    public init(oldSize: UInt64, proof: [SHA256Digest], note: String) {
        self.oldSize = oldSize
        self.proof = proof
        self.note = note
    }

    /// Why a request body is not an `add-checkpoint` request.
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        /// What is wrong, for a person.
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Reads a request body. Refuses (``Malformed``) a body over
    /// ``maxBytes``, one that is not UTF-8, an old size line that is not `old N` (decimal, no
    /// leading zeros), a proof line that is not one base64 SHA-256 hash, more than
    /// ``maxProofLines`` of them, and a body without the empty line before the note.
    public init(body: [UInt8]) throws(AddCheckpoint.Malformed) {
        guard body.count <= Self.maxBytes else {
            throw Malformed("an add-checkpoint request holds at most \(Self.maxBytes >> 10) KiB")
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw Malformed("an add-checkpoint request is UTF-8 text")
        }
        var rest = Substring(text)
        func nextLine() -> Substring? {
            guard let end = rest.firstIndex(of: "\n") else { return nil }
            defer { rest = rest[rest.index(after: end)...] }
            return rest[..<end]
        }
        guard let first = nextLine(), first.hasPrefix("old "), let size = UInt64(first.dropFirst(4)), String(size) == first.dropFirst(4) else {
            throw Malformed("the first line is \"old N\", the size the witness last cosigned (0 for none)")
        }
        var proof: [SHA256Digest] = []
        while true {
            guard let line = nextLine() else {
                throw Malformed("after the old size and the proof lines comes an empty line, then the checkpoint")
            }
            if line.isEmpty { break }
            guard proof.count < Self.maxProofLines else {
                throw Malformed("a consistency proof has at most \(Self.maxProofLines) lines")
            }
            guard let bytes = Base64.decode(String(line)), let hash = SHA256Digest(bytes: bytes) else {
                throw Malformed("proof line \(proof.count + 1) is not a base64 SHA-256 hash")
            }
            proof.append(hash)
        }
        let note = String(rest)
        self.init(oldSize: size, proof: proof, note: note)
    }

    /// The request body, as the protocol writes it.
    public var body: [UInt8] {
        var text = "old \(oldSize)\n"
        for hash in proof { text += Base64.encode(hash.bytes) + "\n" }
        return Array((text + "\n" + note).utf8)
    }
}
