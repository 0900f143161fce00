import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

extension BudgetCommand.List {
    /// `vtf budget list --format json` (schema: Schemas/json/budget-list.schema.json): every
    /// approved budget by year and `from`, in the fund's currency; `original` marks the year's
    /// first, `in_force_at_year_end` its last.
    static func json(_ ledger: any LedgerReading, currency: Currency, year: Int?) async throws -> JSONValue {
        let prefix = "budget."
        let years = try await ledger.allFundRecords().compactMap { record -> Int64? in
            guard record.collection.hasPrefix(prefix) else { return nil }
            return Int64(record.collection.dropFirst(prefix.count))
        }
        var items: [JSONValue] = []
        for budgetYear in Array(Swift.Set(years)).sorted() where year.map({ Int64($0) == budgetYear }) ?? true {
            let budgets = try await ledger.fundRecords(BudgetRules.collection(budgetYear)).map {
                try ApprovedBudget($0, year: budgetYear, currency: currency)
            }
            let first = budgets.min { $0.seq < $1.seq }?.seq
            let last = budgets.last?.seq
            for budget in budgets {
                items.append(.object(JSONObject([
                    ("year", .integer(budgetYear)), ("from", .string(budget.from.description)), ("currency", .string(currency.code)),
                    ("grants", .string(budget.grants.decimalString)), ("secretariat", .string(budget.secretariat.decimalString)),
                    ("psc", .string(budget.psc.decimalString)), ("total", .string(budget.total.decimalString)),
                    ("original", .bool(budget.seq == first)), ("in_force_at_year_end", .bool(budget.seq == last)),
                    ("request", .string(budget.request)), ("approved_on", .string(budget.approvedOn.description)),
                    ("approver", .string(budget.approver)), ("seq", .integer(Int64(budget.seq))),
                    ("decision", budget.decision.map(JSONValue.string) ?? .null),
                ])))
            }
        }
        return .object(["budgets": .array(items)])
    }
}
