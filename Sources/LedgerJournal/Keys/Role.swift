/// What a key may sign. A key holds one or more roles; each entry kind needs one of a set of roles
/// (see ``LedgerRules/requiredRoles(_:)``).
public enum Role: String, Sendable, CaseIterable, Comparable {
    /// Registers and revokes keys; signs the genesis entry.
    case admin
    /// The ledger's own key: signs checkpoints, never entries.
    case log
    /// Records donors, agreements, receipts, rates, vouchers.
    case fundManager = "fund-manager"
    /// Certifies that funds are available (UN FRR rule 105.5).
    case certifyingOfficer = "certifying-officer"
    /// Approves certified grants and payments (UN FRR rule 105.6); a different person than the certifier.
    case approvingOfficer = "approving-officer"
    /// Cosigns checkpoints after verifying them.
    case auditor
    /// A donor's own key: signs nothing; reads that donor's statements through a ledger service.
    /// The key's holder is the donor's id, and it holds no other role.
    case donor

    /// Parses a role name as written in the journal and on the command line.
    public init(parsing text: String) throws(RuleViolation) {
        guard let role = Role(rawValue: text) else {
            let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw RuleViolation(.badField, "unknown role \"\(text)\"; roles are: \(known)")
        }
        self = role
    }

    /// Orders roles by name.
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
}
