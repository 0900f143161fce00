public import LedgerJournal
import CanonicalJSON
public import LedgerCore

/// The Board-approved budget of a year (IPSAS 24), a two-person action on every fund ledger:
/// the fund manager requests it (`approval.request`, action `budget.set`), a certifying officer
/// certifies it and an approving officer — neither of them — approves it. The approval posts
/// nothing; it records the budget in `budget.YEAR`, one record per effective date (`from`).
///
/// The budget in force for a year on a date is the approved one with the latest `from` on or
/// before it; the first approved is the original budget, the one in force at year end the final
/// budget (IPSAS 24 ¶¶ 14–15). The same checks run at request, certification and approval, and
/// again when `vtf verify` replays the journal.
public enum BudgetRules {
    /// The request's action.
    public static let action = "budget.set"

    /// The budget's categories, in the order the report shows them: grants (5100), the
    /// secretariat's fund management costs (5300, 5400, 5500) and programme support costs (5200).
    public static let categories = ["grants", "secretariat", "psc"]

    /// The collection of a year's approved budgets, by `from`.
    public static func collection(_ year: Int64) -> String { "budget.\(year)" }

    /// `approval.request` with action `budget.set`: `{"action", "year", "grants", "secretariat",
    /// "psc", "from", "decision"?}`, amounts in the fund currency; `decision` names the Board's
    /// decision (e.g. "Board session 14, decision 3").
    static func request(_ context: FundContext, ref: String) throws {
        _ = try check(context, ref: ref)
    }

    /// What the certifying officer confirms, and the approval checks again.
    static func checkCertifiable(_ request: Request, _ context: FundContext) throws {
        _ = try check(context.reading(try request.params(context)), ref: request.ref)
    }

    /// The approval records the budget under its year and `from`; nothing is posted.
    static func approve(_ request: Request, _ context: FundContext, _ outcome: inout FundOutcome) throws {
        let params = context.reading(try request.params(context))
        let budget = try check(params, ref: request.ref)
        var fields: JSONObject = [
            "request": .string(request.ref), "date": .string(request.date), "total": .string(budget.total.decimalString),
            "requester": .string(request.requester), "certifier": request.record.certifier.map(JSONValue.string) ?? .null,
            "approver": .string(context.signer.record.holder),
        ]
        for (name, amount) in zip(categories, budget.amounts) { fields[name] = .string(amount.decimalString) }
        if let decision = try params.decode(ActionRequest<BudgetParams>.self).params.decision { fields["decision"] = .string(decision) }
        outcome.put(collection(budget.year), budget.from.description, seq: context.seq, fields)
    }

    /// Checks a budget's parameters (`fields.data`) against the ledger: its year, amounts and
    /// `from`, the year still open, and no other budget of the year from the same day, approved
    /// or waiting (other than request `ref` itself).
    static func check(_ fields: FundContext, ref: String) throws -> (year: Int64, from: LedgerDate, amounts: [Amount], total: Amount) {
        let params = try fields.decode(ActionRequest<BudgetParams>.self).params
        let year = params.year
        guard (1970...9998).contains(year) else { throw fields.refuse(.badField, "year \(year) is not a budget year vtf keeps (1970...9998)") }
        var amounts: [Amount] = []
        var total = Amount.zero(fields.fundCurrency)
        for (name, amount) in zip(categories, params.amounts) {
            amounts.append(try fields.notNegative(amount, name))
            total = try total.plus(amount)
        }
        if let decision = params.decision { try fields.checkText(decision, "decision", max: Limits.memoLengthMax) }
        let from = params.from
        let first = "\(year - 1)-01-01"
        let last = "\(year)-12-31"
        guard from.description >= first, from.description <= last else {
            throw fields.refuse(.wrongDate, """
                a budget for \(year) takes effect from a day in \(year) (or in \(year - 1), when the Board approves it before the \
                year begins): from \(first) through \(last), not \(from)
                """)
        }
        if let closed = try FundSettings.closedThrough(fields.state), closed.date >= last {
            throw fields.refuse(.closedYear, "\(year) is closed (through \(closed.date)): its budget can no longer be set or revised")
        }
        if let existing = try fields.state.record(collection(year), from.description) {
            let by = try RecordFields(existing, existing.collection).string("request")
            throw fields.refuse(.alreadyRecorded, "a budget for \(year) from \(from) is already approved (request \(by), entry \(existing.seq)); a revision takes effect from another day")
        }
        for stored in try fields.state.records("request") where stored.id != ref {
            let other = try RequestRecord(stored)
            guard other.requestAction == .budgetSet else { continue }
            let status = other.status
            let params = other.params
            guard status.isOpen, params["year"]?.integerValue == year,
                params["from"]?.stringValue == from.description
            else { continue }
            throw fields.refuse(.alreadyRecorded, "a budget for \(year) from \(from) is already requested (\(other.ref), \(status)); approve or reject it first")
        }
        return (year, from, amounts, total)
    }
}

/// One approved budget of a year, read back from its `budget.YEAR` record.
public struct ApprovedBudget: Sendable, Equatable {
    /// The budget year.
    public let year: Int64
    /// The first day it is in force.
    public let from: LedgerDate
    /// The date of its request and approval.
    public let approvedOn: LedgerDate
    /// The approval's entry.
    public let seq: UInt64
    /// The ref of the `approval.request` that proposed it.
    public let request: String
    /// The amount for grants, in the fund currency.
    public let grants: Amount
    /// The amount for the secretariat (fund management), in the fund currency.
    public let secretariat: Amount
    /// The amount for programme support costs, in the fund currency.
    public let psc: Amount
    /// The sum of the three categories, in the fund currency.
    public let total: Amount
    /// The Board's decision it carries out (e.g. "Board session 14, decision 3"), or nil.
    public let decision: String?
    /// The holder who requested it.
    public let requester: String
    /// The holder who certified it.
    public let certifier: String
    /// The holder who approved it.
    public let approver: String

    /// Reads `record` of `budget.YEAR`; refuses a malformed one (an edited derived table).
    public init(_ record: StateRecord, year: Int64, currency: Currency) throws(RuleViolation) {
        let fields = try RecordFields(record.fields, named: "budget record \(record.collection)/\(record.id)")
        func text(_ name: String) throws(RuleViolation) -> String { try fields.string(name) }
        func date(_ value: String) throws(RuleViolation) -> LedgerDate {
            do { return try LedgerDate(parsing: value) } catch {
                throw RuleViolation(.damagedState, "budget record \(record.collection)/\(record.id) holds a malformed date \"\(value)\"; run vtf verify (the derived tables may have been edited)")
            }
        }
        self.year = year
        from = try date(record.id)
        approvedOn = try date(try text("date"))
        seq = record.seq
        request = try text("request")
        grants = try Amount.stored(try text("grants"), currency)
        secretariat = try Amount.stored(try text("secretariat"), currency)
        psc = try Amount.stored(try text("psc"), currency)
        total = try Amount.stored(try text("total"), currency)
        decision = try fields.optionalString("decision")
        requester = try text("requester")
        certifier = try text("certifier")
        approver = try text("approver")
    }

    /// The original budget among `budgets` known on `date` (approved on or before it): the
    /// first approved.
    public static func original(_ budgets: [ApprovedBudget], asOf date: LedgerDate) -> ApprovedBudget? {
        budgets.filter { $0.approvedOn <= date }.min { $0.seq < $1.seq }
    }

    /// The final budget among `budgets`: the one in force at year end, the latest `from`.
    public static func final(_ budgets: [ApprovedBudget]) -> ApprovedBudget? {
        budgets.max { $0.from < $1.from }
    }

    /// The budget in force on `date` as known on `date`: of those approved on or before it, the
    /// one with the latest `from` on or before it.
    public static func inForce(_ budgets: [ApprovedBudget], on date: LedgerDate) -> ApprovedBudget? {
        budgets.filter { $0.approvedOn <= date && $0.from <= date }.max { $0.from < $1.from }
    }
}

extension FundChart {
    /// Fund management: the Board, evaluation and audit (the secretariat's costs with 5400 and 5500).
    public static let fundManagement = code("5300")
}
