import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import Testing

/// Forged journals for the verifier tests: a fund's journal with its last entry replaced by a
/// body re-signed with a valid key, so that only the shared rules can catch it.
enum Forgery {
    /// Every entry of the fund's ledger, as the verifier reads them.
    static func journal(_ fund: TestFund) throws -> [RawEntry] {
        try (0..<fund.file.entryCount()).map { seq in
            let entry = try #require(try fund.file.entry(at: seq))
            return RawEntry(bodyBytes: entry.bodyBytes, signature: entry.signature, position: seq)
        }
    }

    /// The journal with its last entry replaced by `body`, signed by `key` (the chain before it untouched).
    static func replacingLast(_ entries: [RawEntry], with body: EntryBody, signedBy key: Ed25519PrivateKey) throws -> [RawEntry] {
        let bytes = body.canonicalBytes()
        return entries.dropLast() + [RawEntry(bodyBytes: bytes, signature: try key.makeSigner().sign(bytes), position: body.seq)]
    }

    /// The honest journal verifies.
    static func expectVerifies(_ entries: [RawEntry]) throws {
        _ = try JournalVerifier(rules: .unvtf, threads: 2, batchSize: 8).verify(Entries(entries))
    }

    /// The verifier refuses `entries` at `seq` by the rule `rule`, for a reason containing each
    /// of `words` (given only where a test checks the message's wording).
    static func expectCaught(
        _ entries: [RawEntry], at seq: UInt64, rule: RuleViolation.Code, _ words: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try JournalVerifier(rules: .unvtf, threads: 2, batchSize: 8).verify(Entries(entries))
            Issue.record("the verifier accepted the forged entry", sourceLocation: sourceLocation)
        } catch let failure as VerificationFailure {
            #expect(failure.seq == seq, "\(failure)", sourceLocation: sourceLocation)
            #expect(failure.code == .rule && failure.ruleCode == rule, "\(failure.code) \(failure.ruleCode?.rawValue ?? "-"): \(failure)", sourceLocation: sourceLocation)
            for part in words { #expect(failure.reason.contains(part), "\(failure)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }
}
