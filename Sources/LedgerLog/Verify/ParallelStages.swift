import CanonicalJSON
import Dispatch
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
    /// Stage A, on all cores: parse, check the canonical form, decode the body, hash the leaf.
    func parse(_ batch: [RawEntry], start: UInt64, fundCurrency: Currency?) -> [Result<ParsedEntry, VerificationFailure>] {
        var currency = fundCurrency
        let results = ParallelSlots<Result<ParsedEntry, VerificationFailure>>(count: batch.count)
        var first = 0
        if currency == nil, let genesis = batch.first {
            // Entry 0 names the fund currency every later posting is read with.
            let result = Self.parseOne(genesis, seq: start, fundCurrency: nil)
            results[0] = result
            currency = try? EntryBody.fundCurrency(fromGenesisData: result.get().body.data)
            first = 1
        }
        let count = batch.count - first
        Parallel.forEachChunk(count: count, chunks: Swift.min(threads, Swift.max(1, count / 64))) { _, range in
            for index in range {
                let position = first + index
                results[position] = Self.parseOne(batch[position], seq: start + UInt64(position), fundCurrency: currency)
            }
        }
        return (0..<batch.count).map { index in
            results[index] ?? .failure(VerificationFailure(seq: start + UInt64(index), reason: "not parsed"))
        }
    }

    static func parseOne(_ raw: RawEntry, seq: UInt64, fundCurrency: Currency?) -> Result<ParsedEntry, VerificationFailure> {
        if let problem = raw.problem { return .failure(VerificationFailure(seq: seq, reason: problem)) }
        do {
            let json = try JSONParser.parse(raw.bodyBytes)
            guard try JSONCanonicalizer.canonicalBytes(json) == raw.bodyBytes else {
                return .failure(VerificationFailure(seq: seq, reason: "the entry bytes are not in RFC 8785 canonical form"))
            }
            if seq > 0 && fundCurrency == nil {
                return .failure(VerificationFailure(seq: seq, reason: "the fund currency is unknown (entry 0 is bad)"))
            }
            let body = try EntryBody(json: json, fundCurrency: seq == 0 ? nil : fundCurrency)
            return .success(ParsedEntry(body: body, leafHash: MerkleHash.leaf(raw.bodyBytes)))
        } catch let violation as RuleViolation {
            return .failure(VerificationFailure(seq: seq, reason: strip(violation.message, seq: seq)))
        } catch {
            return .failure(VerificationFailure(seq: seq, reason: "not a valid entry: \(error)"))
        }
    }

    /// Stage C, in the background on every core: checks the signatures of the first `count`
    /// entries of the batch while the caller goes on with the next batch.
    func launchSignatures(
        _ batch: [RawEntry], keys: [Ed25519PublicKey?], count: Int, workers: [SignatureWorker]
    ) -> SignatureChecks {
        let checks = SignatureChecks(count: count)
        let chunks = Swift.min(threads, Swift.max(count, 1))
        let shared = UncheckedSendable((batch, keys, workers))
        for chunk in 0..<chunks where count > 0 {
            let range = (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
            DispatchQueue.global().async(group: checks.group) {
                let (batch, keys, workers) = shared.value
                let worker = workers[chunk]
                for index in range {
                    guard let key = keys[index] else { continue }
                    let entry = batch[index]
                    checks.verdicts[index] = entry.signature.count == 64
                        && worker.isValid(signature: entry.signature, message: entry.bodyBytes, key: key)
                }
            }
        }
        return checks
    }
}

/// Signature verdicts of one batch, filled in by background workers (each index by one worker).
final class SignatureChecks: Sendable {
    let group = DispatchGroup()
    let verdicts: ParallelSlots<Bool>
    let count: Int

    init(count: Int) {
        self.count = count
        self.verdicts = ParallelSlots(count: count)
    }

    /// Waits for the workers; the index of the first signature that does not verify.
    func firstInvalid() -> Int? {
        group.wait()
        return (0..<count).first { verdicts[$0] == false }
    }
}
