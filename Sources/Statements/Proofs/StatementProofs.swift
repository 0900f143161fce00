import AuditBundle
import CanonicalJSON
import LedgerCore
import LedgerStore
import TransparencyLog

/// A donor statement's proofs of its figures (``FigureProofs``, by ``StatementFigureRules``):
/// made by ``StatementBuilder``, checked by ``StatementSeal/verify(_:vkey:witnesses:)``.
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
        return try FigureProofs.make(
            snapshot, definitions: definitions,
            unprovable: unprovable,
            stated: { StatementFigureRules.stated($0.figure, in: statement, currency: $0.measure.currency) }, size: size)
    }

    /// Checks the `proofs` of a statement whose signature and checkpoint were checked
    /// (``FigureProofs/check(_:definitions:unprovable:stated:checkpoint:absent:)``). A statement
    /// without proofs has every figure not proven.
    static func check(_ fields: StatementFields, checkpoint: Checkpoint) throws -> CheckedFigures {
        let definitions = try definitions(fields)
        do {
            return try FigureProofs.check(
                fields.object["proofs"], definitions: definitions, unprovable: StatementFigureRules.unprovable.map(\.figure),
                stated: { StatementFigureRules.stated($0.figure, in: fields.object, currency: $0.measure.currency) }, checkpoint: checkpoint,
                absent: "the statement carries no proofs (it was made before vtf proved statements' figures)")
        } catch {
            throw StatementError(error.message.replacingOccurrences(of: "the document", with: "the statement"))
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
}
