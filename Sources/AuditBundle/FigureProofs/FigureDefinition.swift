public import LedgerCore
public import LedgerJournal

/// What a figure of a statement or report is in the books, as sealed balances: a sum of signed
/// terms, each the balances of an account and its sub-accounts at a seal as of a date. A balance
/// (the fund balance at the period's end) has one date; a flow over the period (PSC charged) is
/// the balance at the end less the balance the day before the period starts. The maker and the
/// verifier of a document take its definitions from the same rules (the donor statement's,
/// ``ReportFigureRules``), so a document cannot choose its own.
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
        public func figure(of leaf: BalanceLeaf) throws -> Amount {
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
        /// A term from its parts.
        public init(sign: Int, asOf: LedgerDate, scope: AccountScope) {
            self.sign = sign
            self.asOf = asOf
            self.scope = scope
        }

        /// 1 or -1.
        public let sign: Int
        /// The date of the seal the term reads.
        public let asOf: LedgerDate
        /// The account whose balances, its sub-accounts' included, the term sums.
        public let scope: AccountScope
    }

    /// The figure's name: the path of its member in the document's JSON, e.g. `fund_use.psc`,
    /// or `totals.outstanding.EUR` for the outstanding amount in one currency.
    public let figure: String
    /// How the leaves are summed.
    public let measure: Measure
    /// The terms, in the order the statement gives their proofs.
    public let terms: [Term]

    /// A definition from its parts.
    public init(figure: String, measure: Measure, terms: [Term]) {
        self.figure = figure
        self.measure = measure
        self.terms = terms
    }

    /// The sum of `leaves` (the scope's leaves of each term, in order) in this figure's measure.
    public func sum(_ leaves: [[BalanceLeaf]]) throws -> Amount {
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

