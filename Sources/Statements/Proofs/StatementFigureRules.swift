public import AuditBundle
import CanonicalJSON
public import LedgerCore
public import LedgerJournal
import TrustFundRules

/// The figures of a donor statement and what proves them: which are sealed balances or flows
/// (`FigureDefinition`), and why the others cannot be.
public enum StatementFigureRules {
    /// The definitions of the statement's provable figures, for the donor `donor`, the period
    /// `from`...`to`, a fund in `fund`, and the currencies the statement's outstanding totals
    /// are in. A flow is the balance at `to` less the balance the day before `from`.
    public static func definitions(
        from: LedgerDate, to: LedgerDate, donor: String, fund: Currency, outstanding: [Currency]
    ) -> [FigureDefinition] {
        // 1900-01-01 has no day before it: the flow then subtracts that day's balances, and is
        // proven only if they are zero (no ledger holds an earlier date).
        let before = from.addingClamped(days: -1)
        func balance(_ accounts: [String], sign: Int = 1) -> [FigureDefinition.Term] {
            accounts.map { .init(sign: sign, asOf: to, scope: AccountScope($0)) }
        }
        func flow(_ account: String, sign: Int = 1) -> [FigureDefinition.Term] {
            [.init(sign: sign, asOf: to, scope: AccountScope(account)), .init(sign: -sign, asOf: before, scope: AccountScope(account))]
        }
        // Net assets are assets less liabilities; as every entry's values balance (and the memo
        // accounts among themselves), they are also minus the net asset, revenue and expense
        // balances: a few top accounts, where assets and liabilities hold a sub-account per
        // donor and grant that a donor's statement need neither carry nor show.
        let equity = FundChart.accounts.filter { [.netAssets, .revenue, .expense].contains($0.type) }.map(\.code)
        var definitions = [
            FigureDefinition(figure: "fund_use.fund_balance", measure: .value(fund), terms: balance(equity, sign: -1)),
            FigureDefinition(figure: "fund_use.reserve", measure: .value(fund), terms: balance([FundChart.reserve.rawValue], sign: -1)),
            FigureDefinition(figure: "fund_use.grants_committed", measure: .value(fund), terms: flow(FundChart.awardedContra.rawValue, sign: -1)),
            FigureDefinition(figure: "fund_use.grants_paid", measure: .value(fund), terms: flow(FundChart.paidContra.rawValue)),
            FigureDefinition(figure: "fund_use.grants_spent", measure: .value(fund), terms: flow(FundChart.grantExpense.rawValue)),
            FigureDefinition(figure: "fund_use.psc", measure: .value(fund), terms: flow(FundChart.psc.rawValue)),
        ]
        for currency in outstanding.sorted(by: { $0.code < $1.code }) {
            definitions.append(
                FigureDefinition(
                    figure: "totals.outstanding.\(currency.code)", measure: .amount(currency),
                    terms: balance(["\(FundChart.receivables.rawValue).\(donor)"])))
        }
        return definitions
    }

    /// The statement's figures that no sealed balance is, and why: the donor is told so. (None:
    /// every amount is a balance or a flow, and the number of grants paid is read from the
    /// proof of the grants paid, ``paidCount``.)
    public static let unprovable: [(figure: String, why: String)] = []

    /// The number of grants paid something in the period: not an amount, but the number of
    /// grants whose sub-account of 9900.PAID the proof of `fund_use.grants_paid` shows rising.
    public static let paidCount = "fund_use.grants_paid_count"

    /// How many sub-accounts of 9900.PAID (one per grant) rose over `terms`: each term's sign and
    /// the leaves of its run that the scope holds, as the proof of `fund_use.grants_paid` gives them.
    public static func grantsPaid(_ terms: [(sign: Int, leaves: [BalanceLeaf])], currency: Currency) throws -> Int {
        var moved: [String: Amount] = [:]
        let prefix = FundChart.paidContra.rawValue + "."
        for (sign, leaves) in terms {
            for leaf in leaves where leaf.account.hasPrefix(prefix) {
                let value = try Amount(parsing: leaf.value, currency: currency, mode: .exact)
                let now = moved[leaf.account] ?? .zero(currency)
                moved[leaf.account] = try sign < 0 ? now.subtracting(value) : now.adding(value)
            }
        }
        return moved.values.filter { $0.minorUnits > 0 }.count
    }

    /// The grant flows a fund set up before they were kept apart cannot prove, and why.
    public static let unkeptGrantFlows: [(figure: String, why: String)] = [
        ("fund_use.grants_committed", "this fund was set up before awards and payments had memo contras of their own (9900.AWARDED, 9900.PAID): they net in 9200.GRANT, so no balance moves by this figure alone; every award is an entry of the journal (vtf report grants)"),
        ("fund_use.grants_paid", "this fund was set up before awards and payments had memo contras of their own (9900.AWARDED, 9900.PAID): they net in 9200.GRANT, so no balance moves by this figure alone; every payment is an entry of the journal (vtf report grants)"),
        (paidCount, "the grants paid are not proven (above), and so neither is their number"),
    ]

    /// The amount the statement's JSON `object` states for `figure`, nil when it states none.
    static func stated(_ figure: String, in object: JSONObject, currency: Currency) -> Amount? {
        let parts = figure.split(separator: ".").map(String.init)
        let text: String?
        switch parts.count {
        case 2: text = object[parts[0]]?.objectValue?[parts[1]]?.stringValue
        case 3:
            text = object[parts[0]]?.objectValue?[parts[1]]?.arrayValue?
                .compactMap(\.objectValue).first { $0["currency"]?.stringValue == parts[2] }?["amount"]?.stringValue
        default: text = nil
        }
        return text.flatMap { try? Amount(parsing: $0, currency: currency, mode: .exact) }
    }
}
