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
    /// A bank statement reconciled against an account: the statement's SHA-256, its period and
    /// the matched pairs. Posts nothing; recorded once per statement and account.
    case bankReconcile = "bank.reconcile"

    // The trust fund (Sources/LedgerLog/Fund). Their postings are not chosen by the author:
    // the rules compute them from `data` and the ledger before the entry (rates, balances,
    // settings), and an entry whose postings differ is invalid.

    /// Seeds the fund: template, two-person policy and first settings (once, by an admin).
    case fundSetup = "fund.setup"
    /// A donor, and its receivable sub-account 1200.ID.
    case donorAdd = "donor.add"
    /// A pledge: a memo item (9100), never revenue.
    case pledgeRecord = "pledge.record"
    /// UN operational rates of exchange: currency units per 1 USD from a date.
    case ratesSet = "rates.set"
    /// A binding contribution agreement: receivable and revenue (or deferred revenue).
    case agreementSign = "agreement.sign"
    /// A condition of a conditional agreement is met: deferred revenue becomes revenue.
    case agreementRecognise = "agreement.recognise"
    /// Money received against an agreement, with realised FX.
    case contributionReceive = "contribution.receive"
    /// Money nobody can place yet, held in suspense (2400).
    case contributionUnidentified = "contribution.unidentified"
    /// A receipt in suspense applied to an agreement.
    case contributionApply = "contribution.apply"
    /// Cash in another currency converted into the fund currency at the day's rate (UN Treasury).
    case cashConvert = "cash.convert"
    /// A controlled action asks for certification and approval.
    case approvalRequest = "approval.request"
    /// A certifying officer confirms that funds are available (FRR rule 105.5).
    case approvalCertify = "approval.certify"
    /// An approving officer, another person, approves; the action posts now (FRR rule 105.6).
    case approvalApprove = "approval.approve"
    /// A certifying or approving officer declines a request.
    case approvalReject = "approval.reject"
    /// The Board of Trustees recommends a grant: recorded, posts nothing.
    case grantRecommend = "grant.recommend"
    /// A partner's accepted financial report: expense, and PSC on it.
    case grantReport = "grant.report"
    /// A partner returns unspent money.
    case grantRefund = "grant.refund"
    /// A grant ends; its unpaid commitment is released.
    case grantClose = "grant.close"
    /// Period-end revaluation of foreign-currency balances (unrealised FX).
    case fxRevalue = "fx.revalue"
    /// The fund's share of the UN cash pool's income and costs.
    case interestAllocate = "interest.allocate"
    /// Brings the operating reserve (3300) to its required level.
    case reserveAdjust = "reserve.adjust"
    /// Closes a financial year: revenue and expenses into accumulated surplus; later entries
    /// dated in that year are refused. The approving officer's approval of a close request.
    case yearClose = "year.close"
    /// Delegation of authority: the amount limit and the period of a certifying or approving
    /// officer's key (an admin; posts nothing). A key without one has no limit.
    case keyDelegate = "key.delegate"
    /// Year-end accrual of grant spending reported (or estimated) after 31 December.
    case grantAccrue = "grant.accrue"
    /// The accrual's reversal on 1 January, the entry right after it.
    case grantAccrueReverse = "grant.accrue.reverse"

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
        case .voucher, .reversal, .bankReconcile: [.fundManager]
        case .fundSetup, .keyDelegate: [.admin]
        case .approvalCertify: [.certifyingOfficer]
        case .approvalApprove, .yearClose: [.approvingOfficer]
        case .approvalReject: [.certifyingOfficer, .approvingOfficer]
        case .donorAdd, .pledgeRecord, .ratesSet, .agreementSign, .agreementRecognise, .contributionReceive,
            .contributionUnidentified, .contributionApply, .cashConvert, .approvalRequest, .grantRecommend, .grantReport,
            .grantRefund, .grantClose, .fxRevalue, .interestAllocate, .reserveAdjust, .grantAccrue, .grantAccrueReverse:
            [.fundManager]
        }
    }

    /// Whether the entry must carry postings (true), may not (false). Fund kinds carry exactly
    /// the postings their rules compute (see ``postingsFromRules``).
    public var carriesPostings: Bool {
        switch self {
        case .voucher, .reversal: true
        default: false
        }
    }

    /// Whether the rules compute this kind's postings (the fund kinds). The store fills them
    /// in before signing; the verifier recomputes them and refuses any difference.
    public var postingsFromRules: Bool {
        switch self {
        case .genesis, .keyRegister, .keyRevoke, .accountOpen, .accountClose, .voucher, .reversal, .bankReconcile: false
        default: true
        }
    }
}
