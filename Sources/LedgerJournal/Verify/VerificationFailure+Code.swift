extension VerificationFailure {
    /// Which check an entry failed: a stable name for programs and tests (published in
    /// Audit/ERROR-CODES.md and in `vtf verify --format json`); raw values never change meaning.
    public enum Code: String, Sendable, CaseIterable, Codable {
        /// The stored bytes are not an entry: not JSON, not UTF-8, a malformed envelope or
        /// member (the refusal's code is in ``VerificationFailure/ruleCode``). Fix: the journal
        /// was damaged or written by something other than vtf; restore it from a copy.
        case format = "format"
        /// The entry parses but its bytes are not the RFC 8785 canonical form of what they say.
        /// Fix: restore the entry's original bytes (it was re-encoded or edited).
        case canonicalForm = "canonical-form"
        /// The hash chain is broken: a seq out of order, or a prev that is not the leaf hash of
        /// the entry before. Fix: entries were removed, reordered or changed; restore a copy.
        case chain = "chain"
        /// The entry's signature does not verify with its signer's key. Fix: the entry was
        /// changed after signing (or signed by another key); restore a copy.
        case signature = "signature"
        /// The ledger's rules refuse the entry against the state before it; ``ruleCode`` says
        /// which rule. Fix: as the rule's code says (Audit/ERROR-CODES.md).
        case rule = "rule"
        /// A signed checkpoint disagrees with the journal (another root, a size past the end,
        /// entries not covered by any). Fix: the history was rewritten or cut; restore a copy.
        case checkpoint = "checkpoint"
        /// A store's derived tables (postings, Merkle nodes, the journal's own columns, fund
        /// records) differ from what replaying the journal gives. Fix: the file was edited
        /// outside vtf; restore it from a copy (the journal decides).
        case derivedTables = "derived-tables"
    }
}
