import AuditBundle
import CanonicalJSON
import LedgerCore
import LedgerJournal
import TransparencyLog

/// What the proofs of a statement showed: which figures the sealed balances prove, and which
/// the statement says are not proven, with its reasons.
public struct CheckedFigures: Sendable, Equatable {
    /// The figures proven, by name (`fund_use.psc`, `totals.outstanding.EUR`, …).
    public let proven: [String]
    /// The figures not proven, as "name: why".
    public let notProven: [String]
}

enum StatementProofCheck {
    /// Checks the `proofs` of a statement whose signature and checkpoint were checked: every
    /// seal is in the checkpoint's tree; every proven figure is defined as
    /// ``StatementFigureRules`` defines it, its runs of leaves are complete and lead to their
    /// seals' roots, and their sum is the statement's figure; every other figure is listed as
    /// not proven. A statement without proofs has every figure not proven.
    static func check(_ fields: StatementFields, checkpoint: Checkpoint) throws -> CheckedFigures {
        let definitions = try self.definitions(fields)
        let names = definitions.map(\.figure) + StatementFigureRules.unprovable.map(\.figure)
        guard let value = fields.object["proofs"], value != .null else {
            return CheckedFigures(proven: [], notProven: names.map { "\($0): the statement carries no proofs (it was made before vtf proved statements' figures)" })
        }
        do {
            let proofs = try JSONFields(value, context: "proofs")
            try proofs.allowOnly(["seals", "figures", "not_proven"])
            let seals = try self.seals(proofs.array("seals"), checkpoint: checkpoint)
            var proven: [String] = []
            for (index, item) in try proofs.array("figures").enumerated() {
                let figure = try self.figure(item, at: "proofs.figures[\(index)]", definitions: definitions, seals: seals, fields: fields)
                guard !proven.contains(figure) else { throw StatementError("proofs.figures[\(index)]: \(figure) is proven twice") }
                proven.append(figure)
            }
            var notProven: [String] = []
            for (index, item) in try proofs.array("not_proven").enumerated() {
                let entry = try JSONFields(item, context: "proofs.not_proven[\(index)]")
                try entry.allowOnly(["figure", "why"])
                let figure = try entry.string("figure")
                guard names.contains(figure), !proven.contains(figure) else {
                    throw StatementError("proofs.not_proven[\(index)]: \(figure) is not a figure of the statement, or is also proven")
                }
                notProven.append("\(figure): \(try entry.string("why"))")
            }
            let said = Set(proven + notProven.map { String($0.prefix { $0 != ":" }) })
            if let missing = names.first(where: { !said.contains($0) }) {
                throw StatementError("\(missing): the statement neither proves this figure nor says why it cannot (proofs.figures, proofs.not_proven)")
            }
            return CheckedFigures(proven: proven, notProven: notProven)
        } catch let error as StatementError {
            throw error
        } catch let error as BalanceProofError {
            throw StatementError(error.message)
        } catch {
            throw StatementError("proofs: \(error)")
        }
    }

    /// The definitions for this statement's donor, period, fund currency and outstanding currencies.
    static func definitions(_ fields: StatementFields) throws -> [FigureDefinition] {
        guard let from = try? LedgerDate(parsing: fields.from), let to = try? LedgerDate(parsing: fields.to) else {
            throw StatementError("the statement's from or to is not a date")
        }
        let outstanding = try (fields.totals["outstanding"]?.arrayValue ?? []).map { item in
            guard let code = item.objectValue?["currency"]?.stringValue, let currency = try? Currency(code: code) else {
                throw StatementError("totals.outstanding holds an entry without a currency")
            }
            return currency
        }
        return StatementFigureRules.definitions(from: from, to: to, donor: fields.donor, fund: fields.currency, outstanding: outstanding)
    }

    static func seals(_ items: [JSONValue], checkpoint: Checkpoint) throws -> [UInt64: ProvenSeal] {
        var seals: [UInt64: ProvenSeal] = [:]
        for (index, item) in items.enumerated() {
            let at = "proofs.seals[\(index)]"
            guard var object = item.objectValue, let seq = object["seq"]?.integerValue else { throw StatementError("\(at): seq is missing") }
            object["seq"] = nil
            let seal: ProvenSeal
            do { seal = try SealEntryProof(json: .object(object), at: at).check(in: checkpoint) } catch {
                throw StatementError("\(at): \(error.message)")
            }
            guard seal.seq == UInt64(clamping: seq) else { throw StatementError("\(at): the entry is seq \(seal.seq), not \(seq)") }
            seals[seal.seq] = seal
        }
        return seals
    }

    /// One proven figure: its terms are its definition's, and their balances sum to the
    /// statement's figure.
    static func figure(
        _ item: JSONValue, at: String, definitions: [FigureDefinition], seals: [UInt64: ProvenSeal], fields: StatementFields
    ) throws -> String {
        let object = try JSONFields(item, context: at)
        try object.allowOnly(["figure", "measure", "currency", "amount", "terms"])
        let name = try object.string("figure")
        guard let definition = definitions.first(where: { $0.figure == name }) else {
            throw StatementError("\(at): \(name) is not a figure that sealed balances prove")
        }
        guard try object.string("measure") == definition.measure.name, try object.string("currency") == definition.measure.currency.code else {
            throw StatementError("\(at): \(name) is the \(definition.measure.name) in \(definition.measure.currency.code) of its balances")
        }
        let terms = try object.array("terms")
        guard terms.count == definition.terms.count else {
            throw StatementError("\(at): \(name) has \(definition.terms.count) terms, not \(terms.count)")
        }
        var leaves: [[BalanceLeaf]] = []
        for (index, (term, expected)) in zip(terms, definition.terms).enumerated() {
            let fieldsOfTerm = try JSONFields(term, context: "\(at).terms[\(index)]")
            try fieldsOfTerm.allowOnly(["sign", "seal", "balances"])
            let sealSeq = try fieldsOfTerm.integer("seal")
            guard let seal = seals[UInt64(clamping: sealSeq)] else { throw StatementError("\(at).terms[\(index)]: seal \(sealSeq) is not among proofs.seals") }
            let run = try ScopeProof(json: .object(try fieldsOfTerm.objectValue("balances")), at: "\(at).terms[\(index)].balances")
            guard try fieldsOfTerm.integer("sign") == Int64(expected.sign), run.scope == expected.scope, seal.asOf == expected.asOf else {
                throw StatementError("\(at).terms[\(index)]: \(name) is \(expected.sign < 0 ? "less" : "plus") the balances of \(expected.scope.account) as of \(expected.asOf); the term is not that")
            }
            leaves.append(try run.check(in: seal))
        }
        let sum = try definition.sum(leaves)
        guard try object.string("amount") == sum.decimalString else {
            throw StatementError("\(at): \(name) is \(sum.decimalString) by its sealed balances, not \(try object.string("amount"))")
        }
        guard StatementFigureRules.stated(name, in: fields.object, currency: definition.measure.currency) == sum else {
            throw StatementError("\(name): the statement says \(StatementFigureRules.stated(name, in: fields.object, currency: definition.measure.currency)?.decimalString ?? "nothing"); its sealed balances give \(sum.decimalString)")
        }
        return name
    }
}
