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
            try checkOnItsDate(body, currency, outflow, state: state)
        }
    }

    /// Refuses an outflow dated before cash that covers it arrived, or that takes the cash below
    /// zero on a later posting date: the cash as of the entry's own date, and as of every later
    /// date anything posted, must hold it. An outside trial dated one person's interest costs
    /// 1 July, between a payment of 1 June and the receipt of 1 September that funded it: the
    /// cash stood at −100,000.00 from June to August, and the payment seemed paid from nothing.
    static func checkOnItsDate(_ body: EntryBody, _ currency: Currency, _ outflow: Amount, state: some LedgerStateReading) throws {
        var days: [LedgerDate: Int64] = [:]
        var accounts = Set(try state.balanceLines(under: FundChart.cash).map(\.account))
        accounts.insert(FundChart.cash)
        for account in accounts {
            for day in try state.dailyAmounts(of: account, currency: currency) {
                let (sum, overflow) = days[day.date, default: 0].addingReportingOverflow(day.amount.minorUnits)
                guard !overflow else { throw RuleViolation(.overflow, "entry \(body.seq): the \(currency.code) cash overflows") }
                days[day.date] = sum
            }
        }
        guard !days.isEmpty else { return }
        let (onItsDate, low) = try balances(days.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, from: body.date)
        if outflow.minorUnits > onItsDate {
            throw RuleViolation(.fundsUnavailable, """
                entry \(body.seq): dated \(body.date), it takes \(outflow.decimalString) \(currency.code) out of cash, which held \
                \(Amount(minorUnits: onItsDate, currency: currency).decimalString) \(currency.code) on that date (what posted on or before it): \
                cash is paid only out of cash held on the day; date it on or after the cash that covers it arrived
                """)
        }
        if let low, outflow.minorUnits > low.amount {
            throw RuleViolation(.fundsUnavailable, """
                entry \(body.seq): dated \(body.date), it would take the \(currency.code) cash below zero on \(low.date), when it \
                held \(Amount(minorUnits: low.amount, currency: currency).decimalString) (what posted by then); date it after the cash \
                that covers it arrived
                """)
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

    /// Refuses `body` when it takes a grant's advance (1300.GRANT) below zero now, on its own
    /// date or on a later posting date: a partner reports or returns only what was advanced by
    /// then. An outside trial dated a grant's report and refund before the payment they spend:
    /// for three months the advance read −10,000.00 and the grant paid nothing and refunded all.
    static func checkAdvances(_ body: EntryBody, state: some LedgerStateReading) throws {
        guard !body.postings.isEmpty, try FundSettings.setup(state) != nil else { return }
        var net: [AccountCode: Amount] = [:]
        for posting in body.postings where posting.account.isWithin(FundChart.advances) && posting.account != FundChart.advances {
            net[posting.account] = try (net[posting.account] ?? .zero(posting.amount.currency)).plus(posting.amount)
        }
        for (account, change) in net.sorted(by: { $0.key < $1.key }) where change.isNegative {
            let credit = try change.negative()
            let days = try state.dailyAmounts(of: account, currency: change.currency).map { ($0.date, $0.amount.minorUnits) }
            let (onItsDate, low) = try balances(days, from: body.date)
            guard credit.minorUnits > min(onItsDate, low?.amount ?? onItsDate) else { continue }
            let (when, held) = onItsDate <= (low?.amount ?? onItsDate) ? (body.date, onItsDate) : (low?.date ?? body.date, low?.amount ?? onItsDate)
            throw RuleViolation(.fundsUnavailable, """
                entry \(body.seq): dated \(body.date), it takes \(credit.decimalString) \(change.currency.code) off the advance \(account), \
                which held \(Amount(minorUnits: held, currency: change.currency).decimalString) on \(when) (what was paid and reported by \
                then): a partner reports or returns what was advanced by then; date it on or after the payment
                """)
        }
    }

    /// From `days` (what posted each day, in date order), the balance as of `date` and the lowest
    /// balance on a later posting date (nil when nothing posted after it): what an outflow dated
    /// `date` must leave at or above zero. Shared by the cash and advance floors here and by a
    /// payment's check at certification (`ActionRules.checkCashOnItsDate`).
    static func balances(_ days: [(date: LedgerDate, amount: Int64)], from date: LedgerDate)
        throws(RuleViolation) -> (onItsDate: Int64, lowLater: (date: LedgerDate, amount: Int64)?)
    {
        var balance: Int64 = 0
        var onItsDate: Int64 = 0
        var low: (date: LedgerDate, amount: Int64)?
        for day in days {
            let (sum, overflow) = balance.addingReportingOverflow(day.amount)
            guard !overflow else { throw RuleViolation(.overflow, "a balance overflows on \(day.date)") }
            balance = sum
            if day.date <= date { onItsDate = balance } else if low.map({ balance < $0.amount }) ?? true { low = (day.date, balance) }
        }
        return (onItsDate, low)
    }
}
