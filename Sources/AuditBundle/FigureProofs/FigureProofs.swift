public import CanonicalJSON
public import LedgerCore
import LedgerCrypto

/// The proofs a donor statement or a report carries for its figures (`proofs` in its JSON):
/// each seal its figures read, with the seal entry's inclusion proof to the document's
/// checkpoint; each proven figure, term by term, as runs of the seals' leaves; and each figure
/// not proven, with the reason. Audit/BALANCE-PROOFS.md describes the form.
public struct FigureProofs: Sendable, Equatable {
    /// One term of a proven figure: the balances of an account at a seal, added or taken away.
    public struct Term: Sendable {
        /// 1 or -1.
        public let sign: Int
        /// A term from its parts.
        public init(sign: Int, seal: UInt64, balances: ScopeProof) {
            self.sign = sign
            self.seal = seal
            self.balances = balances
        }

        /// The seq of the seal entry the term reads.
        public let seal: UInt64
        /// The run of the seal's leaves that holds every balance of the term's account.
        public let balances: ScopeProof
    }

    /// A figure proven by sealed balances.
    public struct Figure: Sendable {
        /// The figure's name (``FigureDefinition/figure``).
        public let figure: String
        /// What the terms sum: `value` (fund currency) or `amount` (in ``amount``'s currency).
        public let measure: String
        /// A figure from its parts.
        public init(figure: String, measure: String, amount: Amount, terms: [Term]) {
            self.figure = figure
            self.measure = measure
            self.amount = amount
            self.terms = terms
        }

        /// The sum, which is the document's figure.
        public let amount: Amount
        /// Its terms, in the order of the figure's definition.
        public let terms: [Term]
    }

    /// The seal entries the figures read, by seq.
    public var seals: [(seq: UInt64, proof: SealEntryProof)]
    /// The figures proven.
    public var figures: [Figure]
    /// The figures not proven, and why.
    public var notProven: [(figure: String, why: String)]

    /// Proofs from their parts.
    public init(seals: [(seq: UInt64, proof: SealEntryProof)], figures: [Figure], notProven: [(figure: String, why: String)]) {
        self.seals = seals
        self.figures = figures
        self.notProven = notProven
    }

    /// Two proofs are equal when their JSON is.
    public static func == (lhs: FigureProofs, rhs: FigureProofs) -> Bool { lhs.json == rhs.json }

    /// The `proofs` member of the document's JSON.
    public var json: JSONValue {
        .object([
            "seals": .array(seals.map { seal in
                var object = seal.proof.json.objectValue ?? [:]
                object["seq"] = .integer(Int64(clamping: seal.seq))
                return .object(object)
            }),
            "figures": .array(figures.map { figure in
                .object([
                    "figure": .string(figure.figure), "measure": .string(figure.measure), "currency": .string(figure.amount.currency.code),
                    "amount": .string(figure.amount.decimalString),
                    "terms": .array(figure.terms.map { term in
                        .object(["sign": .integer(Int64(term.sign)), "seal": .integer(Int64(clamping: term.seal)), "balances": term.balances.json])
                    }),
                ])
            }),
            "not_proven": .array(notProven.map { .object(["figure": .string($0.figure), "why": .string($0.why)]) }),
        ])
    }
}
