import CanonicalJSON
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

    /// Stage C, on all cores: checks the signatures of the first `count` entries of the batch.
    /// Returns the index of the first entry whose signature does not verify.
    func verifySignatures(
        _ batch: [RawEntry], keys: [Ed25519PublicKey?], count: Int
    ) -> Int? {
        guard count > 0 else { return nil }
        let verdicts = ParallelSlots<Bool>(count: count)
        Parallel.forEachChunk(count: count, chunks: threads) { chunk, range in
            let worker = workers[chunk]
            for index in range {
                guard let key = keys[index] else { continue }
                let entry = batch[index]
                verdicts[index] = entry.signature.count == 64
                    && worker.isValid(signature: entry.signature, message: entry.bodyBytes, key: key)
            }
        }
        return (0..<count).first { verdicts[$0] == false }
    }
}
