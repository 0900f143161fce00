public import CanonicalJSON
public import LedgerCore

/// A set of entry kinds and their rules, registered with ``LedgerRules`` by the programs that
/// write and verify a ledger. The journal core knows only the generic kinds (keys, accounts,
/// vouchers, reversals, bank reconciliations); a domain — the UN trust fund's `TrustFundRules` —
/// brings its own kinds this way, and the store's writer, `vtf verify` and the offline audit
/// verifier all run the same registered code.
///
/// For each kind it defines, a rule set says who may sign it (``requiredRoles(_:)``) and, from
/// the entry's `data` and the ledger before it, what the entry must post and what it changes in
/// the derived state (``evaluate(_:signer:state:)``). The author never chooses the postings of
/// such a kind: the writer fills them in from the outcome and the verifier recomputes them.
public protocol RuleSet: Sendable {
    /// A short name for messages and documentation, e.g. `unvtf`.
    var name: String { get }
    /// The kinds this set defines. No two registered sets, and no set and the core, share one.
    var kinds: [EntryKind] { get }
    /// The roles of which the signer of `kind` (one of ``kinds``) must hold one.
    func requiredRoles(_ kind: EntryKind) -> Set<Role>
    /// Checks this set makes on every entry after the genesis entry, whatever its kind, before
    /// the kind's own rules: the fund refuses, for instance, an entry dated in a closed year.
    func checkEntry(_ body: EntryBody, state: some LedgerStateReading) throws
    /// What an entry of one of ``kinds`` must post and change, or the first rule it breaks.
    func evaluate(_ body: EntryBody, signer: KeyState, state: some LedgerStateReading) throws -> RuleOutcome
    /// A fresh ref for `body`, an entry of one of ``kinds`` whose draft asks for one with
    /// `prefix` (``EntryDraft/refPrefix``), chosen from `state` inside the write transaction;
    /// nil when this set does not number that kind's refs (the default).
    func freshRef(prefix: String, for body: EntryBody, state: some LedgerStateReading) throws -> String?
}

extension RuleSet {
    /// No numbered refs: every entry of this set's kinds names its own.
    public func freshRef(prefix: String, for body: EntryBody, state: some LedgerStateReading) throws -> String? { nil }
}

/// What a rule set concluded about an entry of one of its kinds.
public struct RuleOutcome: Sendable {
    /// The postings the entry must carry, in order.
    public var postings: [Posting]
    /// The changes it makes to the derived state (records, accounts), in order. Postings are
    /// applied by the core; do not include them.
    public var effects: [LedgerEffect]
    /// Members of `data` the rules compute and the entry must carry exactly as computed (absent
    /// where the value is nil): the fund's `unore`, the operational rates an entry used.
    public var computedData: [ComputedMember]
    /// Accounts the entry opens (sub-accounts of a donor or a grant); its postings may use them.
    public var opened: [AccountCode: AccountType]

    /// The `postings` an entry must carry and its `effects`, with the members of `data` the
    /// rules compute and the accounts it opens (none by default).
    public init(
        postings: [Posting], effects: [LedgerEffect], computedData: [ComputedMember] = [], opened: [AccountCode: AccountType] = [:]
    ) {
        self.postings = postings
        self.effects = effects
        self.computedData = computedData
        self.opened = opened
    }
}

/// A member of an entry's `data` that its rules compute.
public struct ComputedMember: Sendable {
    /// The member's name, e.g. `unore`.
    public let name: String
    /// Its value, or nil when the entry must not carry the member.
    public let value: JSONValue?
    /// What it says, for the refusal when an entry carries another value, e.g. "name the UN
    /// operational rates the entry uses".
    public let meaning: String

    /// A computed member `name` that must be `value` (absent when nil), described by `meaning`.
    public init(name: String, value: JSONValue?, meaning: String) {
        self.name = name
        self.value = value
        self.meaning = meaning
    }
}
