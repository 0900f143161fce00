import AuditBundle
import CanonicalJSON
import LedgerCore
import LedgerJournal
import LedgerStore
import TransparencyLog

/// A donor statement's proofs of its figures (`FigureProofs`, by ``StatementFigureRules``):
/// made by ``StatementBuilder``, checked by ``StatementSeal/verify(_:vkey:witnesses:)``. The
/// number of grants paid is no balance: it is read from the proof of the grants paid (the
/// grants whose 9900.PAID sub-account rose), so it carries nothing of its own.
enum StatementProofs {
    /// The proofs of the statement whose JSON (without proofs) is `statement`, to the
    /// checkpoint of `size` entries.
    static func make(
        _ snapshot: any StoreSnapshot, statement: JSONObject, donor: String, from: LedgerDate, to: LedgerDate, fund: Currency, size: UInt64
    ) throws -> FigureProofs {
        let outstanding = (statement["totals"]?.objectValue?["outstanding"]?.arrayValue ?? []).compactMap {
            $0.objectValue?["currency"]?.stringValue.flatMap { try? Currency(code: $0) }
        }
        var definitions = StatementFigureRules.definitions(from: from, to: to, donor: donor, fund: fund, outstanding: outstanding)
        var unprovable = StatementFigureRules.unprovable
        if try snapshot.fundRecord("fund", "setup")?.fields["grant_flows"] != .bool(true) {
            let unkept = Set(StatementFigureRules.unkeptGrantFlows.map(\.figure))
            definitions.removeAll { unkept.contains($0.figure) }
            unprovable = StatementFigureRules.unkeptGrantFlows + unprovable
        }
        var proofs = try FigureProofs.make(
            snapshot, definitions: definitions, unprovable: unprovable,
            stated: { StatementFigureRules.stated($0.figure, in: statement, currency: $0.measure.currency) }, size: size)
        let count = StatementFigureRules.paidCount
        if !proofs.notProven.contains(where: { $0.figure == count }), let why = try countUnproven(proofs, statement: statement, fund: fund) {
            proofs.notProven.append((count, why))
        }
        return proofs
    }

    /// Why the number of grants paid cannot be read from the proof of the grants paid; nil when it can.
    static func countUnproven(_ proofs: FigureProofs, statement: JSONObject, fund: Currency) throws -> String? {
        guard let paid = proofs.figures.first(where: { $0.figure == "fund_use.grants_paid" }) else {
            return "the grants paid are not proven, and so neither is their number"
        }
        let terms = paid.terms.map { term in (term.sign, term.balances.leaves.map(\.leaf).filter { term.balances.scope.contains($0.account) }) }
        let shown = try StatementFigureRules.grantsPaid(terms, currency: fund)
        let stated = statement["fund_use"]?.objectValue?["grants_paid_count"]?.integerValue
        return stated == Int64(shown) ? nil : "the sealed balances show \(shown) grants paid something, the books \(stated.map(String.init) ?? "none")"
    }

    /// Checks the `proofs` of a statement whose signature and checkpoint were checked
    /// (`FigureProofs.check`), and the number
    /// of grants paid against the proof of the grants paid unless the statement lists it as not
    /// proven. A statement without proofs has every figure not proven.
    static func check(_ fields: StatementFields, checkpoint: Checkpoint) throws -> CheckedFigures {
        let definitions = try definitions(fields)
        let count = StatementFigureRules.paidCount
        let listed = (fields.object["proofs"]?.objectValue?["not_proven"]?.arrayValue ?? []).contains { $0.objectValue?["figure"]?.stringValue == count }
        let derived = fields.object["proofs"] != nil && fields.object["proofs"] != .null && !listed
        let checked: CheckedFigures
        do {
            checked = try FigureProofs.check(
                fields.object["proofs"], definitions: definitions,
                unprovable: StatementFigureRules.unprovable.map(\.figure) + (derived ? [] : [count]),
                stated: { StatementFigureRules.stated($0.figure, in: fields.object, currency: $0.measure.currency) }, checkpoint: checkpoint,
                absent: "the statement carries no proofs (it was made before vtf proved statements' figures)")
        } catch {
            throw StatementError(error.message.replacingOccurrences(of: "the document", with: "the statement"))
        }
        guard derived else { return checked }
        try checkCount(fields)
        return CheckedFigures(proven: checked.proven + [count], notProven: checked.notProven)
    }

    /// The statement's number of grants paid is the number of 9900.PAID sub-accounts its proof of
    /// the grants paid (checked) shows rising.
    static func checkCount(_ fields: StatementFields) throws {
        let count = StatementFigureRules.paidCount
        let figures = fields.object["proofs"]?.objectValue?["figures"]?.arrayValue ?? []
        guard let paid = figures.compactMap(\.objectValue).first(where: { $0["figure"]?.stringValue == "fund_use.grants_paid" }) else {
            throw StatementError("\(count): the statement neither proves the grants paid, which this figure is read from, nor says why it cannot (proofs.not_proven)")
        }
        let terms = try (paid["terms"]?.arrayValue ?? []).map { term -> (Int, [BalanceLeaf]) in
            let object = term.objectValue ?? [:]
            let run = try ScopeProof(json: object["balances"] ?? .null, at: "fund_use.grants_paid's terms")
            return (Int(object["sign"]?.integerValue ?? 0), run.leaves.map(\.leaf).filter { run.scope.contains($0.account) })
        }
        let shown = try StatementFigureRules.grantsPaid(terms, currency: fields.currency)
        let stated = fields.object["fund_use"]?.objectValue?["grants_paid_count"]?.integerValue
        guard stated == Int64(shown) else {
            throw StatementError("\(count): the statement says \(stated.map(String.init) ?? "nothing"); the sealed balances of the grants paid show \(shown) grants paid something")
        }
    }

    /// The definitions for this statement's donor, period, fund currency and outstanding currencies.
    static func definitions(_ fields: StatementFields) throws -> [FigureDefinition] {
        let (from, to) = (fields.period.lowerBound, fields.period.upperBound)
        let outstanding = try (fields.totals["outstanding"]?.arrayValue ?? []).map { item in
            guard let code = item.objectValue?["currency"]?.stringValue, let currency = try? Currency(code: code) else {
                throw StatementError("totals.outstanding holds an entry without a currency")
            }
            return currency
        }
        return StatementFigureRules.definitions(from: from, to: to, donor: fields.donor, fund: fields.currency, outstanding: outstanding)
    }
}
