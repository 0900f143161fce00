public import CanonicalJSON
public import LedgerCore
import LedgerJournal
public import TransparencyLog

/// What the proofs of a document showed: which figures the sealed balances prove, and which
/// the document says are not proven, with its reasons.
public struct CheckedFigures: Sendable, Equatable {
    /// The figures proven, by name (`fund_use.psc`, `totals.outstanding.EUR`, …).
    public let proven: [String]
    /// The figures not proven, as "name: why".
    public let notProven: [String]

    /// What a check found.
    public init(proven: [String], notProven: [String]) {
        self.proven = proven
        self.notProven = notProven
    }
}

extension FigureProofs {
    /// Checks `proofs` (a document's `proofs` member, nil when it has none) in a document whose
    /// checkpoint was checked: every seal is in the checkpoint's tree; every proven figure is
    /// one of `definitions`, its terms are the definition's, its runs of leaves are complete and
    /// lead to their seals' roots, and their sum is what `stated` says the document states;
    /// every other figure (the definitions' and `unprovable`) is listed as not proven. Without
    /// proofs, every figure is not proven, for `absent`. Throws `.failed` naming what does not
    /// hold, `.malformed` for proofs that are not in the form at all.
    public static func check(
        _ proofs: JSONValue?, definitions: [FigureDefinition], unprovable: [String], stated: (FigureDefinition) -> Amount?,
        checkpoint: Checkpoint, absent: String
    ) throws(BalanceProofError) -> CheckedFigures {
        let names = definitions.map(\.figure) + unprovable
        guard let proofs, proofs != .null else { return CheckedFigures(proven: [], notProven: names.map { "\($0): \(absent)" }) }
        do {
            let fields = try JSONFields(proofs, context: "proofs")
            try fields.allowOnly(["seals", "figures", "not_proven"])
            let seals = try self.seals(fields.array("seals"), checkpoint: checkpoint)
            var proven: [String] = []
            for (index, item) in try fields.array("figures").enumerated() {
                let figure = try self.figure(item, at: "proofs.figures[\(index)]", definitions: definitions, seals: seals, stated: stated)
                guard !proven.contains(figure) else { throw BalanceProofError(.failed, "proofs.figures[\(index)]: \(figure) is proven twice") }
                proven.append(figure)
            }
            var notProven: [String] = []
            for (index, item) in try fields.array("not_proven").enumerated() {
                let entry = try JSONFields(item, context: "proofs.not_proven[\(index)]")
                try entry.allowOnly(["figure", "why"])
                let figure = try entry.string("figure")
                guard names.contains(figure), !proven.contains(figure) else {
                    throw BalanceProofError(.failed, "proofs.not_proven[\(index)]: \(figure) is not a figure of the document, or is also proven")
                }
                notProven.append("\(figure): \(try entry.string("why"))")
            }
            let said = Set(proven + notProven.map { String($0.prefix { $0 != ":" }) })
            if let missing = names.first(where: { !said.contains($0) }) {
                throw BalanceProofError(.failed, "\(missing): the document neither proves this figure nor says why it cannot (proofs.figures, proofs.not_proven)")
            }
            return CheckedFigures(proven: proven, notProven: notProven)
        } catch let error as BalanceProofError {
            throw error
        } catch {
            throw BalanceProofError(.malformed, "\(error)")
        }
    }

    static func seals(_ items: [JSONValue], checkpoint: Checkpoint) throws -> [UInt64: ProvenSeal] {
        var seals: [UInt64: ProvenSeal] = [:]
        for (index, item) in items.enumerated() {
            let at = "proofs.seals[\(index)]"
            guard var object = item.objectValue, let seq = object["seq"]?.integerValue else { throw BalanceProofError(.failed, "\(at): seq is missing") }
            object["seq"] = nil
            let seal: ProvenSeal
            do { seal = try SealEntryProof(json: .object(object), at: at).check(in: checkpoint) } catch {
                throw BalanceProofError(error.kind, "\(at): \(error.message)")
            }
            guard seal.seq == UInt64(clamping: seq) else { throw BalanceProofError(.failed, "\(at): the entry is seq \(seal.seq), not \(seq)") }
            seals[seal.seq] = seal
        }
        return seals
    }

    /// One proven figure: its terms are its definition's, and their balances sum to the
    /// document's figure.
    static func figure(
        _ item: JSONValue, at: String, definitions: [FigureDefinition], seals: [UInt64: ProvenSeal], stated: (FigureDefinition) -> Amount?
    ) throws -> String {
        let object = try JSONFields(item, context: at)
        try object.allowOnly(["figure", "measure", "currency", "amount", "terms"])
        let name = try object.string("figure")
        guard let definition = definitions.first(where: { $0.figure == name }) else {
            throw BalanceProofError(.failed, "\(at): \(name) is not a figure that sealed balances prove")
        }
        guard try object.string("measure") == definition.measure.name, try object.string("currency") == definition.measure.currency.code else {
            throw BalanceProofError(.failed, "\(at): \(name) is the \(definition.measure.name) in \(definition.measure.currency.code) of its balances")
        }
        let terms = try object.array("terms")
        guard terms.count == definition.terms.count else {
            throw BalanceProofError(.failed, "\(at): \(name) has \(definition.terms.count) terms, not \(terms.count)")
        }
        var leaves: [[BalanceLeaf]] = []
        for (index, (term, expected)) in zip(terms, definition.terms).enumerated() {
            leaves.append(try self.term(term, at: "\(at).terms[\(index)]", name: name, expected: expected, seals: seals))
        }
        let sum = try definition.sum(leaves)
        guard try object.string("amount") == sum.decimalString else {
            throw BalanceProofError(.failed, "\(at): \(name) is \(sum.decimalString) by its sealed balances, not \(try object.string("amount"))")
        }
        let shown = stated(definition)
        guard shown == sum else {
            throw BalanceProofError(.failed, "\(name): the document says \(shown?.decimalString ?? "nothing"); its sealed balances give \(sum.decimalString)")
        }
        return name
    }

    /// One term: the seal and account its definition names, and the account's leaves in that seal.
    static func term(
        _ term: JSONValue, at: String, name: String, expected: FigureDefinition.Term, seals: [UInt64: ProvenSeal]
    ) throws -> [BalanceLeaf] {
        let fields = try JSONFields(term, context: at)
        try fields.allowOnly(["sign", "seal", "balances"])
        let sealSeq = try fields.integer("seal")
        guard let seal = seals[UInt64(clamping: sealSeq)] else { throw BalanceProofError(.failed, "\(at): seal \(sealSeq) is not among proofs.seals") }
        let run = try ScopeProof(json: .object(try fields.objectValue("balances")), at: "\(at).balances")
        guard try fields.integer("sign") == Int64(expected.sign), run.scope == expected.scope, seal.asOf == expected.asOf else {
            throw BalanceProofError(.failed, "\(at): \(name) is \(expected.sign < 0 ? "less" : "plus") the balances of \(expected.scope.account) as of \(expected.asOf); the term is not that")
        }
        return try run.check(in: seal)
    }
}
