import LedgerJournal
import CanonicalJSON
import LedgerCore

/// Two-person approval, one mechanism for every controlled action (UN FRR rules 105.5, 105.6):
/// `approval.request` (ref = REF, `data.action` and its parameters) → `approval.certify` by a
/// certifying officer → `approval.approve` by an approving officer, a different person from
/// both the requester and the certifier. Postings happen only at approval.
enum ApprovalRules {
    static func request(_ context: FundContext) throws -> FundOutcome {
        guard let ref = context.body.ref else { throw context.refuse(.missingField, "a request needs a ref") }
        try FundIDs.check(ref, what: "request ref", seq: context.seq)
        let action = try context.data.string("action")
        var outcome = FundOutcome()
        var basis: JSONObject = [:]
        guard let requested = RequestAction(rawValue: action) else {
            throw context.refuse(.badField, "action \"\(action)\" is not one of \(FundSettings.requestActions.joined(separator: ", "))")
        }
        switch requested {
        case .grantAward: try ActionRules.requestAward(context, ref: ref)
        case .receivableImpair: basis = try ImpairmentRules.request(context)
        case .grantDisburse: try ActionRules.requestDisbursement(context, &outcome)
        case .receivableWriteOff: try ActionRules.requestWriteOff(context)
        case .donorRefund: try ActionRules.requestRefund(context)
        case .settingChange: try ActionRules.requestSetting(context)
        case .voucher: try ActionRules.requestVoucher(context)
        case .reversal: try ActionRules.requestReversal(context)
        case .bankCharges: try ActionRules.requestBankCharges(context)
        case .secretariatCost: try SecretariatRules.request(context)
        case .yearClose: try YearEndRules.request(context, ref: ref)
        case .budgetSet: try BudgetRules.request(context, ref: ref)
        case .ratesSet: _ = try ActionRules.confirmedRates(context)
        }
        var fields: JSONObject = [
            "action": .string(action), "params": .object(context.data.object), "status": RequestStatus.requested.field,
            "date": .string(context.date.description), "requester": .string(context.signer.record.holder),
            "requested_seq": .integer(Int64(context.seq)),
        ]
        for (name, value) in basis { fields[name] = value }
        outcome.put("request", ref, seq: context.seq, fields)
        return outcome
    }

    static func certify(_ context: FundContext) throws -> FundOutcome {
        var request = try Request(context, ref: try context.decode(RequestDecision.self).request)
        guard request.status == .requested else {
            throw context.refuse(.wrongState, "request \(request.ref) is \(request.status), not waiting for certification")
        }
        let holder = context.signer.record.holder
        guard try !HolderDecisions.samePerson(holder, request.requester, state: context.state) else {
            throw context.refuse(.twoPerson, "\(holder) made request \(request.ref)\(alias(holder, request.requester)) and may not certify it; another certifying officer must")
        }
        try ActionRules.checkCertifiable(request, context)
        try DelegationRules.check(request, context, stage: "certification")
        request.set(.certified)
        request.fields["certifier"] = .string(holder)
        request.fields["certified_seq"] = .integer(Int64(context.seq))
        var outcome = FundOutcome()
        outcome.put("request", request.ref, seq: context.seq, request.fields)
        return outcome
    }

    static func approve(_ context: FundContext) throws -> FundOutcome {
        var request = try Request(context, ref: try context.decode(RequestDecision.self).request)
        let controlled = try FundSettings.isControlled(request.action, state: context.state)
        let holder = context.signer.record.holder
        if controlled {
            guard request.status == .certified else {
                let why = request.status == .requested ? "it must be certified first (vtf certify \(request.ref))" : "it is \(request.status)"
                throw context.refuse(.wrongState, "request \(request.ref) cannot be approved: \(why)")
            }
        } else {
            guard request.status.isOpen else {
                throw context.refuse(.wrongState, "request \(request.ref) is \(request.status)")
            }
        }
        guard request.action != "year.close" else {
            throw context.refuse(.wrongState, "request \(request.ref) closes a year: its approval is a year.close entry naming it (vtf approve \(request.ref) records one)")
        }
        try checkApprover(request, context)
        try DelegationRules.check(request, context, stage: "approval")
        guard context.date.description == request.date else {
            throw context.refuse(.wrongDate, "the approval of \(request.ref) must carry the request's date \(request.date), not \(context.date)")
        }
        var outcome = FundOutcome()
        try ActionRules.approve(request, context, &outcome)
        request.set(.approved)
        request.fields["approver"] = .string(holder)
        request.fields["approved_seq"] = .integer(Int64(context.seq))
        outcome.put("request", request.ref, seq: context.seq, request.fields)
        return outcome
    }

    /// The approving officer is neither the requester nor the certifier (the same person under
    /// another key or another spelling of the name counts as the same: ``HolderIdentity``).
    static func checkApprover(_ request: Request, _ context: FundContext) throws {
        let holder = context.signer.record.holder
        guard try !HolderDecisions.samePerson(holder, request.requester, state: context.state) else {
            throw context.refuse(.twoPerson, "\(holder) made request \(request.ref)\(alias(holder, request.requester)) and may not approve it (self-approval)")
        }
        if let certifier = request.record.certifier, try HolderDecisions.samePerson(holder, certifier, state: context.state) {
            throw context.refuse(.twoPerson, "\(holder) certified request \(request.ref)\(alias(holder, certifier)); the approving officer must be another person")
        }
    }

    /// ` (as "Maria")` when the earlier step spelled the same person's holder differently.
    static func alias(_ holder: String, _ earlier: String) -> String {
        holder == earlier ? "" : " (as \"\(earlier)\")"
    }

    static func reject(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(RejectionData.self)
        var request = try Request(context, ref: data.request)
        try context.checkText(data.reason, "reason", max: Limits.memoLengthMax)
        guard request.status.isOpen else {
            throw context.refuse(.wrongState, "request \(request.ref) is \(request.status); only a waiting request can be rejected")
        }
        var outcome = FundOutcome()
        try ActionRules.release(request, context, &outcome)
        request.set(.rejected)
        request.fields["rejected_by"] = .string(context.signer.record.holder)
        request.fields["rejected_seq"] = .integer(Int64(context.seq))
        outcome.put("request", request.ref, seq: context.seq, request.fields)
        return outcome
    }
}

/// A request's record: its fields, updated by the rules, and what they hold, read strictly.
struct Request {
    let ref: String
    var fields: JSONObject
    /// The record as it was read; a damaged one is refused naming the request.
    let record: RequestRecord

    /// Where the request stands; ``set(_:)`` changes it and its field together.
    private(set) var status: RequestStatus

    init(_ stored: StateRecord) throws(RuleViolation) {
        record = try RequestRecord(stored)
        ref = stored.id
        fields = stored.fields
        status = record.status
    }

    /// The request `ref` a decision names; refused when it is not recorded.
    init(_ context: FundContext, ref: String) throws {
        try self.init(try context.require("request", ref, "request"))
    }

    mutating func set(_ status: RequestStatus) {
        self.status = status
        fields["status"] = status.field
    }

    var action: String { record.action }
    var requester: String { record.requester }
    var date: String { record.date.description }

    func params(_ context: FundContext) throws -> JSONFields {
        try JSONFields(.object(record.params), context: "request \(ref)")
    }

    /// The action as the rules switch over it; an unknown one means the derived tables were edited.
    func requestAction(_ context: FundContext) throws -> RequestAction {
        guard let known = RequestAction(rawValue: action) else {
            throw context.refuse(.damagedState, "request \(ref) has an unknown action \(action)")
        }
        return known
    }
}
