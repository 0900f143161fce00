public import LedgerCore
import LedgerJournal
public import LedgerStore

extension FigureProofs {
    /// The proofs of `definitions`, whose figures `stated` gives as the document states them:
    /// for each, the latest seals as of its dates, in the checkpoint of `size` entries, whose
    /// balances give the figure. A figure no seal gives is listed as not proven, with the
    /// command that would prove it; `unprovable` (figures no balance is, and why) follow.
    public static func make(
        _ snapshot: any StoreSnapshot, definitions: [FigureDefinition], unprovable: [(figure: String, why: String)],
        stated: (FigureDefinition) -> Amount?, size: UInt64
    ) throws -> FigureProofs {
        var maker = try Maker(snapshot, size: size)
        var proofs = FigureProofs(seals: [], figures: [], notProven: [])
        for definition in definitions {
            guard let figure = stated(definition) else {
                proofs.notProven.append((definition.figure, "the document states no such figure"))
                continue
            }
            switch try maker.prove(definition, stated: figure) {
            case .success(let proven): proofs.figures.append(proven)
            case .failure(let why): proofs.notProven.append((definition.figure, why.message))
            }
        }
        proofs.notProven += unprovable
        proofs.seals = try maker.used.sorted().map { seq in (seq, try maker.seal(seq).entryProof(snapshot, size: size)) }
        return proofs
    }

    /// Finds, for each figure, the seals that prove it, reading each seal's runs once.
    struct Maker {
        let snapshot: any StoreSnapshot
        /// How many seals of one date are tried, the latest first.
        static let perDate = 8
        /// The seals in the checkpoint, by date, latest first.
        let byDate: [LedgerDate: [UInt64]]
        var seals: [UInt64: SealedBalances] = [:]
        var runs: [String: ScopeProof] = [:]
        var used: Set<UInt64> = []

        init(_ snapshot: any StoreSnapshot, size: UInt64) throws {
            self.snapshot = snapshot
            var byDate: [LedgerDate: [UInt64]] = [:]
            for body in try snapshot.entries(ofKinds: [.balancesSeal]) where body.seq < size {
                guard let text = body.data["as_of"]?.stringValue, let date = try? LedgerDate(parsing: text) else { continue }
                byDate[date, default: []].append(body.seq)
            }
            // The latest few of each date: a figure is tried against every choice of one per date.
            self.byDate = byDate.mapValues { Array($0.sorted(by: >).prefix(Self.perDate)) }
        }

        mutating func seal(_ seq: UInt64) throws -> SealedBalances {
            if let seal = seals[seq] { return seal }
            guard let seal = try SealedBalances(snapshot, seq: seq) else {
                throw BalanceProofError(.failed, "seal \(seq)'s tree is not in the ledger's tables (run vtf verify)")
            }
            seals[seq] = seal
            return seal
        }

        mutating func run(_ seq: UInt64, _ scope: AccountScope) throws -> ScopeProof {
            let key = "\(seq) \(scope.account)"
            if let run = runs[key] { return run }
            let run = try seal(seq).proof(of: scope)
            runs[key] = run
            return run
        }

        /// The figure proven by the latest seals whose balances give `stated`, or why none does.
        mutating func prove(_ definition: FigureDefinition, stated: Amount) throws -> Result<Figure, BalanceProofError> {
            var dates: [LedgerDate] = []
            for term in definition.terms where !dates.contains(term.asOf) { dates.append(term.asOf) }
            if let missing = dates.first(where: { (byDate[$0] ?? []).isEmpty }) {
                return .failure(BalanceProofError(.noSeal, "no balances seal as of \(missing) is in the checkpoint: write one (vtf seal --as-of \(missing)) and make it again"))
            }
            var tried: [String] = []
            for choice in Self.choices(dates.map { byDate[$0] ?? [] }) {
                let sealOf = Dictionary(uniqueKeysWithValues: zip(dates, choice))
                var terms: [Term] = []
                var leaves: [[BalanceLeaf]] = []
                for term in definition.terms {
                    let seq = sealOf[term.asOf] ?? 0
                    let run = try run(seq, term.scope)
                    terms.append(Term(sign: term.sign, seal: seq, balances: run))
                    leaves.append(run.leaves.map(\.leaf).filter { term.scope.contains($0.account) })
                }
                let sum = try definition.sum(leaves)
                if sum == stated {
                    used.formUnion(choice)
                    return .success(Figure(figure: definition.figure, measure: definition.measure.name, amount: sum, terms: terms))
                }
                tried.append("\(sum.decimalString) by seal\(choice.count > 1 ? "s" : "") \(choice.map(String.init).joined(separator: " and "))")
            }
            let dated = dates.map(\.description).joined(separator: " and ")
            let given = tried.prefix(3).joined(separator: "; ")
            let late = "entries dated on or before a seal's date were recorded after it; seal again (vtf seal --as-of DATE) and make it again"
            guard let close = Self.yearEnd(within: dates) else {
                return .failure(BalanceProofError(.noSeal, "the books give \(stated.decimalString); the seals as of \(dated) give \(given): \(late)"))
            }
            return .failure(BalanceProofError(.noSeal, """
                the books give \(stated.decimalString); the seals as of \(dated) give \(given): the period spans \(close), and an account \
                closed into net assets at a year end (revenue and expenses are) moves across the close by more than its flow, so \
                make one statement or report per financial year; or \(late)
                """))
        }

        /// A 31 December strictly between the earliest and the latest of `dates` (a year's close
        /// inside a flow's period), or nil.
        static func yearEnd(within dates: [LedgerDate]) -> LedgerDate? {
            guard let first = dates.min(), let last = dates.max(), first < last,
                var end = try? LedgerDate(year: first.year, month: 12, day: 31)
            else { return nil }
            if end == first { guard let next = try? LedgerDate(year: first.year + 1, month: 12, day: 31) else { return nil }; end = next }
            return end < last ? end : nil
        }

        /// Every choice of one seal per date, the latest seals first.
        static func choices(_ options: [[UInt64]]) -> [[UInt64]] {
            options.reduce([[]]) { partial, seals in partial.flatMap { prefix in seals.map { prefix + [$0] } } }
        }
    }
}
