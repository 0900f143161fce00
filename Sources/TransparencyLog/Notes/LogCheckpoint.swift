/// A checkpoint note checked against the log's key: it parses, carries a valid signature by
/// that key, and names that key's origin. The one place the store's verifier, the witness, the
/// proof checker and the donor-statement verifier read a log-signed checkpoint.
public struct LogCheckpoint: Sendable {
    /// The checkpoint the note carries: origin, size and root.
    public let checkpoint: Checkpoint
    /// The whole note, with every signature line (the log's and any cosignatures).
    public let note: SignedNote

    /// Why a note is not a checkpoint of the log.
    public enum Problem: Error, Sendable {
        /// The note does not parse, or has no valid signature by the log key.
        case notSigned(NoteError)
        /// It is validly signed but names another origin.
        case otherOrigin(found: String, expected: String)
    }

    /// Checks `note` against the log verifier `verifier`.
    public init(note text: String, verifier: NoteVerifier) throws(Problem) {
        do {
            let signed = try SignedNote.parse(text)
            _ = try signed.verify(with: [verifier])
            note = signed
            checkpoint = try Checkpoint(noteText: signed.text)
        } catch {
            throw .notSigned(error)
        }
        guard checkpoint.origin == verifier.name else {
            throw .otherOrigin(found: checkpoint.origin, expected: verifier.name)
        }
    }
}
