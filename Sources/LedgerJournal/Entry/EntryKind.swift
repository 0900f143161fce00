/// What an entry records. The raw value is the journal's `kind` member (contract, DESIGN §3).
///
/// The journal core defines the generic kinds below; a rule set (``RuleSet``) defines more — the
/// trust fund's kinds are declared by `TrustFundRules` as static members of this type, so
/// `.contributionReceive` reads the same everywhere. Which kinds a ledger accepts is decided by
/// the ``LedgerRules`` its store and its verifier run: an entry of a kind no registered rule set
/// defines is refused ("unknown kind").
public struct EntryKind: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The kind's name, as written in the journal's `kind` member.
    public let rawValue: String

    /// A kind named `rawValue`; nil unless it is a well-formed kind name: 1 to 64 characters of
    /// lowercase ASCII letters, digits, `.` and `_`, starting with a letter.
    public init?(rawValue: String) {
        let bytes = rawValue.utf8
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), bytes.count <= 64,
            bytes.allSatisfy({ byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            })
        else { return nil }
        self.rawValue = rawValue
    }

    /// A kind a module declares in its source; `name` is a literal of the right form.
    public init(declared name: StaticString) {
        guard let kind = EntryKind(rawValue: "\(name)") else { preconditionFailure("\(name) is not a kind name") }
        self = kind
    }

    /// Parses the journal's `kind`, naming a malformed value. Whether a rule set defines it is
    /// the rules' question (``LedgerRules/check(_:against:)``).
    public init(parsing text: String) throws(RuleViolation) {
        guard let kind = EntryKind(rawValue: text) else {
            throw RuleViolation(.unknownKind, "unknown kind \"\(text)\"")
        }
        self = kind
    }

    /// The kind's name.
    public var description: String { rawValue }

    /// Orders kinds by name.
    public static func < (lhs: EntryKind, rhs: EntryKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension EntryKind {
    /// The first entry: the ledger's settings and its first keys (admin and log).
    public static let genesis = EntryKind(declared: "ledger.genesis")
    /// A new key with its holder and roles (signed by an admin key).
    public static let keyRegister = EntryKind(declared: "key.register")
    /// A key leaves; entries it signs after this are invalid.
    public static let keyRevoke = EntryKind(declared: "key.revoke")
    /// A new account in the chart of accounts.
    public static let accountOpen = EntryKind(declared: "account.open")
    /// An account with a zero balance is closed; nothing may post to it afterwards.
    public static let accountClose = EntryKind(declared: "account.close")
    /// A manual journal voucher: free postings that balance.
    public static let voucher = EntryKind(declared: "voucher.post")
    /// The negation of an earlier entry's postings; the only way to correct one.
    public static let reversal = EntryKind(declared: "reversal")
    /// A bank statement reconciled against an account: the statement's SHA-256, its period and
    /// the matched pairs. Posts nothing; recorded once per statement and account.
    public static let bankReconcile = EntryKind(declared: "bank.reconcile")
    /// Every non-zero balance as of a date, committed to by the root of a Merkle tree of them
    /// (``BalanceSeal``), so that any one balance can be proven against a checkpoint. Posts nothing.
    public static let balancesSeal = EntryKind(declared: "balances.seal")

    /// The kinds the journal core defines, whatever rule sets a ledger runs.
    public static let core: [EntryKind] = [
        .genesis, .keyRegister, .keyRevoke, .accountOpen, .accountClose, .voucher, .reversal, .bankReconcile, .balancesSeal,
    ]

    /// The signer's key must hold one of these roles (core kinds; a rule set names its own).
    public var coreRoles: Set<Role>? {
        switch self {
        case .genesis, .keyRegister, .keyRevoke: [.admin]
        case .accountOpen, .accountClose: [.admin, .fundManager]
        case .voucher, .reversal, .bankReconcile: [.fundManager]
        // The approving officer's approval of the year-end close writes one.
        case .balancesSeal: [.fundManager, .approvingOfficer]
        default: nil
        }
    }

    /// Whether a core entry must carry postings (true) or may not (false).
    var carriesPostings: Bool { self == .voucher || self == .reversal }
}
