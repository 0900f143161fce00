import CanonicalJSON
public import LedgerCore
public import LedgerJournal
import TrustFundRules
import TransparencyLog

extension FundDrafts {
    /// The fund manager's request to record the Board-approved budget of `year` from `from`
    /// (`LedgerLog/BudgetRules`): amounts in the fund currency as given, checked by the rules.
    /// `decision` names the Board's decision; it is the entry's memo too. Ref nil: a new
    /// `BUD-YEAR-NNNN`.
    public static func budgetRequest(
        year: Int, grants: String, secretariat: String, psc: String, from: LedgerDate, date: LedgerDate, ref: String?,
        decision: String? = nil
    ) -> EntryDraft {
        var params: JSONObject = [
            "year": .integer(Int64(year)), "grants": .string(grants), "secretariat": .string(secretariat), "psc": .string(psc),
            "from": .string(from.description),
        ]
        if let decision { params["decision"] = .string(decision) }
        return request(action: BudgetRules.action, ref: ref, prefix: "BUD", date: date, params: params, memo: decision ?? "Budget \(year) from \(from)")
    }
}
