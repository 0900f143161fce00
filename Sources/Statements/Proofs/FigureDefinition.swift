public import AuditBundle
import CanonicalJSON
import LedgerJournal
public import LedgerCore
import TrustFundRules

/// What a figure of a donor statement is in the books, as sealed balances: a sum of signed
/// terms, each the balances of an account and its sub-accounts at a seal as of a date. A balance
/// (the fund balance at the period's end) has one date; a flow over the period (PSC charged) is
/// the balance at the end less the balance the day before the period starts. The maker and the
/// verifier of a statement take the definitions from here, so a statement cannot choose its own.
public struct FigureDefinition: Sendable, Equatable {
    /// What the leaves' figures are summed as.
    public enum Measure: Sendable, Equatable {
        /// Σ `value`: every currency, at its value in the fund currency.
        case value(Currency)
        /// Σ `amount` of the leaves in this currency only.
        case amount(Currency)

        /// The currency the figure is in.
        public var currency: Currency {
            switch self {
            case .value(let currency), .amount(let currency): currency
            }
        }

        /// `value` or `amount`, as a statement names the measure.
        public var name: String {
            switch self {
            case .value: "value"
            case .amount: "amount"
            }
        }

        /// The leaf's figure in this measure: zero for a leaf in another currency (`.amount`).
        func figure(of leaf: BalanceLeaf) throws -> Amount {
            switch self {
            case .value(let currency): return try Amount(parsing: leaf.value, currency: currency, mode: .exact)
            case .amount(let currency):
                guard leaf.currency == currency.code else { return .zero(currency) }
                return try Amount(parsing: leaf.amount, currency: currency, mode: .exact)
            }
        }
    }

    /// One signed term: the balances of `scope` as of `asOf`, added (`sign` 1) or taken away (-1).
    public struct Term: Sendable, Equatable {
        /// 1 or -1.
        public let sign: Int
        /// The date of the seal the term reads.
        public let asOf: LedgerDate
        /// The account whose balances, its sub-accounts' included, the term sums.
        public let scope: AccountScope
    }

    /// The figure's name: the path of its member in the statement's JSON, e.g. `fund_use.psc`,
    /// or `totals.outstanding.EUR` for the outstanding amount in one currency.
    public let figure: String
    /// How the leaves are summed.
    public let measure: Measure
    /// The terms, in the order the statement gives their proofs.
    public let terms: [Term]

    /// The sum of `leaves` (the scope's leaves of each term, in order) in this figure's measure.
    func sum(_ leaves: [[BalanceLeaf]]) throws -> Amount {
        var total = Amount.zero(measure.currency)
        for (term, termLeaves) in zip(terms, leaves) {
            for leaf in termLeaves {
                let figure = try measure.figure(of: leaf)
                total = try term.sign < 0 ? total.subtracting(figure) : total.adding(figure)
            }
        }
        return total
    }
}

/// The figures of a donor statement and what proves them: which are sealed balances or flows
/// (``FigureDefinition``), and why the others cannot be.
public enum StatementFigureRules {
    /// The definitions of the statement's provable figures, for the donor `donor`, the period
    /// `from`...`to`, a fund in `fund`, and the currencies the statement's outstanding totals
    /// are in. A flow is the balance at `to` less the balance the day before `from`.
    public static func definitions(
        from: LedgerDate, to: LedgerDate, donor: String, fund: Currency, outstanding: [Currency]
    ) -> [FigureDefinition] {
        let before = from.adding(days: -1)
        func balance(_ accounts: [String], sign: Int = 1) -> [FigureDefinition.Term] {
            accounts.map { .init(sign: sign, asOf: to, scope: AccountScope($0)) }
        }
        func flow(_ account: String) -> [FigureDefinition.Term] {
            [.init(sign: 1, asOf: to, scope: AccountScope(account)), .init(sign: -1, asOf: before, scope: AccountScope(account))]
        }
        let netAssets = FundChart.accounts.filter { $0.type == .asset || $0.type == .liability }.map(\.code)
        var definitions = [
            FigureDefinition(figure: "fund_use.fund_balance", measure: .value(fund), terms: balance(netAssets)),
            FigureDefinition(figure: "fund_use.reserve", measure: .value(fund), terms: balance([FundChart.reserve.rawValue], sign: -1)),
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

    /// The statement's figures that no sealed balance is, and why: the donor is told so.
    public static let unprovable: [(figure: String, why: String)] = [
        ("fund_use.grants_committed", "obligations recorded and tranches paid net in the same accounts (9200.GRANT), so no balance moves by this figure alone; every award is an entry of the journal (vtf report grants)"),
        ("fund_use.grants_paid", "tranches paid and spending reported net in the same accounts (1300.GRANT), so no balance moves by this figure alone; every payment is an entry of the journal (vtf report grants)"),
        ("fund_use.grants_paid_count", "a count of grants, not an amount in the books"),
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
