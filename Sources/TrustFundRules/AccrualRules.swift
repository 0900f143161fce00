import LedgerJournal
import CanonicalJSON
import LedgerCore

/// Year-end accruals of grant spending (IPSAS 1 accrual basis): what a partner spent by
/// 31 December but reported after the year end (or the fund's estimate of it) is an expense of
/// the closing year. `grant.accrue`, dated 31 December, books it; `grant.accrue.reverse`, dated
/// 1 January of the next year, takes it out again, so that the partner's report, once recorded
/// (`grant.report`), books the spending only once. The two are written together, one right after
/// the other: the rules refuse any entry after an accrual that is not its reversal, and a reversal
/// that does not follow its accrual or is not dated the next day, so `vtf verify` holds both.
enum AccrualRules {
    /// The record an accrual leaves until its reversal: `{"seq", "grant", "date"}`.
    static let collection = "accrual"
    static let openID = "open"
    /// One record per grant and year accrued (`GRANT/YEAR`): a grant is accrued once a year.
    static let accruedCollection = "accrued"

    /// `grant.accrue`: `{"grant", "amount", "basis"? | "estimate": true}`, dated 31 December of an
    /// open year. Dr 5100; Cr 1300.GRANT up to the open advance, any part beyond it Cr 2100.GRANT
    /// (payable to the partner). PSC at the rate in force × amount, half to even: Dr 5200, Cr 2100
    /// (payable, as PSC on a real report is paid from 1100 only when reported).
    static func accrue(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(AccrualData.self)
        guard context.date.month == 12, context.date.day == 31 else {
            throw context.refuse(.wrongDate, "an accrual is dated 31 December of the year it closes (\(context.date.year)-12-31), not \(context.date)")
        }
        let grant = try Grant(context, data.grant)
        guard grant.status == .open else { throw context.refuse(.wrongState, "grant \(grant.id) is \(grant.status)") }
        let amount = try context.positive(data.amount, "amount")
        let basis = data.basis
        if let basis { try context.checkText(basis, "basis", max: Limits.memoLengthMax) }
        let estimate = data.estimate
        guard (basis != nil) != estimate else {
            throw context.refuse(.missingField, "an accrual names its basis (e.g. \"partner report of 2026-01-20\") or is an estimate (estimate: true), one of the two")
        }
        // At most what the partner could still report (the award less what it reported), once
        // per grant and year: an outside trial accrued USD 5,000,000 on a grant of 16,000, twice,
        // alone, and the year's expenses and the donors' signed statements carried it.
        let awarded = try Amount.stored(grant.record.amount, context.fundCurrency)
        let unreported = try awarded.minus(try grant.amountOrZero("spent"))
        guard amount.minorUnits <= unreported.minorUnits else {
            throw context.refuse(.totalMismatch, """
                grant \(grant.id) was awarded \(awarded.decimalString) and its partner has reported \(try grant.amountOrZero("spent").decimalString): \
                an accrual is at most the \(unreported.decimalString) it could still report, not \(amount.decimalString)
                """)
        }
        let once = "\(grant.id)/\(context.date.year)"
        if let earlier = try context.state.record(accruedCollection, once) {
            throw context.refuse(.alreadyRecorded, "grant \(grant.id) was accrued for \(context.date.year) already (entry \(earlier.seq)); a grant is accrued once a year")
        }
        let advances = try FundChart.advances.sub(grant.id)
        let open = try FundMoney.balance(advances, context.fundCurrency, context).amount
        let fromAdvance = open.minorUnits <= 0 ? Amount.zero(amount.currency) : (amount.minorUnits <= open.minorUnits ? amount : open)
        let beyond = try amount.minus(fromAdvance)
        let psc = try FundSettings.applying(try FundSettings.percent("psc_rate", context), to: amount)
        var outcome = FundOutcome()
        outcome.post(FundChart.grantExpense, amount, value: amount)
        outcome.post(advances, try fromAdvance.negative(), value: try fromAdvance.negative())
        if !beyond.isZero {
            let name = grant.record.granteeName
            let payable = try ContributionRules.subAccount(FundChart.payables, grant.id, "Payable – \(grant.id) \(name)", .liability, context, &outcome)
            outcome.post(payable, try beyond.negative(), value: try beyond.negative())
        }
        outcome.post(FundChart.psc, psc, value: psc)
        outcome.post(FundChart.payables, try psc.negative(), value: try psc.negative())
        outcome.put(accruedCollection, once, seq: context.seq, ["amount": .string(amount.decimalString)])
        outcome.put(collection, openID, seq: context.seq, [
            "seq": .integer(Int64(context.seq)), "grant": .string(grant.id), "date": .string(context.date.description),
        ])
        outcome.reversible = false
        return outcome
    }

    /// `grant.accrue.reverse`: `{"accrual": SEQ}`, the entry right after accrual SEQ, dated the
    /// day after it (1 January): its postings exactly negated.
    static func reverse(_ context: FundContext) throws -> FundOutcome {
        let number = try context.decode(AccrualReversal.self).accrual
        let open = try context.state.record(collection, openID).map { (record) throws(RuleViolation) in try RecordFields(record, collection) }
        guard let open, try open.integer("seq") == number,
            number >= 0, UInt64(number) + 1 == context.seq, let target = try context.state.postings(ofEntry: UInt64(number)),
            target.kind == .grantAccrue
        else {
            throw context.refuse(.notReversible, "a grant.accrue.reverse is the entry right after the grant.accrue it reverses, and entry \(number) is not the one before it")
        }
        let accrued = try open.date("date")
        guard let next = accrued.addingChecked(days: 1) else {
            throw context.refuse(.wrongDate, "an accrual of \(accrued) cannot be reversed the next day: no ledger holds a date after it")
        }
        guard context.date == next else {
            throw context.refuse(.wrongDate, "the reversal of the accrual of \(accrued) is dated the next day, \(next), not \(context.date)")
        }
        var outcome = FundOutcome()
        for posting in try LedgerRules.negated(target.postings) { outcome.post(posting.account, posting.amount, value: posting.value) }
        outcome.effects.append(.removeRecord(collection: collection, id: openID))
        outcome.reversible = false
        return outcome
    }

    /// Any entry right after a `grant.accrue` other than its reversal is refused: the accrual and
    /// its reversal are written together (one batch), so the closing year never keeps an accrual
    /// that the next one does not take out.
    static func checkFollowsAccrual(_ body: EntryBody, state: some LedgerStateReading) throws {
        guard body.kind != .grantAccrueReverse, body.kind != .genesis,
            let open = try state.record(collection, openID)
        else { return }
        let seq = try RecordFields(open, collection).integer("seq")
        throw RuleViolation(.wrongState, "entry \(body.seq): entry \(seq) accrues grant spending (grant.accrue); the entry after it must be its reversal (grant.accrue.reverse dated the next day), written with it, not \(body.kind.rawValue)")
    }
}
