import LedgerJournal
import CanonicalJSON
import LedgerCore

/// `receivable.impair`, a two-person action: an allowance for a contribution receivable that may
/// not be collected (1210, a contra-asset: DOMAIN.md §5), Dr 5600, Cr 1210.DONOR in the receivable's
/// currency, at the carrying value of that part of 1200.DONOR. The receivable stays owed: a later
/// write-off takes the allowance first (``ActionRules/postWriteOff(_:of:_:_:)``), and an approved
/// reversal undoes the impairment. The request records the agreement's ageing on its date, which
/// the certifying officer sees.
enum ImpairmentRules {
    /// `approval.request` with action `receivable.impair`: `{"agreement", "amount"}` in the
    /// agreement's currency. Returns the ageing basis the request record keeps.
    static func request(_ context: FundContext) throws -> JSONObject {
        let agreement = try Agreement(context, try context.data.string("agreement"))
        let params = try context.decode(ActionRequest<ReceivableParams>.self, currency: agreement.currency).params
        let amount = try context.positive(params.amount, "amount")
        try checkImpairable(amount, agreement, context, stage: nil)
        let settled = try agreement.amount("received").plus(agreement.amount("written_off"))
        let ageing = try ReceivableAgeing.compute(instalments(agreement, context), settled: settled, asOf: context.date)
        return ["ageing": ReceivableAgeing.json(ageing, asOf: context.date)]
    }

    /// What certification and approval check again: the amount is still impairable.
    static func checkCertifiable(_ params: FundContext, _ context: FundContext, stage: String) throws {
        let agreement = try Agreement(context, try params.data.string("agreement"))
        let amount = try params.decode(ActionRequest<ReceivableParams>.self, currency: agreement.currency).params.amount
        try checkImpairable(amount, agreement, context, stage: stage)
    }

    /// At approval: Dr 5600 / Cr 1210.DONOR at the carrying value of `amount` of 1200.DONOR; the
    /// agreement's `impaired` grows by it.
    static func approve(_ params: FundContext, _ context: FundContext, _ outcome: inout FundOutcome) throws {
        var agreement = try Agreement(context, try params.data.string("agreement"))
        let amount = try params.decode(ActionRequest<ReceivableParams>.self, currency: agreement.currency).params.amount
        try checkImpairable(amount, agreement, context, stage: "approval")
        let value = try FundMoney.carry(try FundChart.receivables.sub(agreement.donor), amount, context)
        let donor = try context.require("donor", agreement.donor, "donor")
        let allowance = try ContributionRules.subAccount(
            FundChart.allowance, agreement.donor, "Allowance for doubtful contributions – \(try DonorRecord(donor).name)",
            .asset, context, &outcome)
        outcome.post(FundChart.writeOffs, amount, value: value)
        outcome.post(allowance, try amount.negative(), value: try value.negative())
        agreement.set("impaired", try impaired(agreement).plus(amount))
        outcome.put("agreement", agreement.id, seq: context.seq, agreement.fields)
    }

    static func impaired(_ agreement: Agreement) throws -> Amount {
        try agreement.amountOrZero("impaired")
    }

    /// The allowance already held for `agreement`: what its approved impairments added, as far
    /// as 1210.DONOR still holds it in the agreement's currency (a write-off takes it first).
    static func held(_ agreement: Agreement, _ context: FundContext) throws -> Amount {
        let mine = try impaired(agreement)
        let allowance = try FundChart.allowance.sub(agreement.donor)
        guard try context.state.account(allowance) != nil else { return .zero(agreement.currency) }
        let balance = try FundMoney.balance(allowance, agreement.currency, context).amount.negative()
        let held = balance.minorUnits < mine.minorUnits ? balance : mine
        return held.minorUnits > 0 ? held : .zero(agreement.currency)
    }

    /// Refuses an impairment of what is still deferred revenue (a conditional agreement whose
    /// condition is not met: no revenue was recognised, so there is none to impair) and one above
    /// what is outstanding less the allowance already held for the agreement.
    static func checkImpairable(_ amount: Amount, _ agreement: Agreement, _ context: FundContext, stage: String?) throws {
        let code = agreement.currency.code
        let outstanding = try agreement.outstanding()
        let deferredAll = try agreement.amount("deferred")
        let deferred = deferredAll.minorUnits <= outstanding.minorUnits ? deferredAll : outstanding
        let held = try held(agreement, context)
        var room = try outstanding.minus(deferred).minus(held)
        if room.isNegative { room = .zero(agreement.currency) }
        guard amount.minorUnits > room.minorUnits else { return }
        let prefix = stage.map { "\($0) refused: " } ?? ""
        let fix = stage == nil ? "ask for at most \(room.decimalString) \(code)" : "reject the request"
        if deferred.minorUnits > 0 {
            throw context.refuse(.wrongState, """
                \(prefix)agreement \(agreement.id) is conditional and \(deferred.decimalString) \(code) of its \(outstanding.decimalString) \(code) \
                outstanding is still deferred revenue (2200.\(agreement.donor)): no revenue was recognised, so there is none to impair \
                (\(held.decimalString) \(code) is already impaired); write off what will not be paid instead (vtf receivable write-off, \
                Dr 2200), or \(fix)
                """)
        }
        throw context.refuse(.fundsUnavailable, """
            \(prefix)agreement \(agreement.id) has \(outstanding.decimalString) \(code) outstanding, of which \(held.decimalString) \(code) \
            is already covered by the allowance (1210.\(agreement.donor)); \(amount.decimalString) \(code) is more than the \
            \(room.decimalString) \(code) left to impair: \(fix)
            """)
    }

    static func instalments(_ agreement: Agreement, _ context: FundContext) throws -> [(due: LedgerDate, amount: Amount)] {
        agreement.terms.instalments.map { ($0.due, $0.amount) }
    }
}
