public import TransparencyLog
public import LedgerCrypto

/// One stored checkpoint note, with the size it is filed under (a table column, a file name).
public struct StoredCheckpoint: Sendable {
    /// The size the note is filed under, which must be the size the note states.
    public let filedSize: UInt64
    /// The signed checkpoint note, as stored.
    public let note: String
    /// The root stored beside the note (a table column), which must be the note's own; nil when
    /// only the note is stored.
    public let filedRoot: [UInt8]?

    /// A note filed under `filedSize`, with the root stored beside it if there is one.
    public init(filedSize: UInt64, note: String, filedRoot: [UInt8]? = nil) {
        self.filedSize = filedSize
        self.note = note
        self.filedRoot = filedRoot
    }
}

/// Checks signed checkpoint notes while the verifier streams the journal: each note must be
/// signed by the log key, filed under its own size, and sign the root the journal has at that
/// size. Notes are read a page at a time and their signatures checked on every core.
public final class SignedCheckpoints: CheckpointChecker {
    /// Returns up to a page of checkpoints filed after `size` (nil: from the start), in size order.
    public typealias PageLoader = (_ after: UInt64?) throws -> [StoredCheckpoint]

    private let logVerifier: NoteVerifier
    private let loadPage: PageLoader
    private var page: [Result<Checkpoint, RuleViolation>] = []
    private var sizes: [UInt64] = []
    private var index = 0
    /// How many checkpoints were checked.
    public private(set) var checkedCount = 0
    /// The last checkpoint checked, if any.
    public private(set) var lastChecked: Checkpoint?

    /// Checks notes against `logVerifier`, reading them a page at a time with `loadPage`; reads and
    /// checks the first page at once, and throws what `loadPage` throws.
    public init(logVerifier: NoteVerifier, loadPage: @escaping PageLoader) throws {
        self.logVerifier = logVerifier
        self.loadPage = loadPage
        try load(after: nil)
    }

    /// The size of the next checkpoint to check, or nil when none is left.
    public var nextSize: UInt64? { index < sizes.count ? sizes[index] : nil }

    /// Compares the journal's root at ``nextSize`` with the checkpoint filed there, then moves on.
    /// Throws a `.checkpoint` violation when the note is not valid or signs another root.
    public func check(root: SHA256Digest) throws(RuleViolation) {
        let size = sizes[index]
        let checkpoint = try page[index].get()
        guard checkpoint.rootHash == root else {
            throw RuleViolation(.checkpoint, "the checkpoint of size \(size) signs a different root than the journal's (history was rewritten)")
        }
        lastChecked = checkpoint
        checkedCount += 1
        index += 1
        if index == sizes.count {
            do { try load(after: size) } catch let violation as RuleViolation {
                throw violation
            } catch {
                throw RuleViolation(.checkpoint, "cannot read checkpoints: \(error)")
            }
        }
    }

    private func load(after size: UInt64?) throws {
        let stored = try loadPage(size)
        let verdicts = ParallelSlots<Result<Checkpoint, RuleViolation>>(count: stored.count)
        let verifier = logVerifier
        Parallel.forEachChunk(count: stored.count, chunks: stored.count >= 16 ? Parallel.coreCount : 1) { _, range in
            for position in range { verdicts[position] = Self.check(stored[position], with: verifier) }
        }
        page = (0..<stored.count).map { verdicts[$0] ?? .failure(RuleViolation(.checkpoint, "checkpoint not checked")) }
        sizes = stored.map(\.filedSize)
        index = 0
    }

    /// Parses and checks one note: log signature, origin, filed size.
    public static func check(_ stored: StoredCheckpoint, with verifier: NoteVerifier) -> Result<Checkpoint, RuleViolation> {
        let at = "the checkpoint of size \(stored.filedSize)"
        do throws(LogCheckpoint.Problem) {
            let checkpoint = try LogCheckpoint(note: stored.note, verifier: verifier).checkpoint
            guard checkpoint.size == stored.filedSize else {
                return .failure(RuleViolation(.checkpoint, "\(at) is filed under the wrong size (its note says \(checkpoint.size))"))
            }
            if let root = stored.filedRoot, root != checkpoint.rootHash.bytes {
                return .failure(RuleViolation(.checkpoint, "\(at): the root stored beside it differs from its note"))
            }
            return .success(checkpoint)
        } catch {
            switch error {
            case .otherOrigin(let found, let expected):
                return .failure(RuleViolation(.checkpoint, "\(at) is for origin \(found), not \(expected)"))
            case .notSigned(let reason):
                return .failure(RuleViolation(.checkpoint, "\(at) is not validly signed by the log key \(verifier.name): \(reason)"))
            }
        }
    }
}
