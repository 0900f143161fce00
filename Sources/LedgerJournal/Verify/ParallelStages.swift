import TransparencyLog
import CanonicalJSON
import Dispatch
import Foundation
import LedgerCore
import LedgerCrypto

/// Holds one reusable Ed25519 verification context per key, for one worker thread.
final class SignatureWorker {
    private var verifiers: [[UInt8]: Ed25519Verifier] = [:]

    func isValid(signature: [UInt8], message: [UInt8], key: Ed25519PublicKey) -> Bool {
        if let verifier = verifiers[key.rawRepresentation] {
            return verifier.isValidSignature(signature, for: message)
        }
        guard let verifier = try? Ed25519Verifier(publicKey: key) else { return false }
        verifiers[key.rawRepresentation] = verifier
        return verifier.isValidSignature(signature, for: message)
    }
}

extension JournalVerifier {
    /// Stage A, on this thread: parse, check the canonical form, decode the body, hash the leaf.
    /// (Not spread over cores: the other cores are busy checking the previous batch's
    /// signatures, and a parallel loop here would wait behind them.)
    func parse(_ batch: [RawEntry], start: UInt64, fundCurrency: Currency?) -> [Result<ParsedEntry, VerificationFailure>] {
        var currency = fundCurrency
        var results: [Result<ParsedEntry, VerificationFailure>] = []
        results.reserveCapacity(batch.count)
        for (index, raw) in batch.enumerated() {
            let result = Self.parseOne(raw, seq: start + UInt64(index), fundCurrency: currency)
            if currency == nil, start + UInt64(index) == 0 {
                // Entry 0 names the fund currency every later posting is read with.
                currency = try? EntryBody.fundCurrency(fromGenesisData: result.get().body.data)
            }
            results.append(result)
        }
        return results
    }

    static func parseOne(_ raw: RawEntry, seq: UInt64, fundCurrency: Currency?) -> Result<ParsedEntry, VerificationFailure> {
        parseBody(raw, seq: seq, fundCurrency: fundCurrency).map { ParsedEntry(body: $0, leafHash: MerkleHash.leaf(raw.bodyBytes)) }
    }

    /// The body of `raw` as the verifier reads it, without its leaf hash (the writer's read-back
    /// of bytes it is about to sign needs only the reading).
    static func parseBody(_ raw: RawEntry, seq: UInt64, fundCurrency: Currency?) -> Result<EntryBody, VerificationFailure> {
        if let problem = raw.problem { return .failure(VerificationFailure(seq: seq, .format, reason: problem)) }
        // The fast reader answers only for bytes that are exactly the canonical form of what it
        // read (so writing the body back would give them again; see its documentation).
        if let body = EntryBody.readCanonical(raw.bodyBytes, fundCurrency: seq == 0 ? nil : fundCurrency) {
            return .success(body)
        }
        do {
            let json = try JSONParser.parse(raw.bodyBytes)
            if seq > 0 && fundCurrency == nil {
                return .failure(VerificationFailure(seq: seq, .format, reason: "the fund currency is unknown (entry 0 is bad)"))
            }
            let body = try EntryBody(json: json, fundCurrency: seq == 0 ? nil : fundCurrency)
            // The body written back in canonical form must be the stored bytes: this checks the
            // RFC 8785 form and that nothing in the bytes was lost in reading them.
            guard (try? body.encoded()) == raw.bodyBytes else {
                return .failure(VerificationFailure(seq: seq, .canonicalForm, reason: "the entry bytes are not in RFC 8785 canonical form"))
            }
            return .success(body)
        } catch let violation as RuleViolation {
            return .failure(VerificationFailure(seq: seq, .format, reason: strip(violation.message, seq: seq), ruleCode: violation.code))
        } catch {
            return .failure(VerificationFailure(seq: seq, .format, reason: "not a valid entry: \(error)"))
        }
    }

    /// Stage C, in the background: checks the signatures of the entries in `range`, in slices,
    /// while the caller goes on replaying.
    func launchSignatures(_ batch: [RawEntry], keys: [Ed25519PublicKey?], range: Range<Int>, into checks: SignatureChecks) {
        guard !range.isEmpty else { return }
        let parts = Swift.max(1, Swift.min(threads, range.count / 64))
        let shared = UncheckedSendable(batch)
        let pool = workers
        for part in 0..<parts {
            let slice = (range.lowerBound + range.count * part / parts)..<(range.lowerBound + range.count * (part + 1) / parts)
            let sliceKeys = Array(keys[slice])
            DispatchQueue.global().async(group: checks.group) {
                let worker = pool.take()
                defer { pool.give(back: worker) }
                for (offset, index) in slice.enumerated() {
                    guard let key = sliceKeys[offset] else { continue }
                    let entry = shared.value[index]
                    checks.verdicts[index] = entry.signature.count == 64
                        && worker.isValid(signature: entry.signature, message: entry.bodyBytes, key: key)
                }
            }
        }
    }
}

/// Lends signature workers to background tasks, one task per worker at a time.
final class SignatureWorkerPool: @unchecked Sendable {
    // `idle` is guarded by `lock`; a worker taken out is used by one task only until given back.
    private let lock = NSLock()
    private var idle: [SignatureWorker] = []

    func take() -> SignatureWorker {
        lock.withLock { idle.popLast() } ?? SignatureWorker()
    }

    func give(back worker: SignatureWorker) {
        lock.withLock { idle.append(worker) }
    }
}

/// Signature verdicts of one batch, filled in by background workers (each index by one worker).
final class SignatureChecks: @unchecked Sendable {
    // `verdicts` slots are each written by one task and read after `group.wait()`;
    // `checkedCount` is set by the verifier thread before anyone reads it.
    let group = DispatchGroup()
    let verdicts: ParallelSlots<Bool>
    var checkedCount = 0

    init(count: Int) {
        self.verdicts = ParallelSlots(count: count)
    }

    /// Waits for the workers; the index of the first signature that does not verify.
    func firstInvalid() -> Int? {
        group.wait()
        return (0..<checkedCount).first { verdicts[$0] == false }
    }
}
