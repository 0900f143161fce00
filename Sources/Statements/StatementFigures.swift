import CanonicalJSON
public import LedgerCore
public import LedgerJournal
import TrustFundRules
import TransparencyLog
import TrustFund

/// What a statement says about one journal entry, read from the entry itself. The builder uses
/// it to write a statement; the verifier uses it again on the signed entry line, so a figure in
/// the statement that differs from the books is caught.
public enum StatementFigures {
    /// The accounts whose debits are the money a donor sent: cash, bank charges, suspense.
    static let moneyIn: [AccountCode] = [FundChart.cash, FundChart.bankCharges, FundChart.suspense]

    /// A receipt's figures: a `contribution.receive` or `contribution.apply` entry.
    /// - Returns: nil when the entry is not a receipt.
    public static func receipt(_ body: EntryBody, fundCurrency: Currency) throws -> DonorStatement.Money? {
        guard body.kind == .contributionReceive || body.kind == .contributionApply else { return nil }
        guard let agreement = body.data["agreement"]?.stringValue else { return nil }
        let debits = body.postings.filter { posting in moneyIn.contains(posting.account) && !posting.amount.isNegative }
        guard let currency = debits.first?.amount.currency else { return nil }
        let amount = try sum(debits.map(\.amount), currency)
        let value = try sum(debits.map(\.value), fundCurrency)
        let bankRef = body.kind == .contributionReceive ? body.ref : body.data["receipt"]?.stringValue
        let (rate, from) = self.rate(body, currency)
        return DonorStatement.Money(
            seq: body.seq, date: body.date, reference: agreement, amount: amount, rate: rate, rateFrom: from, value: value,
            bankRef: bankRef, entry: "", proof: [])
    }

    /// A refund's figures: the approval of a `donor.refund` request (`reference` = the request).
    public static func refund(_ body: EntryBody, request: String, fundCurrency: Currency) throws -> DonorStatement.Money? {
        guard body.kind == .approvalApprove, body.data["request"]?.stringValue == request else { return nil }
        let credits = body.postings.filter { $0.account == FundChart.cash && $0.amount.isNegative }
        guard let currency = credits.first?.amount.currency else { return nil }
        let amount = try sum(credits.map(\.amount), currency).negated()
        let value = try sum(credits.map(\.value), fundCurrency).negated()
        let (rate, from) = self.rate(body, currency)
        return DonorStatement.Money(
            seq: body.seq, date: body.date, reference: request, amount: amount, rate: rate, rateFrom: from, value: value,
            bankRef: nil, entry: "", proof: [])
    }

    static func rate(_ body: EntryBody, _ currency: Currency) -> (String?, LedgerDate?) {
        guard let used = body.data[FundRules.unoreMember]?.objectValue?[currency.code]?.objectValue else { return (nil, nil) }
        let from = used["from"]?.stringValue.flatMap { try? LedgerDate(parsing: $0) }
        return (used["rate"]?.stringValue, from)
    }

    /// Σ with checked arithmetic.
    static func sum(_ amounts: [Amount], _ currency: Currency) throws -> Amount {
        try amounts.reduce(Amount.zero(currency)) { total, amount in try total.adding(amount) }
    }
}
