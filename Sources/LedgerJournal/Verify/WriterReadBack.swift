public import LedgerCore

extension JournalVerifier {
    /// The bytes the writer signs for `body`, after the verifier's own reading of them: the body
    /// is encoded, then read back exactly as `vtf verify` reads a stored entry (canonical form,
    /// every member's type and text, amounts in the exact form of their currency), and the body
    /// read back must be the one written. So an entry the verifier could not read is refused
    /// before it is signed, and the writer and the verifier accept the same language. (The rules
    /// themselves, ``LedgerRules/check(_:against:)``, are one code for both already.)
    ///
    /// - Parameters:
    ///   - body: the entry to be signed.
    ///   - fundCurrency: the fund's currency; nil only for the genesis entry.
    /// - Throws: ``RuleViolation`` saying what the verifier would refuse.
    public static func signableBytes(of body: EntryBody, fundCurrency: Currency?) throws(RuleViolation) -> [UInt8] {
        let bytes = try body.encoded()
        // The verifier's fast reader gives back this very body: then its bytes are `bytes` (the
        // encoding is a function), which is all the verifier's fast path asks.
        if let read = EntryBody.readCanonical(bytes, fundCurrency: body.seq == 0 ? nil : fundCurrency), read == body {
            return bytes
        }
        let raw = RawEntry(bodyBytes: bytes, signature: [], position: body.seq)
        switch parseBody(raw, seq: body.seq, fundCurrency: body.seq == 0 ? nil : fundCurrency) {
        case .failure(let failure):
            throw RuleViolation(failure.ruleCode ?? .malformedEntry, "entry \(body.seq): \(failure.reason)")
        case .success(let parsed):
            guard parsed == body else {
                throw RuleViolation(.malformedEntry, "entry \(body.seq): the entry would not read back as written (a member changes in the journal's form)")
            }
            return bytes
        }
    }
}
