import LedgerCore
import LedgerJournal

/// Cash is paid only out of cash held: an entry that takes the cash of a currency (1100 and its
/// sub-accounts) below zero is refused, whatever way it comes in — a payment, a grant report's
/// PSC, an interest allocation's costs, a manual voucher, the reversal of a receipt whose cash
/// was spent. The requests that pay (tranches, refunds, secretariat costs) are checked earlier
/// too, at certification, counting the payments certified and not yet approved
/// (`ActionRules.checkCash`); this rule is the floor under every entry that posts.
enum CashHeld {
    /// Refuses `body` when its postings take more of a currency out of cash than cash holds.
    static func check(_ body: EntryBody, state: some LedgerStateReading) throws {
        guard !body.postings.isEmpty, try FundSettings.setup(state) != nil else { return }
        for (currency, outflow) in try outflows(body.postings) {
            let held = try self.held(currency, state: state)
            guard outflow.minorUnits <= held.minorUnits else {
                throw RuleViolation(.fundsUnavailable, """
                    entry \(body.seq): it takes \(outflow.decimalString) \(currency.code) out of cash (\(FundChart.cash) and its \
                    sub-accounts), which holds \(held.decimalString) \(currency.code): cash is paid only out of cash held. \
                    Receive the cash first, or ask for less
                    """)
            }
        }
    }

    /// What cash held in `currency` comes to, over 1100 and its sub-accounts.
    static func held(_ currency: Currency, state: some LedgerStateReading) throws -> Amount {
        var held = Amount.zero(currency)
        for line in try state.balanceLines(under: FundChart.cash) where line.amount.currency == currency {
            held = try held.plus(line.amount)
        }
        return held
    }

    /// Per currency, what `postings` take out of cash, net of what they put in (only the
    /// currencies they take from).
    static func outflows(_ postings: [Posting]) throws -> [(Currency, Amount)] {
        var net: [Currency: Amount] = [:]
        for posting in postings where posting.account.isWithin(FundChart.cash) {
            let currency = posting.amount.currency
            net[currency] = try (net[currency] ?? .zero(currency)).plus(posting.amount)
        }
        return try net.filter { $0.value.minorUnits < 0 }.sorted { $0.key < $1.key }.map { ($0.key, try $0.value.negative()) }
    }
}
