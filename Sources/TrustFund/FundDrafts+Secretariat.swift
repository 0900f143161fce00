public import LedgerCore
public import LedgerJournal
import CanonicalJSON
public import TrustFundRules

extension FundDrafts {
    /// A request to pay a secretariat direct cost (`TrustFundRules/SecretariatRules`): posted
    /// at approval, Dr 5300 the cost and Dr 5200 its PSC, both from cash (1100), in the fund
    /// currency. Ref nil: a new `SEC-YEAR-NNNN`.
    public static func secretariatCostRequest(
        category: SecretariatRules.Category, payee: String, amount: Amount, invoice: String, description: String?,
        date: LedgerDate, ref: String?
    ) -> EntryDraft {
        let params = SecretariatCostParams(category: category, payee: payee, amount: amount, invoice: invoice, description: description)
        return request(ActionRequest(.secretariatCost, params), ref: ref, prefix: "SEC", date: date)
    }
}
