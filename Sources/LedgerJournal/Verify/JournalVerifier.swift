import TransparencyLog
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
    /// Called for each interior Merkle node the replay completes (level >= 1).
    func completedNode(level: Int, index: UInt64, hash: SHA256Digest)
}

extension VerificationObserver {
    /// Does nothing: observers that do not keep the tree's nodes need not implement it.
    public func completedNode(level: Int, index: UInt64, hash: SHA256Digest) {}
}

/// The first entry that fails verification, and why: a stable ``Code`` for the class of failure
/// (with the rule's own code when a rule refused the entry) beside the sentence for people.
public struct VerificationFailure: Error, Equatable, CustomStringConvertible {
    /// The failing entry's position in the journal.
    public let seq: UInt64
    /// What kind of check failed (see ``VerificationFailure/Code``).
    public let code: Code
    /// The refusal's code when a rule (or the entry's form) refused it; nil otherwise.
    public let ruleCode: RuleViolation.Code?
    /// What is wrong with the entry, for people.
    public let reason: String

    /// A failure of entry `seq`, with the rule's code when a rule refused it.
    public init(seq: UInt64, _ code: Code, reason: String, ruleCode: RuleViolation.Code? = nil) {
        self.seq = seq
        self.code = code
        self.ruleCode = ruleCode
        self.reason = reason
    }

    /// `entry SEQ: REASON`.
    public var description: String { "entry \(seq): \(reason)" }
}

/// The outcome of a clean verification.
public struct VerificationReport {
    /// How many entries were verified.
    public let entryCount: UInt64
    /// RFC 9162 Merkle root over every entry's leaf hash.
    public let root: SHA256Digest
    /// The leaf hash of the last entry (all zeros for an empty journal): the next entry's `prev`.
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
    /// Signature workers (each holds verification contexts), lent to one background task at a time.
    let workers = SignatureWorkerPool()
    /// Whether entry signatures are checked; a checked read of the store's own journal skips
    /// them (hashing against the signed checkpoint is what it needs).
    let checksSignatures: Bool
    /// The rules every entry is checked against (the core's and the registered rule sets').
    let rules: LedgerRules

    /// - Parameters:
    ///   - rules: the rules the ledger was written under, e.g. `.unvtf` for a fund ledger.
    ///   - threads: cores to use (defaults to all).
    ///   - batchSize: entries held in memory at once (two batches are in flight).
    ///   - checksSignatures: false to skip every entry's signature check (the chain, rules,
    ///     leaf hashes and checkpoints are still checked).
    public init(rules: LedgerRules, threads: Int = Parallel.coreCount, batchSize: Int = 1024, checksSignatures: Bool = true) {
        precondition(threads >= 1 && batchSize >= 1)
        self.rules = rules
        self.threads = threads
        self.batchSize = batchSize
        self.checksSignatures = checksSignatures
    }

    /// Verifies the whole journal. Throws ``VerificationFailure`` for the first bad entry; other
    /// errors come from the reader or the observer's storage.
    public func verify(
        _ reader: some JournalReader, checkpoints: (any CheckpointChecker)? = nil,
        observer: (any VerificationObserver)? = nil, refs: any RefIndex = InMemoryRefIndex(),
        progress: ((UInt64) -> Void)? = nil
    ) throws -> VerificationReport {
        var replay = Replay(rules: rules, snapshot: LedgerSnapshot(refs: refs, lookup: { seq in try Self.lookup(seq, reader: reader) }))
        var pending: PendingBatch?
        // Whatever ends the verification (a failure, a read error), no signature task may outlive it.
        defer { pending?.signatures.group.wait() }
        var position: UInt64 = 0
        while true {
            let batch = try reader.readEntries(from: position, limit: batchSize)
            if batch.isEmpty { break }
            let parsed = parse(batch, start: position, fundCurrency: replay.snapshot.settings?.currency)
            // Signature checks start in slices while the batch is still being replayed, so the
            // other cores never wait for this thread.
            let signatures = SignatureChecks(count: batch.count)
            var launched = 0
            let stage = replay.run(batch, parsed: parsed, start: position, checkpoints: checkpoints, observer: observer) { done, keys in
                guard checksSignatures else { return }
                launchSignatures(batch, keys: keys, range: launched..<done, into: signatures)
                launched = done
            }
            let checked = stage.failure.map { $0.index + 1 } ?? batch.count
            if checksSignatures, launched < checked {
                launchSignatures(batch, keys: stage.signerKeys, range: launched..<checked, into: signatures)
            }
            signatures.checkedCount = checksSignatures ? checked : 0
            if let previous = pending {
                do { try finish(previous, observer: observer, progress: progress) } catch {
                    signatures.group.wait()  // no worker may outlive the verification
                    throw error
                }
            }
            pending = PendingBatch(start: position, count: batch.count, stage: stage, signatures: signatures)
            if stage.failure != nil { break }
            position += UInt64(batch.count)
        }
        if let previous = pending { try finish(previous, observer: observer, progress: progress) }
        if let size = checkpoints?.nextSize {
            throw VerificationFailure(seq: position, .checkpoint, reason: "a checkpoint is signed for \(size) entries but the journal ends after \(position) (entries were removed)")
        }
        return VerificationReport(entryCount: position, root: replay.frontier.root, tipHash: replay.tip, snapshot: replay.snapshot)
    }

    /// Waits for a batch's signature checks, then reports its first failure, if any, in the order
    /// of ``VerificationStage`` for one entry; else lets the observer compare the batch.
    func finish(_ batch: PendingBatch, observer: (any VerificationObserver)?, progress: ((UInt64) -> Void)?) throws {
        let stage = batch.stage
        if let badSignature = batch.signatures.firstInvalid(),
            stage.failure.map({ badSignature < $0.index || (badSignature == $0.index && $0.stage == .rule) }) ?? true
        {
            throw VerificationFailure(seq: batch.start + UInt64(badSignature), .signature, reason: "signature does not verify (the entry was changed, or not signed by its signer)")
        }
        if let failure = stage.failure {
            throw VerificationFailure(seq: batch.start + UInt64(failure.index), failure.code, reason: failure.reason, ruleCode: failure.ruleCode)
        }
        let end = batch.start + UInt64(batch.count)
        do { try observer?.batchEnded(size: end) } catch let violation as RuleViolation {
            throw VerificationFailure(seq: end - 1, .derivedTables, reason: violation.message, ruleCode: violation.code)
        }
        progress?(end)
    }

    /// Messages from the rules start with "entry N: "; the failure adds its own.
    public static func strip(_ message: String, seq: UInt64) -> String {
        let prefix = "entry \(seq): "
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }

    static func lookup(_ seq: UInt64, reader: some JournalReader) throws -> EntryPostings? {
        guard let raw = try reader.readEntry(at: seq), let genesis = try reader.readEntry(at: 0) else { return nil }
        let genesisBody = try EntryBody(json: try JSONParser.parse(genesis.bodyBytes), fundCurrency: nil)
        let currency = try EntryBody.fundCurrency(fromGenesisData: genesisBody.data)
        let body = try EntryBody(json: try JSONParser.parse(raw.bodyBytes), fundCurrency: currency)
        return (body.kind, body.date, body.postings)
    }
}

/// Per-entry stages, in the order a failure is reported when one entry fails several.
enum VerificationStage: Int, Comparable {
    case format, chain, signature, rule
    static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

struct BatchState {
    var signerKeys: [Ed25519PublicKey?]
    var failure: (index: Int, stage: VerificationStage, code: VerificationFailure.Code, ruleCode: RuleViolation.Code?, reason: String)?

    init(count: Int) { signerKeys = Array(repeating: nil, count: count) }

    mutating func fail(
        at index: Int, _ stage: VerificationStage, _ code: VerificationFailure.Code, _ reason: String, ruleCode: RuleViolation.Code? = nil
    ) {
        if failure == nil { failure = (index, stage, code, ruleCode, reason) }
    }
}

/// A batch whose chain and rules are checked and whose signatures are being checked.
struct PendingBatch {
    let start: UInt64
    let count: Int
    let stage: BatchState
    let signatures: SignatureChecks
}

/// The sequential part of verification: chain, rules, Merkle frontier, checkpoints.
struct Replay {
    let rules: LedgerRules
    var snapshot: LedgerSnapshot
    var frontier = MerkleFrontier()
    var tip = EntryBody.zeroHash

    init(rules: LedgerRules, snapshot: LedgerSnapshot) {
        self.rules = rules
        self.snapshot = snapshot
    }

    /// Replays one batch in order, stopping at the first entry that fails.
    /// Entries replayed between two hand-overs of signature checks.
    static let sliceSize = 256

    /// Replays one batch in order, stopping at the first entry that fails. Every ``sliceSize``
    /// entries, `ready(n, keys)` hands over the signer keys of entries up to `n` (exclusive).
    mutating func run(
        _ batch: [RawEntry], parsed: [Result<ParsedEntry, VerificationFailure>], start: UInt64,
        checkpoints: (any CheckpointChecker)?, observer: (any VerificationObserver)?,
        ready: (Int, [Ed25519PublicKey?]) -> Void
    ) -> BatchState {
        var stage = BatchState(count: batch.count)
        for index in 0..<batch.count {
            switch parsed[index] {
            case .failure(let failure): stage.fail(at: index, .format, failure.code, failure.reason, ruleCode: failure.ruleCode)
            case .success(let entry):
                replay(entry, raw: batch[index], index: index, seq: start + UInt64(index), stage: &stage, observer: observer)
                if stage.failure == nil { advance(entry, index: index, stage: &stage, checkpoints: checkpoints, observer: observer) }
            }
            if stage.failure != nil { break }
            if (index + 1) % Self.sliceSize == 0 { ready(index + 1, stage.signerKeys) }
        }
        return stage
    }

    mutating func replay(
        _ entry: ParsedEntry, raw: RawEntry, index: Int, seq: UInt64, stage: inout BatchState,
        observer: (any VerificationObserver)?
    ) {
        if entry.body.seq != seq {
            stage.fail(at: index, .chain, .chain, "seq is \(entry.body.seq), expected \(seq) (entries missing or out of order)")
        } else if entry.body.prev != tip {
            stage.fail(at: index, .chain, .chain, "prev does not match the leaf hash of entry \(seq == 0 ? "-" : String(seq - 1)) (the chain is broken)")
        } else {
            do {
                let accepted = try rules.check(entry.body, against: snapshot)
                stage.signerKeys[index] = accepted.signerKey
                try snapshot.apply(entry.body, effects: accepted.effects)
            } catch {
                stage.signerKeys[index] = stage.signerKeys[index] ?? snapshot.key(id: entry.body.signer)?.record.publicKey
                let violation = error as? RuleViolation
                let message = violation?.message ?? "\(error)"
                stage.fail(at: index, .rule, .rule, JournalVerifier.strip(message, seq: seq), ruleCode: violation?.code)
                return
            }
            do { try observer?.accepted(entry.body, raw: raw, leafHash: entry.leafHash) } catch {
                // The store's own rows disagree with an entry the rules accepted.
                let violation = error as? RuleViolation
                let message = violation?.message ?? "\(error)"
                stage.fail(at: index, .rule, .derivedTables, JournalVerifier.strip(message, seq: seq), ruleCode: violation?.code)
            }
        }
    }

    /// Moves the chain tip and the tree, and checks any checkpoint stored at the new size.
    mutating func advance(
        _ entry: ParsedEntry, index: Int, stage: inout BatchState, checkpoints: (any CheckpointChecker)?,
        observer: (any VerificationObserver)?
    ) {
        tip = entry.leafHash
        frontier.append(leafHash: entry.leafHash) { level, nodeIndex, hash in
            observer?.completedNode(level: level, index: nodeIndex, hash: hash)
        }
        while let size = checkpoints?.nextSize, size <= frontier.size {
            do {
                guard size == frontier.size else { throw RuleViolation(.checkpoint, "a checkpoint of size \(size) does not fall on an entry") }
                try checkpoints?.check(root: frontier.root)
            } catch {
                stage.fail(at: index, .rule, .checkpoint, "\(error)", ruleCode: (error as? RuleViolation)?.code)
                return
            }
        }
    }
}

struct ParsedEntry: Sendable {
    let body: EntryBody
    let leafHash: SHA256Digest
}
