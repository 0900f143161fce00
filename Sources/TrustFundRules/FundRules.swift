public import LedgerJournal
import CanonicalJSON
import LedgerCore

/// The rules of the trust fund's entry kinds. Each computes, from the entry's `data` and the
/// ledger before it, the postings the entry must carry and the records it changes. The store
/// calls ``evaluate(_:signer:state:)`` to fill in a draft's postings before signing; the
/// verifier calls it again on every stored entry, so a changed rate, PSC or FX figure is caught.
public enum FundRules {
    /// The member of `data` that names the UN operational rates an entry used (DOMAIN.md §6.2):
    /// `{"EUR": {"rate": "0.9200", "from": "2026-03-01"}}`. The store writes it; the verifier
    /// checks it names exactly the rates the rules looked up.
    public static let unoreMember = "unore"

    /// What `body` must post and change. Throws the first rule it breaks.
    public static func evaluate(_ body: EntryBody, signer: KeyState, state: some LedgerStateReading) throws -> FundOutcome {
        guard let settings = state.settings else { throw RuleViolation(.genesis, "entry \(body.seq): the ledger has no genesis entry") }
        var members = body.data
        members[unoreMember] = nil
        let data = try JSONFields(.object(members), context: "entry \(body.seq) data")
        let context = FundContext(
            body: body, data: data, state: state, signer: signer, fundCurrency: settings.currency, ratesUsed: RatesUsed())
        if body.kind != .fundSetup, try FundSettings.setup(state) == nil {
            throw context.refuse(.notAFund, "\(body.kind.rawValue) needs a fund ledger; create one with vtf init --template unvtf")
        }
        guard let kind = FundKind(body.kind) else { preconditionFailure("\(body.kind) is not a fund kind") }
        var outcome = try outcome(of: kind, context)
        outcome.unore = context.ratesUsed.json
        return outcome
    }

    static func outcome(of kind: FundKind, _ context: FundContext) throws -> FundOutcome {
        switch kind {
        case .fundSetup: return try SetupRules.setup(context)
        case .donorAdd: return try SetupRules.donor(context)
        case .pledgeRecord: return try SetupRules.pledge(context)
        case .ratesSet: return try SetupRules.rates(context)
        case .agreementSign: return try ContributionRules.sign(context)
        case .agreementRecognise: return try ContributionRules.recognise(context)
        case .contributionReceive: return try ContributionRules.receive(context)
        case .contributionUnidentified: return try ContributionRules.unidentified(context)
        case .contributionApply: return try ContributionRules.apply(context)
        case .cashConvert: return try ContributionRules.convert(context)
        case .approvalRequest: return try ApprovalRules.request(context)
        case .approvalCertify: return try ApprovalRules.certify(context)
        case .approvalApprove: return try ApprovalRules.approve(context)
        case .approvalReject: return try ApprovalRules.reject(context)
        case .grantRecommend: return try GrantRules.recommend(context)
        case .grantReport: return try GrantRules.report(context)
        case .grantRefund: return try GrantRules.refund(context)
        case .grantClose: return try GrantRules.close(context)
        case .fxRevalue: return try PeriodEndRules.revalue(context)
        case .interestAllocate: return try PeriodEndRules.interest(context)
        case .reserveAdjust: return try PeriodEndRules.reserve(context)
        case .yearClose: return try YearEndRules.close(context)
        case .keyDelegate: return try DelegationRules.delegate(context)
        case .grantAccrue: return try AccrualRules.accrue(context)
        case .grantAccrueReverse: return try AccrualRules.reverse(context)
        }
    }
}
