public import LedgerCore
public import LedgerStore
import TrustFundRules

/// The receipts on contribution agreements, read from the receipt entries themselves
/// (``StatementFigures/receipt(_:fundCurrency:)``): what a donor statement lists, and what the
/// public site sums by donor and year, so both say the same.
public enum ContributionReceipts {
    /// Every receipt (`contribution.receive`, `contribution.apply`) dated `from` through `to`
    /// on one of `agreements` (every agreement when nil), in journal order; the entries in
    /// `reversed` (approved reversals) are left out.
    public static func list(
        _ ledger: any StoreSnapshot, agreements: Set<String>?, from: LedgerDate?, to: LedgerDate, reversed: Set<UInt64>,
        fundCurrency: Currency
    ) throws -> [DonorStatement.Money] {
        var receipts: [DonorStatement.Money] = []
        for body in try ledger.entries(ofKinds: [.contributionReceive, .contributionApply])
        where (from.map { body.date >= $0 } ?? true) && body.date <= to && !reversed.contains(body.seq) {
            guard let receipt = try StatementFigures.receipt(body, fundCurrency: fundCurrency),
                agreements.map({ $0.contains(receipt.reference) }) ?? true
            else { continue }
            receipts.append(receipt)
        }
        return receipts
    }
}
