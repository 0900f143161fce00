import AuditBundle
import CanonicalJSON
import LedgerStore
import TrustFund

extension FundReportCommand {
    /// The report's JSON with `checkpoint` (the latest signed note) and `proofs`: each figure
    /// that sealed balances prove (``ReportFigureRules``), by the latest seals in that checkpoint
    /// that give it, and the others with why. Read from the same snapshot as the report.
    static func proven(_ document: ReportDocument, ledger: any StoreSnapshot) throws -> JSONValue {
        guard var report = document.json.objectValue else { throw InputError("the report has no JSON object") }
        guard let note = try ledger.storedNote(size: nil) else { throw InputError("the ledger has no checkpoint yet: --proofs needs one (vtf checkpoint show)") }
        let rules: ReportFigureRules.Rules
        do throws(BalanceProofError) { rules = try ReportFigureRules.rules(for: report) } catch { throw InputError(error.message) }
        let figures = report
        let proofs = try FigureProofs.make(
            ledger, definitions: rules.definitions, unprovable: rules.unprovable,
            stated: { ReportFigureRules.stated($0.figure, in: figures, currency: $0.measure.currency) }, size: note.size)
        report["checkpoint"] = .object(["size": .integer(Int64(clamping: note.size)), "note": .string(note.note)])
        report["proofs"] = proofs.json
        return .object(report)
    }

    /// `--proofs` is for the JSON of the IPSAS statements (``ReportFigureRules``), without --comparative.
    func checkProofsOption(_ report: FundReportName) throws {
        guard proofs else { return }
        guard ReportFigureRules.reports.contains(report.rawValue), !comparative, format == .json else {
            throw InputError("--proofs adds proofs to the JSON of the IPSAS statements (\(ReportFigureRules.reports.joined(separator: ", "))): use --format json, without --comparative")
        }
    }
}
