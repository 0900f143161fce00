public import LedgerCore
public import LedgerJournal
import CanonicalJSON
public import TrustFundRules

extension FundDrafts {
    /// A request to pay a secretariat direct cost (``TrustFundRules/SecretariatRules``): posted
    /// at approval, Dr 5300 the cost and Dr 5200 its PSC, both from cash (1100), in the fund
    /// currency.
    public static func secretariatCostRequest(
        category: SecretariatRules.Category, payee: String, amount: Amount, invoice: String, description: String?,
        date: LedgerDate, ref: String
    ) -> EntryDraft {
        var params: JSONObject = [
            "category": .string(category.rawValue), "payee": .string(payee), "amount": .string(amount.decimalString),
            "invoice": .string(invoice),
        ]
        if let description { params["description"] = .string(description) }
        return request(action: SecretariatRules.action, ref: ref, date: date, params: params)
    }
}
