public import LedgerJournal

/// The trust fund's entry kinds. Their postings are not chosen by the author: the rules compute
/// them from `data` and the ledger before the entry (rates, balances, settings), and an entry
/// whose postings differ is invalid. Each is also a static member of `EntryKind`
/// (`.contributionReceive`), which is how the rest of vtf names them; switches over this enum
/// are exhaustive, so a new kind is pointed out by the compiler wherever it needs a decision.
public enum FundKind: String, Sendable, CaseIterable {
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

    /// The journal's kind.
    public var entryKind: EntryKind {
        guard let kind = EntryKind(rawValue: rawValue) else { preconditionFailure("\(rawValue) is a kind name") }
        return kind
    }

    /// The fund kind `kind` is, or nil for a kind of the journal core or another rule set.
    public init?(_ kind: EntryKind) { self.init(rawValue: kind.rawValue) }

    /// The signer's key must hold one of these roles.
    public var requiredRoles: Set<Role> {
        switch self {
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
}

extension EntryKind {
    /// Seeds the fund: template, two-person policy and first settings (once, by an admin).
    public static let fundSetup = FundKind.fundSetup.entryKind
    /// A donor, and its receivable sub-account 1200.ID.
    public static let donorAdd = FundKind.donorAdd.entryKind
    /// A pledge: a memo item (9100), never revenue.
    public static let pledgeRecord = FundKind.pledgeRecord.entryKind
    /// UN operational rates of exchange: currency units per 1 USD from a date.
    public static let ratesSet = FundKind.ratesSet.entryKind
    /// A binding contribution agreement: receivable and revenue (or deferred revenue).
    public static let agreementSign = FundKind.agreementSign.entryKind
    /// A condition of a conditional agreement is met: deferred revenue becomes revenue.
    public static let agreementRecognise = FundKind.agreementRecognise.entryKind
    /// Money received against an agreement, with realised FX.
    public static let contributionReceive = FundKind.contributionReceive.entryKind
    /// Money nobody can place yet, held in suspense (2400).
    public static let contributionUnidentified = FundKind.contributionUnidentified.entryKind
    /// A receipt in suspense applied to an agreement.
    public static let contributionApply = FundKind.contributionApply.entryKind
    /// Cash in another currency converted into the fund currency at the day's rate (UN Treasury).
    public static let cashConvert = FundKind.cashConvert.entryKind
    /// A controlled action asks for certification and approval.
    public static let approvalRequest = FundKind.approvalRequest.entryKind
    /// A certifying officer confirms that funds are available (FRR rule 105.5).
    public static let approvalCertify = FundKind.approvalCertify.entryKind
    /// An approving officer, another person, approves; the action posts now (FRR rule 105.6).
    public static let approvalApprove = FundKind.approvalApprove.entryKind
    /// A certifying or approving officer declines a request.
    public static let approvalReject = FundKind.approvalReject.entryKind
    /// The Board of Trustees recommends a grant: recorded, posts nothing.
    public static let grantRecommend = FundKind.grantRecommend.entryKind
    /// A partner's accepted financial report: expense, and PSC on it.
    public static let grantReport = FundKind.grantReport.entryKind
    /// A partner returns unspent money.
    public static let grantRefund = FundKind.grantRefund.entryKind
    /// A grant ends; its unpaid commitment is released.
    public static let grantClose = FundKind.grantClose.entryKind
    /// Period-end revaluation of foreign-currency balances (unrealised FX).
    public static let fxRevalue = FundKind.fxRevalue.entryKind
    /// The fund's share of the UN cash pool's income and costs.
    public static let interestAllocate = FundKind.interestAllocate.entryKind
    /// Brings the operating reserve (3300) to its required level.
    public static let reserveAdjust = FundKind.reserveAdjust.entryKind
    /// Closes a financial year: revenue and expenses into accumulated surplus; later entries
    /// dated in that year are refused. The approving officer's approval of a close request.
    public static let yearClose = FundKind.yearClose.entryKind
    /// Delegation of authority: the amount limit and the period of a certifying or approving
    /// officer's key (an admin; posts nothing). A key without one has no limit.
    public static let keyDelegate = FundKind.keyDelegate.entryKind
    /// Year-end accrual of grant spending reported (or estimated) after 31 December.
    public static let grantAccrue = FundKind.grantAccrue.entryKind
    /// The accrual's reversal on 1 January, the entry right after it.
    public static let grantAccrueReverse = FundKind.grantAccrueReverse.entryKind
}
