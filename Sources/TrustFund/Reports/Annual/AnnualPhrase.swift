/// A sentence of the annual report's notes, with its figures: written here in English; the
/// French is written by the renderer for each case (Statements/Render/AnnualText), so a new
/// sentence cannot go untranslated.
public enum AnnualPhrase: Sendable, Equatable {
    /// The accrual basis and IPSAS.
    case accrualBasis
    /// The functional currency, and UN operational rates of exchange for other currencies.
    case functionalCurrency(currency: String)
    /// Revenue from contributions (IPSAS 23), conditional agreements deferred.
    case revenueRecognition
    /// The PSC rate in force at the year end.
    case pscRate(percent: String)
    /// The operating cash reserve and its rate.
    case operatingReserve(percent: String)
    /// Write-offs and impairment, with the limit per agreement and year.
    case writeOffs(limit: String, currency: String)
    /// Grants: advances until partners report, then expensed.
    case grantsExpensed
    /// The open commitments note.
    case commitmentsIntro(date: String)
    /// The receivables note.
    case receivablesIntro(date: String)
    /// The FX note: realised and unrealised.
    case fxIntro
    /// Events after the reporting date: entries dated after the year end, up to the day made.
    case eventsIntro(from: String, to: String, count: Int)
    /// None after the year end.
    case eventsNone(from: String, to: String)
    /// The events are non-adjusting.
    case eventsNonAdjusting
    /// The prior-year column is blank: the fund's ledger starts after that year.
    case noPriorYear(start: String)
    /// A statement's check, holding or not.
    case check(statement: String, holds: Bool)
    /// The budget comparison is not part of this report (no budget report in this build).
    case budgetNotAvailable
    /// No budget approved for the year: the budget columns are empty.
    case budgetNotApproved(year: String)
    /// Budget and actual on the same (accrual) basis, categories and period.
    case budgetBasis

    /// The sentence in English.
    public var english: String {
        switch self {
        case .accrualBasis:
            "The financial statements are prepared on the accrual basis under International Public Sector Accounting Standards (IPSAS), from the fund's signed journal; every figure can be recomputed from it."
        case .functionalCurrency(let currency):
            "The functional and presentation currency is \(currency). Transactions in other currencies are recorded at the United Nations operational rate of exchange (UNORE) of their date; monetary balances are revalued at the UNORE of the period end, the difference being an unrealised exchange gain or loss."
        case .revenueRecognition:
            "Voluntary contributions are non-exchange revenue (IPSAS 23): recognised when a binding agreement is signed, as a receivable. Contributions under conditional agreements are held as deferred revenue (a liability) until the condition is met; pledges not yet binding are disclosed as memo items only."
        case .pscRate(let percent):
            "Programme support costs are charged at \(percent)% of the expenditure the implementing partners report."
        case .operatingReserve(let percent):
            "An operating cash reserve of \(percent)% of planned expenditure is kept within net assets (3300) and adjusted at the year end."
        case .writeOffs(let limit, let currency):
            "Contributions receivable that will not be collected are impaired through the allowance for doubtful contributions (1210) or written off; a write-off needs two-person approval and may not exceed \(currency) \(limit) per agreement and year."
        case .grantsExpensed:
            "Grant instalments paid to implementing partners are advances (1300) until the partners report how they spent them; the reported expenditure is then expensed (5100). Open grant commitments are disclosed, not recognised."
        case .commitmentsIntro(let date):
            "Grants awarded and not yet paid as of \(date) (memo account 9200), by grant."
        case .receivablesIntro(let date):
            "Contributions receivable as of \(date) by donor and agreement (1200), their ageing by instalment due date in the agreement's currency, and the allowance for doubtful contributions (1210)."
        case .fxIntro:
            "Exchange gains (4900) and losses (5900) of the year. Those of period-end revaluations (fx.revalue) are unrealised; all others (receipts, conversions, refunds, write-offs) are realised."
        case .eventsIntro(let from, let to, let count):
            "\(count == 1 ? "1 entry is" : "\(count) entries are") dated after the reporting date, from \(from) to \(to) (the day this report was made), summarised by kind."
        case .eventsNone(let from, let to):
            "No entry is dated after the reporting date, from \(from) to \(to) (the day this report was made)."
        case .eventsNonAdjusting:
            "These events are non-adjusting (IPSAS 14): they arose after the reporting date and are not reflected in the figures of the year."
        case .noPriorYear(let start):
            "The fund's ledger starts on \(start): there are no prior-year figures."
        case .check(let statement, let holds):
            switch (statement, holds) {
            case ("financial_position", true): "Assets equal liabilities plus net assets."
            case ("financial_position", false): "Assets DO NOT equal liabilities plus net assets: run vtf verify."
            case ("net_assets", true): "Opening balance plus movements equals the closing balance in every component."
            case ("net_assets", false): "Opening balance plus movements DOES NOT equal the closing balance: run vtf verify."
            case ("cash_flow", true): "Opening cash plus the net change equals the closing cash, the balance of 1100."
            case ("cash_flow", false): "Opening cash plus the net change DOES NOT equal the balance of 1100: run vtf verify."
            case (_, true): "The statement's check holds."
            case (_, false): "The statement's check DOES NOT hold: run vtf verify."
            }
        case .budgetNotApproved(let year):
            "No budget for \(year) was approved by the year end: the budget lines are empty and only the actual amounts are shown."
        case .budgetBasis:
            "The budget and the financial statements are both on the accrual basis, by the same categories and for the same calendar year; the actual amounts are the year's expenses, on a comparable basis (IPSAS 24)."
        case .budgetNotAvailable:
            "The statement of comparison of budget and actual amounts (IPSAS 24) is not part of this report: no budget report is available in this version."
        }
    }
}
