import CanonicalJSON
import LedgerCore
import LedgerJournal

/// Secretariat direct costs (account 5300): what the Fund's secretariat spends itself — the Board
/// of Trustees' meetings, evaluations, the external audit fee — as opposed to grants. A cost is a
/// request (`secretariat.cost`, fund manager), certified (funds available, and the cash to pay it
/// and its PSC on its date) and approved by another person; the approval pays it:
/// Dr 5300 the cost, Cr 1100; Dr 5200 the PSC on it at the fund's rate, Cr 1100.
/// It is under two-person approval on every fund ledger, whatever the policy lists.
public enum SecretariatRules {
    /// The request action.
    public static let action = "secretariat.cost"

    /// What the cost was for: the budget's secretariat line, by purpose.
    public enum Category: String, Sendable, CaseIterable {
        /// The Board of Trustees' meetings (travel, interpretation, rooms).
        case board
        /// Evaluations of the Fund and of its grants.
        case evaluation
        /// The external audit fee.
        case audit
        /// Other direct costs of the secretariat (e.g. outreach, translation).
        case other
    }

    /// Checks a request: `{"action", "category", "payee", "amount", "invoice", "description"?}`,
    /// the amount in the fund currency.
    static func request(_ context: FundContext) throws {
        _ = try category(context.data, context)
        let params = try context.decode(ActionRequest<SecretariatCostParams>.self).params
        try context.checkText(params.payee, "payee", max: Limits.nameLengthMax)
        try context.positive(params.amount, "amount")
        try checkPayable(params.amount, context)
        try context.checkText(params.invoice, "invoice", max: Limits.refLengthMax)
        if let description = params.description { try context.checkText(description, "description", max: Limits.memoLengthMax) }
    }

    /// A cost whose PSC would take it past the largest amount vtf keeps could never be paid: it
    /// is refused when asked for, with the fix, not at certification with an arithmetic message.
    static func checkPayable(_ amount: Amount, _ context: FundContext) throws {
        guard try FundSettings.value("psc_rate", on: context.date, state: context.state) != nil else { return }
        do { _ = try amount.plus(try psc(on: amount, date: context.date, state: context.state)) } catch {
            throw context.refuse(.badField, """
                amount \(amount.decimalString) is too large: with the PSC on it, it passes the largest amount vtf keeps \
                (\(Amount(minorUnits: .max, currency: amount.currency).decimalString)); ask for the real cost
                """)
        }
    }

    static func category(_ fields: JSONFields, _ context: FundContext) throws -> Category {
        let text = try fields.string("category")
        guard let category = Category(rawValue: text) else {
            throw context.refuse(.badField, "category \"\(text)\" is not one of \(Category.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return category
    }

    /// The cost and the PSC charged on it, in the fund currency, at the `psc_rate` in force on
    /// the request's date (`params` reads the request's data; approvals carry that date).
    static func cost(_ params: FundContext) throws -> (cost: Amount, psc: Amount) {
        let cost = try params.decode(ActionRequest<SecretariatCostParams>.self).params.amount
        return (cost, try psc(on: cost, date: params.date, state: params.state))
    }

    /// The PSC on `cost` at the `psc_rate` in force on `date`: the one computation behind the
    /// approval's postings and what a certified request holds.
    static func psc(on cost: Amount, date: LedgerDate, state: any LedgerStateReading) throws -> Amount {
        guard let rate = try FundSettings.value("psc_rate", on: date, state: state) else {
            throw RuleViolation(.missingRate, "the setting psc_rate has no value on \(date)")
        }
        return try FundSettings.applying(try Decimal64(parsing: rate), to: cost)
    }

    /// What the certified request `record` (of this action) will take from cash: its cost and its
    /// PSC at its own date.
    static func held(by record: RequestRecord, fund: Currency, state: any LedgerStateReading) throws -> Amount {
        let cost = try Amount.stored(record.params["amount"]?.stringValue ?? "", fund)
        return try cost.plus(try psc(on: cost, date: record.date, state: state))
    }

    /// What the certifying officer confirms and the approval checks again: the cost and its PSC
    /// fit in the funds available and in the cash held on the request's date.
    static func checkCertifiable(_ request: Request, _ params: FundContext, _ context: FundContext, stage: String) throws {
        let (cost, psc) = try cost(params)
        let total = try cost.plus(psc)
        let funds = try FundsAvailable.forCommitment(
            context.state, asOf: try ActionRules.postingDate(request, context), excludingRequest: request.ref)
        try ActionRules.checkAvailable(total, funds, "secretariat cost \(request.ref) of \(cost.decimalString) and its PSC of \(psc.decimalString)", context, stage: stage)
        try ActionRules.checkCash(for: total, request, context, stage: stage)
    }

    /// The approval's postings: the cost and its PSC, each paid from cash.
    static func approve(_ params: FundContext, _ outcome: inout FundOutcome) throws {
        let (cost, psc) = try cost(params)
        outcome.post(FundChart.secretariat, cost, value: cost)
        outcome.post(FundChart.cash, try cost.negative(), value: try cost.negative())
        outcome.post(FundChart.psc, psc, value: psc)
        outcome.post(FundChart.cash, try psc.negative(), value: try psc.negative())
    }
}

extension SecretariatRules {
    /// Secretariat costs and their PSC certified and not yet approved on `date` (funds available
    /// leaves them out, as it leaves out certified grant awards), in the fund currency.
    static func certified(_ state: any LedgerStateReading, asOf date: LedgerDate, excludingRequest: String?) throws -> Amount {
        guard let fund = state.settings?.currency else { throw RuleViolation(.genesis, "the ledger has no genesis entry") }
        var total = Amount.zero(fund)
        for stored in try state.records(RequestRecord.collection) where stored.id != excludingRequest {
            let record = try RequestRecord(stored)
            guard record.action == action, record.status == .certified, record.date <= date else { continue }
            total = try total.plus(try held(by: record, fund: fund, state: state))
        }
        return total
    }
}
