/// What an outside file is for, and so how many bytes vtf reads from it at most.
///
/// Files read whole have a byte cap; streamed files (JSON Lines, a bundle's journal) have no cap
/// on their length but a cap on each line (``LineCap``), so memory stays bounded either way.
public enum InputKind: Sendable, Equatable {
    /// A private or public key file (PEM); an Ed25519 key file is well under 1 KiB.
    case keyFile
    /// One JSON document: a `post --file` draft, a signed statement, a proof, a witness state.
    case jsonDocument
    /// A JSON Lines file for `vtf import`, streamed line by line.
    case jsonLines
    /// A small text file from outside, such as a rates CSV.
    case textTable
    /// An audit bundle's MANIFEST (one line per file of the bundle).
    case bundleManifest
    /// An audit bundle's `keys/log.vkey` (one verifier key line).
    case bundleVerifierKey
    /// An audit bundle's checkpoint note.
    case bundleCheckpoint
    /// An audit bundle's `journal.jsonl`, streamed line by line.
    case bundleJournal
    /// A bank statement (camt.053, MT940, CSV).
    case bankStatement

    /// The most bytes read from a file of this kind, or nil when it is streamed (lines capped).
    public var byteCountMax: Int? {
        switch self {
        case .keyFile: 64 << 10
        case .jsonDocument: 16 << 20
        case .jsonLines, .bundleJournal: nil
        case .textTable: 64 << 20
        case .bundleManifest: 512 << 20
        case .bundleVerifierKey: 4 << 10
        case .bundleCheckpoint: 64 << 10
        case .bankStatement: 4 << 30
        }
    }

    /// What the file is, for messages ("key file", "JSON Lines file").
    public var noun: String {
        switch self {
        case .keyFile: "key file"
        case .jsonDocument: "JSON file"
        case .jsonLines: "JSON Lines file"
        case .textTable: "text file"
        case .bundleManifest: "bundle MANIFEST"
        case .bundleVerifierKey: "bundle verifier key"
        case .bundleCheckpoint: "bundle checkpoint"
        case .bundleJournal: "bundle journal"
        case .bankStatement: "bank statement"
        }
    }
}

/// The longest line a streamed reader accepts, in bytes (newline not counted).
public enum LineCap {
    /// A voucher line of `vtf import`: far above any entry vtf accepts (1,000 postings).
    public static let jsonLines = 1 << 20
    /// A signed entry line of an audit bundle's journal (entry, signatures, hashes).
    public static let bundleJournal = 4 << 20
    /// A line of a MANIFEST: a SHA-256 and a path.
    public static let manifest = 8 << 10

    /// The cap for a streamed kind; small text kinds get the manifest cap.
    public static func of(_ kind: InputKind) -> Int {
        switch kind {
        case .jsonLines: jsonLines
        case .bundleJournal: bundleJournal
        case .bundleManifest: manifest
        default: kind.byteCountMax ?? jsonLines
        }
    }
}
