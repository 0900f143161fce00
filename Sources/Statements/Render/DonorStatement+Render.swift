import LedgerCore

extension DonorStatement {
    /// An instalment still (partly) unpaid, with the agreement it belongs to.
    public struct OutstandingInstalment: Sendable, Equatable {
        /// The agreement's reference.
        public var agreement: String
        /// The instalment.
        public var instalment: Instalment
    }

    /// Whether the donor has anything on the statement: an agreement, a pledge, a receipt or a
    /// refund.
    public var hasActivity: Bool {
        !(agreements.isEmpty && pledges.isEmpty && receipts.isEmpty && refunds.isEmpty)
    }

    /// Every instalment with something outstanding, by due date (then agreement).
    public var outstandingInstalments: [OutstandingInstalment] {
        agreements
            .flatMap { agreement in
                agreement.instalments.map { OutstandingInstalment(agreement: agreement.ref, instalment: $0) }
            }
            .filter { !$0.instalment.outstanding.isZero }
            .sorted { ($0.instalment.due, $0.agreement) < ($1.instalment.due, $1.agreement) }
    }

    /// The receipts by date, then journal position.
    public var receiptsByDate: [Money] {
        receipts.sorted { ($0.date, $0.seq) < ($1.date, $1.seq) }
    }

    /// The sum of `amounts` in `currency`; nil when one is in another currency or the sum
    /// overflows.
    static func total(_ amounts: [Amount], in currency: Currency) -> Amount? {
        var sum = Amount.zero(currency)
        for amount in amounts {
            guard amount.currency == currency, let next = try? sum.adding(amount) else { return nil }
            sum = next
        }
        return sum
    }
}
