import CanonicalJSON
import Foundation
import Dispatch
import LedgerCore
public import LedgerCrypto

/// Where the verifier reads entries from: the store's journal table, or an export file.
public protocol JournalReader {
    /// Up to `limit` entries starting at position `start` (0-based), in order; fewer at the end.
    func readEntries(from start: UInt64, limit: Int) throws -> [RawEntry]
    /// The entry at `seq`, for rules that look back (reversals).
    func readEntry(at seq: UInt64) throws -> RawEntry?
}

/// Checks signed roots at the sizes where checkpoints were stored, while the verifier streams.
public protocol CheckpointChecker: AnyObject {
    /// The next tree size (ascending) whose root must be checked, or nil when none is left.
    var nextSize: UInt64? { get }
    /// Compares the journal's root at ``nextSize`` with the checkpoint, then moves on.
    func check(root: SHA256Digest) throws(RuleViolation)
}

/// Sees every accepted entry, in order; the store uses it to compare its derived tables.
public protocol VerificationObserver: AnyObject {
    /// Called for each entry that passed the chain and the rules. Throw a ``RuleViolation`` to
    /// report a difference at this entry.
    func accepted(_ entry: EntryBody, raw: RawEntry, leafHash: SHA256Digest) throws
    /// Called when every entry below `size` is fully verified, signatures included.
    func batchEnded(size: UInt64) throws
}

/// The first entry that fails verification, and why.
public struct VerificationFailure: Error, Equatable, CustomStringConvertible {
    public let seq: UInt64
    public let reason: String

    public init(seq: UInt64, reason: String) {
        self.seq = seq
        self.reason = reason
    }

    public var description: String { "entry \(seq): \(reason)" }
}

/// The outcome of a clean verification.
public struct VerificationReport {
    public let entryCount: UInt64
    /// RFC 9162 Merkle root over every entry's leaf hash.
    public let root: SHA256Digest
    public let tipHash: SHA256Digest
    /// Everything the journal implies: keys, accounts, balances, reversals.
    public let snapshot: LedgerSnapshot
}

/// Streams a journal and checks each entry: its canonical form, the hash chain, the rules of
/// ``LedgerRules`` against the state before it, and its signature by a key that held the needed
/// role at that point. Signature checks (and parsing) run on every core; memory holds one batch.
public final class JournalVerifier {
    let threads: Int
    let batchSize: Int
    let workers: [SignatureWorker]

    /// - Parameters:
    ///   - threads: cores to use (defaults to all).
    ///   - batchSize: entries held in memory at once.
    public init(threads: Int = Parallel.coreCount, batchSize: Int = 4096) {
        precondition(threads >= 1 && batchSize >= 1)
        self.threads = threads
        self.batchSize = batchSize
        self.workers = (0..<threads).map { _ in SignatureWorker() }
    }

    /// Verifies the whole journal. Throws ``VerificationFailure`` for the first bad entry; other
    /// errors come from the reader or the observer's storage.
    public func verify(
        _ reader: some JournalReader, checkpoints: (any CheckpointChecker)? = nil,
        observer: (any VerificationObserver)? = nil, progress: ((UInt64) -> Void)? = nil
    ) throws -> VerificationReport {
        var snapshot = LedgerSnapshot(lookup: { seq in try Self.lookup(seq, reader: reader) })
        var frontier = MerkleFrontier()
        var tip = EntryBody.zeroHash
        var position: UInt64 = 0
        while true {
            let batch = try reader.readEntries(from: position, limit: batchSize)
            if batch.isEmpty { break }
            let parsed = parse(batch, start: position, fundCurrency: snapshot.settings?.currency)
            var stage = BatchState(count: batch.count)
            for index in 0..<batch.count {
                let seq = position + UInt64(index)
                let entry: ParsedEntry
                switch parsed[index] {
                case .failure(let failure):
                    stage.fail(at: index, .format, failure.reason)
                case .success(let value):
                    entry = value
                    if entry.body.seq != seq {
                        stage.fail(at: index, .chain, "seq is \(entry.body.seq), expected \(seq) (entries missing or out of order)")
                    } else if entry.body.prev != tip {
                        stage.fail(at: index, .chain, "prev does not match the leaf hash of entry \(seq == 0 ? "-" : String(seq - 1)) (the chain is broken)")
                    } else {
                        do {
                            let accepted = try LedgerRules.check(entry.body, against: snapshot)
                            stage.signerKeys[index] = accepted.signerKey
                            try snapshot.apply(entry.body, effects: accepted.effects)
                            try observer?.accepted(entry.body, raw: batch[index], leafHash: entry.leafHash)
                        } catch let violation as RuleViolation {
                            stage.signerKeys[index] = stage.signerKeys[index] ?? snapshot.key(id: entry.body.signer)?.record.publicKey
                            stage.fail(at: index, .rule, Self.strip(violation.message, seq: seq))
                        }
                    }
                    if stage.failure == nil {
                        tip = entry.leafHash
                        frontier.append(leafHash: entry.leafHash)
                        while let size = checkpoints?.nextSize, size <= frontier.size {
                            do {
                                guard size == frontier.size else { throw RuleViolation("a checkpoint of size \(size) does not fall on an entry") }
                                try checkpoints?.check(root: frontier.root)
                            } catch {
                                stage.fail(at: index, .rule, "\(error)")
                            }
                            if stage.failure != nil { break }
                        }
                    }
                }
                if stage.failure != nil { break }
            }
            let checked = stage.failure.map { $0.index + 1 } ?? batch.count
            if let badSignature = verifySignatures(batch, keys: stage.signerKeys, count: checked),
                stage.failure.map({ badSignature < $0.index || (badSignature == $0.index && $0.stage == .rule) }) ?? true
            {
                throw VerificationFailure(seq: position + UInt64(badSignature), reason: "signature does not verify (the entry was changed, or not signed by its signer)")
            }
            if let failure = stage.failure {
                throw VerificationFailure(seq: position + UInt64(failure.index), reason: failure.reason)
            }
            position += UInt64(batch.count)
            do { try observer?.batchEnded(size: position) } catch let violation as RuleViolation {
                throw VerificationFailure(seq: position - 1, reason: violation.message)
            }
            progress?(position)
        }
        if let size = checkpoints?.nextSize {
            throw VerificationFailure(seq: position, reason: "a checkpoint is signed for \(size) entries but the journal ends after \(position) (entries were removed)")
        }
        return VerificationReport(entryCount: position, root: frontier.root, tipHash: tip, snapshot: snapshot)
    }

    /// Messages from the rules start with "entry N: "; the failure adds its own.
    public static func strip(_ message: String, seq: UInt64) -> String {
        let prefix = "entry \(seq): "
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }

    static func lookup(_ seq: UInt64, reader: some JournalReader) throws -> (kind: EntryKind, postings: [Posting])? {
        guard let raw = try reader.readEntry(at: seq), let genesis = try reader.readEntry(at: 0) else { return nil }
        let genesisBody = try EntryBody(json: try JSONParser.parse(genesis.bodyBytes), fundCurrency: nil)
        let currency = try EntryBody.fundCurrency(fromGenesisData: genesisBody.data)
        let body = try EntryBody(json: try JSONParser.parse(raw.bodyBytes), fundCurrency: currency)
        return (body.kind, body.postings)
    }
}

/// Per-entry stages, in the order a failure is reported when one entry fails several.
enum VerificationStage: Int, Comparable {
    case format, chain, signature, rule
    static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

struct BatchState {
    var signerKeys: [Ed25519PublicKey?]
    var failure: (index: Int, stage: VerificationStage, reason: String)?

    init(count: Int) { signerKeys = Array(repeating: nil, count: count) }

    mutating func fail(at index: Int, _ stage: VerificationStage, _ reason: String) {
        if failure == nil { failure = (index, stage, reason) }
    }
}

struct ParsedEntry: Sendable {
    let body: EntryBody
    let leafHash: SHA256Digest
}
