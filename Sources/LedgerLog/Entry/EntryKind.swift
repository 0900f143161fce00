/// What an entry records. The raw value is the journal's `kind` member (contract, DESIGN §3).
public enum EntryKind: String, Sendable, CaseIterable {
    /// The first entry: the ledger's settings and its first keys (admin and log).
    case genesis = "ledger.genesis"
    /// A new key with its holder and roles (signed by an admin key).
    case keyRegister = "key.register"
    /// A key leaves; entries it signs after this are invalid.
    case keyRevoke = "key.revoke"
    /// A new account in the chart of accounts.
    case accountOpen = "account.open"
    /// An account with a zero balance is closed; nothing may post to it afterwards.
    case accountClose = "account.close"
    /// A manual journal voucher: free postings that balance.
    case voucher = "voucher.post"
    /// The negation of an earlier entry's postings; the only way to correct one.
    case reversal = "reversal"

    /// Parses the journal's `kind`, naming the unknown value.
    public init(parsing text: String) throws(RuleViolation) {
        guard let kind = EntryKind(rawValue: text) else {
            throw RuleViolation("unknown kind \"\(text)\"")
        }
        self = kind
    }

    /// The signer's key must hold one of these roles.
    public var requiredRoles: Set<Role> {
        switch self {
        case .genesis, .keyRegister, .keyRevoke: [.admin]
        case .accountOpen, .accountClose: [.admin, .fundManager]
        case .voucher, .reversal: [.fundManager]
        }
    }

    /// Whether the entry must carry postings (true), may not (false).
    public var carriesPostings: Bool {
        switch self {
        case .voucher, .reversal: true
        case .genesis, .keyRegister, .keyRevoke, .accountOpen, .accountClose: false
        }
    }
}
