import LedgerJournal
import CanonicalJSON
import LedgerCore

/// Revaluation, cash-pool interest and the operating reserve (the year-end close: ``YearEndRules``).
enum PeriodEndRules {
    /// `fx.revalue`: `{}`. Every foreign-currency balance of a monetary account is revalued at
    /// the rate in force on the entry's date: a line of amount 0 carries the change in value,
    /// and one line per currency the net unrealised gain (4900) or loss (5900).
    static func revalue(_ context: FundContext) throws -> FundOutcome {
        _ = try context.decode(NoData.self)
        var outcome = FundOutcome()
        var net: [Currency: Amount] = [:]
        for prefix in FundChart.monetary {
            for line in try context.state.balanceLines(under: prefix) where line.amount.currency != context.fundCurrency {
                let target = try FundMoney.value(line.amount, on: context.date, context)
                let delta = try target.minus(line.value)
                guard !delta.isZero else { continue }
                outcome.post(line.account, .zero(line.amount.currency), value: delta)
                net[line.amount.currency] = try (net[line.amount.currency] ?? .zero(context.fundCurrency)).plus(delta)
            }
        }
        guard !outcome.postings.isEmpty else { throw context.refuse(.nothingToDo, "nothing to revalue: every foreign-currency balance is at the rate of \(context.date)") }
        for currency in net.keys.sorted() {
            FundMoney.postFX(try net[currency, default: .zero(context.fundCurrency)].negative(), currency: currency, into: &outcome)
        }
        return outcome
    }

    /// `interest.allocate` (ref = Treasury's allocation): `{"income", "costs"}` in the fund
    /// currency. The fund's share of the main cash pool: Dr 1100 / Cr 4200, and Dr 5500 / Cr 1100.
    static func interest(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(InterestAllocation.self)
        let income = try context.notNegative(data.income, "income")
        let costs = try context.notNegative(data.costs ?? .zero(context.fundCurrency), "costs")
        guard !(income.isZero && costs.isZero) else { throw context.refuse(.nothingToDo, "income and costs are both zero") }
        var outcome = FundOutcome()
        outcome.post(FundChart.cash, income, value: income)
        outcome.post(FundChart.investmentIncome, try income.negative(), value: try income.negative())
        outcome.post(FundChart.cashPoolCosts, costs, value: costs)
        outcome.post(FundChart.cash, try costs.negative(), value: try costs.negative())
        return outcome
    }

    /// `reserve.adjust`: `{}`. Brings 3300 to reserve_rate % of planned_expenditure (the settings
    /// in force on the entry's date), from or to accumulated surplus (3100).
    static func reserve(_ context: FundContext) throws -> FundOutcome {
        _ = try context.decode(NoData.self)
        let fund = context.fundCurrency
        let required = try FundSettings.applying(
            try FundSettings.percent("reserve_rate", context), to: try FundSettings.money("planned_expenditure", context))
        let held = try FundMoney.balance(FundChart.reserve, fund, context).amount.negative()
        let delta = try required.minus(held)
        guard !delta.isZero else { throw context.refuse(.nothingToDo, "the operating reserve already holds the required \(required.decimalString)") }
        var outcome = FundOutcome()
        outcome.post(FundChart.surplus, delta, value: delta)
        outcome.post(FundChart.reserve, try delta.negative(), value: try delta.negative())
        return outcome
    }
}
