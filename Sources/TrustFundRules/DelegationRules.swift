import LedgerJournal
import CanonicalJSON
import LedgerCore

/// Delegation of authority: an admin records, for a certifying or approving officer's key, the
/// amount up to which the officer may certify or approve and the period in which it may
/// (`key.delegate`). A key with no delegation recorded has no limit, as before.
enum DelegationRules {
    /// The collection of a key's delegations: one record per effective date (`from`).
    static func collection(_ keyID: String) -> String { "delegation.\(keyID)" }

    /// `key.delegate`: `{"key_id", "limit", "from", "to"}`, the limit in the fund currency.
    static func delegate(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(DelegationData.self)
        let keyID = data.keyID
        guard let key = try context.state.key(id: keyID), key.revokedSeq == nil else {
            throw context.refuse(.unknownKey, "key \(keyID) is not a registered, unrevoked key; register it first (vtf key register)")
        }
        guard key.record.roles.contains(.certifyingOfficer) || key.record.roles.contains(.approvingOfficer) else {
            throw context.refuse(.signerRole, "key \(keyID) (\(key.record.holder)) is neither a certifying nor an approving officer's key; only those carry a delegation")
        }
        let limit = try context.positive(data.limit, "limit")
        let from = data.from
        let to = data.to
        guard from.description <= to.description else {
            throw context.refuse(.wrongDate, "the delegation runs from \(from) to \(to): to must not be before from")
        }
        if let existing = try context.state.record(collection(keyID), from.description) {
            throw context.refuse(.alreadyRecorded, "a delegation of key \(keyID) from \(from) is already recorded (entry \(existing.seq)); record one from another day")
        }
        var outcome = FundOutcome()
        outcome.put(collection(keyID), from.description, seq: context.seq, [
            "limit": .string(limit.decimalString), "to": .string(to.description), "holder": .string(key.record.holder),
        ])
        return outcome
    }

    /// Refuses the signer's certification or approval of `request` when its key has a
    /// delegation and the request's date is outside the period of the delegation in force on it
    /// (the latest one from on or before that date), or its value is above that delegation's limit.
    static func check(_ request: Request, _ context: FundContext, stage: String) throws {
        let keyID = context.signer.record.keyID
        let delegations = try context.state.records(collection(keyID))
        guard !delegations.isEmpty else { return }
        let day = request.date
        let holder = context.signer.record.holder
        let inForce = delegations.last(where: { $0.id <= day })
        let terms = try inForce.map { (record) throws(RuleViolation) in try RecordFields(record, record.collection) }
        guard let inForce, let terms, day <= (try terms.string("to")) else {
            var listed: [String] = []
            for delegation in delegations { listed.append("\(delegation.id) to \(try RecordFields(delegation, delegation.collection).string("to"))") }
            let periods = listed.joined(separator: ", ")
            throw context.refuse(.delegation, "\(stage) refused: request \(request.ref) of \(day) is outside the delegation period of \(holder)'s key (\(periods)); the admin records a delegation covering it (vtf key delegate) or another officer acts")
        }
        let limit = try terms.amount("limit", context.fundCurrency)
        let value = try self.value(of: request, context)
        guard value.minorUnits <= limit.minorUnits else {
            throw context.refuse(.delegation, "\(stage) refused: request \(request.ref) is worth \(value.decimalString) \(context.fundCurrency.code), above the limit of \(limit.decimalString) delegated to \(holder)'s key from \(inForce.id) (entry \(inForce.seq)); an officer with a higher limit acts, or the admin records a higher one (vtf key delegate)")
        }
    }

    /// What the request is worth in the fund currency: its amount (at the day's rate when in
    /// another currency), or for a voucher or a reversal the sum of its debit values; zero for
    /// an action without an amount (a setting change, a year close, a budget).
    static func value(of request: Request, _ context: FundContext) throws -> Amount {
        let params = context.reading(try request.params(context))
        switch request.action {
        case "voucher":
            return try sumOfDebits(try ActionRules.voucherPostings(params), context)
        case "reversal":
            let number = try params.decode(ActionRequest<ReversalParams>.self).params.reverses
            guard number >= 0, let target = try context.state.postings(ofEntry: UInt64(number)) else {
                throw context.refuse(.notFound, "request \(request.ref) reverses \(number), which is not an earlier entry")
            }
            return try sumOfDebits(target.postings, context)
        default:
            guard params.data.object["amount"] != nil else { return .zero(context.fundCurrency) }
            let currency: Currency
            if request.action == "receivable.write-off" || request.action == "receivable.impair" {
                currency = try Agreement(params, try params.data.string("agreement")).currency
            } else if params.data.object["currency"] != nil {
                currency = try params.currency("currency")
            } else {
                currency = context.fundCurrency
            }
            return try FundMoney.value(try params.positiveAmount("amount", currency), on: context.date, context)
        }
    }

    static func sumOfDebits(_ postings: [Posting], _ context: FundContext) throws -> Amount {
        var total = Amount.zero(context.fundCurrency)
        for posting in postings where posting.value.minorUnits > 0 { total = try total.plus(posting.value) }
        return total
    }
}
