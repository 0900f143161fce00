import LedgerJournal
import CanonicalJSON
import LedgerCore

/// What each controlled action checks when requested, certified and approved, and what it
/// posts at approval.
enum ActionRules {
    // MARK: - Requests

    /// `grant.award`: `{"grantee", "grantee_name", "amount", "tranches": [amount…],
    /// "recommendation"?, "earmark"?, "country"?, "sector"?, "public_name"?}`; the request's ref is
    /// the grant's id. An earmark must be one a signed agreement carries (``EarmarkRules``); what
    /// may be published is checked by ``GrantRules/checkPublication(_:_:)``.
    static func requestAward(_ context: FundContext, ref: String) throws {
        let award = try context.decode(ActionRequest<AwardParams>.self).params
        if let earmark = award.earmark {
            try context.checkText(earmark, "earmark", max: Limits.nameLengthMax)
            try EarmarkRules.checkGrantEarmark(earmark, context)
        }
        if let existing = try context.state.record("grant", ref) {
            throw context.refuse(.alreadyRecorded, "grant \(ref) already exists (entry \(existing.seq))")
        }
        try FundIDs.check(award.grantee, what: "grantee", seq: context.seq)
        try context.checkText(award.granteeName, "grantee_name", max: Limits.nameLengthMax)
        try GrantRules.checkPublication(award, context)
        let amount = try context.positive(award.amount, "amount")
        var total = Amount.zero(context.fundCurrency)
        guard !award.tranches.isEmpty else { throw context.refuse(.badField, "a grant needs at least one tranche") }
        for (index, tranche) in award.tranches.enumerated() {
            guard tranche.minorUnits > 0 else { throw context.refuse(.badField, "tranche \(index + 1) must be more than zero") }
            total = try total.plus(tranche)
        }
        guard total == amount else {
            throw context.refuse(.totalMismatch, "the tranches add up to \(total.decimalString), not the grant's \(amount.decimalString)")
        }
        if let recommendation = award.recommendation {
            _ = try context.require("recommendation", recommendation, "board recommendation")
        }
    }

    /// `grant.disburse`: `{"grant", "tranche", "amount"}`. Reserves the tranche on the grant.
    static func requestDisbursement(_ context: FundContext, _ outcome: inout FundOutcome) throws {
        let params = try context.decode(ActionRequest<DisbursementParams>.self).params
        var grant = try Grant(context, params.grant)
        guard grant.status == .open else { throw context.refuse(.wrongState, "grant \(grant.id) is \(grant.status)") }
        let tranche = params.tranche
        let count = grant.tranches.count
        guard tranche >= 1, tranche <= count else {
            throw context.refuse(.badField, "grant \(grant.id) has tranches 1...\(count), not \(tranche)")
        }
        guard !grant.trancheNumbers("tranches_requested").contains(tranche) else {
            throw context.refuse(.alreadyRecorded, "tranche \(tranche) of grant \(grant.id) is already requested or paid")
        }
        let amount = try context.positive(params.amount, "amount")
        // Each tranche is paid once and at most as approved, so the payments never pass the grant.
        let approved = grant.tranches[Int(tranche) - 1]
        guard amount.minorUnits <= approved.minorUnits else {
            throw context.refuse(.fundsUnavailable, "disbursement beyond the approved grant: tranche \(tranche) of \(grant.id) is approved for \(approved.decimalString), this asks \(amount.decimalString)")
        }
        grant.set("pending", try grant.amount("pending").plus(amount))
        grant.fields["tranches_requested"] = .array((grant.trancheNumbers("tranches_requested") + [tranche]).map { .integer($0) })
        outcome.put("grant", grant.id, seq: context.seq, grant.fields)
    }

    /// `receivable.write-off`: `{"agreement", "amount"}` in the agreement's currency.
    static func requestWriteOff(_ context: FundContext) throws {
        let agreement = try Agreement(context, try context.data.string("agreement"))
        let params = try context.decode(ActionRequest<ReceivableParams>.self, currency: agreement.currency).params
        let amount = try context.positive(params.amount, "amount")
        let outstanding = try agreement.outstanding()
        guard amount.minorUnits <= outstanding.minorUnits else {
            throw context.refuse(.fundsUnavailable, "agreement \(agreement.id) has \(outstanding.decimalString) \(agreement.currency.code) outstanding, less than \(amount.decimalString)")
        }
    }

    /// `donor.refund`: `{"donor", "amount", "currency"}`.
    static func requestRefund(_ context: FundContext) throws {
        let params = try context.decode(ActionRequest<DonorRefundParams>.self).params
        _ = try context.require("donor", params.donor, "donor")
        try context.positive(params.amount, "amount")
        try checkRefundable(params.amount, donor: params.donor, request: context.body.ref, context, stage: "request")
    }

    /// A donor is refunded only what it gave, in the currency it gave it: the receipts of its
    /// agreements in that currency (as received, net of reversals), and what 2300.DONOR holds
    /// for it, less its other refunds in that currency approved or waiting. An outside trial
    /// refunded USD 150,000 to a donor that had given 44,965, and EUR to donors that paid GBP.
    static func checkRefundable(_ amount: Amount, donor: String, request: String?, _ context: FundContext, stage: String) throws {
        let currency = amount.currency
        var given = Amount.zero(currency)
        for stored in try context.state.records("agreement") {
            let agreement = try Agreement(context, stored.id)
            guard agreement.donor == donor, agreement.currency == currency else { continue }
            given = try given.plus(try agreement.amount("received"))
        }
        let payable = try FundChart.refundsPayable.sub(donor)
        if try context.state.account(payable) != nil {
            given = try given.plus(try FundMoney.balance(payable, currency, context).amount.negative())
        }
        // What 2300.DONOR paid of an approved refund left its balance already: only the rest counts.
        var refunded = Amount.zero(currency)
        for stored in try context.state.records(RequestRecord.collection) where stored.id != request {
            let other = try RequestRecord(stored)
            guard other.requestAction == .donorRefund, other.params["donor"] == .string(donor),
                other.params["currency"] == .string(currency.code), other.status.isOpen || other.status == .approved,
                var paid = try other.amount(in: currency)
            else { continue }
            if other.status == .approved, let seq = other.approvedSeq, let entry = try context.state.postings(ofEntry: seq) {
                for posting in entry.postings where posting.account == payable && posting.amount.currency == currency {
                    paid = try paid.minus(posting.amount)
                }
            }
            refunded = try refunded.plus(paid)
        }
        let left = try given.minus(refunded)
        guard amount.minorUnits <= left.minorUnits else {
            throw context.refuse(.fundsUnavailable, """
                \(stage) refused: donor \(donor) has given \(given.decimalString) \(currency.code) (its agreements' receipts in \
                \(currency.code) and what \(payable) holds for it), less \(refunded.decimalString) refunded or asked for: \
                \(left.decimalString) may be refunded, not \(amount.decimalString); a donor is refunded in the currency it paid
                """)
        }
    }

    /// `setting.change`: `{"name", "value", "from"}`.
    static func requestSetting(_ context: FundContext) throws {
        let params = try context.decode(ActionRequest<SettingChangeParams>.self).params
        let name = params.name
        let value = params.value
        do { try FundSettings.validate(name, value, fundCurrency: context.fundCurrency) } catch {
            throw context.refuse(error)
        }
        // A setting changes from now on: entries already recorded keep the value they used. The
        // request's own date is the author's word (an outside trial dated one back to change the
        // PSC rate under a grant report already charged), so the start is also after every
        // posting already recorded.
        let from = params.from
        guard from >= context.date else {
            throw context.refuse(.wrongDate, "a setting changes from the request's date (\(context.date)) or later, not from \(from)")
        }
        try checkSettingStart(from, context)
    }

    /// A setting's change starts after every posting recorded so far (at the request and again at
    /// certification and approval, as entries may be recorded meanwhile).
    static func checkSettingStart(_ from: LedgerDate, _ context: FundContext) throws {
        if let last = try context.state.lastPostingDate(), from <= last {
            throw context.refuse(.wrongDate, """
                a setting changes after the entries already recorded, which keep the value they used: entries are dated up to \(last), \
                so the change starts on \(last.addingClamped(days: 1)) or later, not \(from)
                """)
        }
    }

    /// `voucher`: `{"postings": [{"account", "amount", "currency", "value"}…]}`, posted as is at approval.
    static func requestVoucher(_ context: FundContext) throws {
        let postings = try voucherPostings(context)
        do { try BalanceRule.check(postings, fundCurrency: context.fundCurrency) } catch { throw context.refuse(.unbalanced, "\(error)") }
        try checkVoucherValues(postings, context)
        var memo: [Posting] = []
        for posting in postings {
            guard let account = try context.state.account(posting.account), account.closedSeq == nil else {
                throw context.refuse(.unknownAccount, "account \(posting.account) does not exist or is closed")
            }
            if let (parent, what) = recordKept.first(where: { posting.account.isWithin($0.parent) && posting.account != $0.parent }) {
                throw context.refuse(.badField, """
                    account \(posting.account) is kept with the fund's records (\(what) under \(parent)): a voucher would change the \
                    books and leave the record behind (a grant's spending without its report and PSC); use the command that keeps \
                    both (vtf grant report, grant refund, receive, receivable write-off, donor refund, …), or reverse the entry
                    """)
            }
            if account.type == .memo { memo.append(posting) }
        }
        guard let settings = context.state.settings else { return }
        try LedgerRules.checkMemoBalance(memo, at: "entry \(context.seq)", settings: settings, total: postings.count)
    }

    /// A voucher values each posting in another currency at the UN operational rate of its date,
    /// as every other money entry does: an outside trial carried EUR 0.00 at USD 500,000.00 (cash
    /// and revenue that do not exist), and the officers, who see no postings, certified and
    /// approved it. Checked at the request, and again at certification and approval.
    static func checkVoucherValues(_ postings: [Posting], _ context: FundContext) throws {
        for posting in postings where posting.amount.currency != context.fundCurrency {
            let atRate = try FundMoney.value(posting.amount, on: context.date, context)
            guard posting.value == atRate else {
                throw context.refuse(.badField, """
                    posting \(posting.account) \(posting.amount.decimalString) \(posting.amount.currency.code) is worth \
                    \(atRate.decimalString) \(context.fundCurrency.code) at the UN operational rate of \(context.date), not \
                    \(posting.value.decimalString): a voucher values another currency at the day's rate (vtf rates list)
                    """)
            }
        }
    }

    /// The accounts whose sub-accounts the fund's records keep (a donor's receivable and what
    /// is owed or deferred to it, a grant's advance and commitment, the memo pledges and
    /// contras): a manual voucher may not post to them (an outside trial moved a grant's advance
    /// to 5100 by voucher, and the grant showed nothing spent and no PSC).
    static let recordKept: [(parent: AccountCode, what: String)] = [
        (FundChart.receivables, "a donor's receivable"), (FundChart.deferredRevenue, "a donor's deferred revenue"),
        (FundChart.refundsPayable, "what is owed back to a donor"), (FundChart.advances, "a grant's advance"),
        (FundChart.pledges, "a donor's pledge"), (FundChart.commitments, "a grant's commitment"), (FundChart.memoContra, "a memo contra"),
    ]

    /// `reversal`: `{"reverses": SEQ}`. A correction: the entry's postings negated and, for a
    /// fund entry, its records put back as they were (``FundUndo``).
    static func requestReversal(_ context: FundContext) throws {
        _ = try context.decode(ActionRequest<ReversalParams>.self)
        _ = try reversalTarget(context)
    }

    /// The entry a reversal names, checked: earlier, with postings, not reversed, undoable.
    static func reversalTarget(_ context: FundContext) throws -> (seq: UInt64, kind: EntryKind, postings: [Posting]) {
        let number = try context.decode(ActionRequest<ReversalParams>.self).params.reverses
        guard number >= 0, UInt64(number) < context.seq, let target = try context.state.postings(ofEntry: UInt64(number)) else {
            throw context.refuse(.notFound, "reverses \(number), which is not an earlier entry")
        }
        let seq = UInt64(number)
        guard !target.postings.isEmpty else {
            throw context.refuse(.notReversible, "entry \(seq) (\(target.kind.rawValue)) has no postings to reverse")
        }
        if try context.state.isReversed(seq: seq) { throw context.refuse(.notReversible, "entry \(seq) is already reversed") }
        guard context.date >= target.date else {
            throw context.refuse(.wrongDate, "a reversal is dated on or after the entry it reverses (entry \(seq), dated \(target.date)), not \(context.date)")
        }
        if target.kind == .yearClose { throw context.refuse(.closedYear, "a closed year stays closed: entry \(seq) closes it") }
        if target.kind == .grantAccrue || target.kind == .grantAccrueReverse {
            throw context.refuse(.notReversible, "entry \(seq) is a year-end accrual (grant.accrue) or its reversal, which the grant.accrue.reverse of 1 January already takes out; correct a wrong figure with a voucher request")
        }
        if FundKind(target.kind) != nil { _ = try FundUndo.restore(seq, context) }
        return (seq, target.kind, target.postings)
    }

    /// `rates.set` as a request (`{"from", "rates", "revision"}` beside the action): the rate set's
    /// own checks, but a move of more than a quarter passes, since two people confirm it. Returns
    /// the rate records it puts.
    static func confirmedRates(_ params: FundContext) throws -> FundOutcome {
        try SetupRules.rates(try params.decode(ActionRequest<RateSetData>.self).params, params, confirmed: true)
    }

    /// `bank.charges`: `{"account", "amount", "currency", "bank_id"?}`: charges the bank took
    /// from `account`, found by a reconciliation.
    /// The account must be cash (1100 or a bank under it): charges booked on any other account
    /// would credit it (an outside trial booked them against contributions revenue). A bank line
    /// is charged once: a statement exported again (other line ends, a byte-order mark) gives
    /// the same line another file hash, so a second request for the line's bank id on the same
    /// account is refused while the first is open or approved (a rejected or reversed one may be
    /// asked again).
    static func requestBankCharges(_ context: FundContext) throws {
        let params = try context.decode(ActionRequest<BankChargesParams>.self).params
        let account = params.account
        guard try context.state.account(account) != nil else { throw context.refuse(.unknownAccount, "account \(account) does not exist") }
        guard account.isWithin(FundChart.cash) else {
            throw context.refuse(.badField, "bank charges come out of a bank account: \(account) is not cash (\(FundChart.cash) or a bank account under it); reconcile the statement against the bank's account")
        }
        try context.positive(params.amount, "amount")
        guard let bankID = params.bankID, let other = try BankChargeRequests.standing(on: account, state: context.state)[bankID] else { return }
        throw context.refuse(.duplicateRef, "the charges of bank line \(bankID) on \(account) are already requested (\(other.ref), \(other.status.rawValue)): a bank line is charged once")
    }

    /// A voucher's postings, read through its parameters' type (`context` reads the request's data).
    static func voucherPostings(_ context: FundContext) throws -> [Posting] {
        let lines = try context.decode(ActionRequest<VoucherParams>.self).params.postings
        guard lines.count <= Limits.postingsPerEntryMax else {
            throw context.refuse(.malformedEntry, "more than \(Limits.postingsPerEntryMax) postings")
        }
        return lines.map(\.posting)
    }

    // MARK: - Certification

    /// The certifying officer confirms funds are available (FRR rule 105.5). The approval checks
    /// again (`stage` "approval"), since money may have moved since the certification.
    static func checkCertifiable(_ request: Request, _ context: FundContext, stage: String = "certification") throws {
        let params = context.reading(try request.params(context))
        switch try request.requestAction(context) {
        case .grantAward:
            let amount = try params.decode(ActionRequest<AwardParams>.self).params.amount
            let funds = try FundsAvailable.forCommitment(context.state, asOf: try postingDate(request, context), excludingRequest: request.ref)
            try checkAvailable(amount, funds, "grant \(request.ref) of \(amount.decimalString)", context, stage: stage)
        case .grantDisburse:
            let disbursement = try params.decode(ActionRequest<DisbursementParams>.self).params
            let amount = disbursement.amount
            try checkCash(for: amount, request, context, stage: stage)
            // The payment liquidates its own commitment: that part of 9200 is not taken off twice.
            let grant = disbursement.grant
            let committed = try FundMoney.balance(try FundChart.commitments.sub(grant), context.fundCurrency, context).value
            var funds = try FundsAvailable.forCommitment(context.state, asOf: try postingDate(request, context))
            try funds.add(
                "plus the commitment this payment liquidates (9200.\(grant))", "9200.\(grant)",
                committed.minorUnits < amount.minorUnits ? committed : amount)
            try checkAvailable(amount, funds, "payment \(request.ref) of \(amount.decimalString)", context, stage: stage)
        case .receivableWriteOff:
            let agreement = try Agreement(context, try params.data.string("agreement"))
            let amount = try params.decode(ActionRequest<ReceivableParams>.self, currency: agreement.currency).params.amount
            let outstanding = try agreement.outstanding()
            guard amount.minorUnits <= outstanding.minorUnits else {
                throw context.refuse(.fundsUnavailable, "\(stage) refused: agreement \(agreement.id) no longer has \(amount.decimalString) outstanding (it has \(outstanding.decimalString) \(agreement.currency.code)); reject the request")
            }
            let value = try FundMoney.carry(try FundChart.receivables.sub(agreement.donor), amount, context)
            let limit = try FundSettings.money("write_off_limit", context)
            guard value.minorUnits <= limit.minorUnits else {
                throw context.refuse(.fundsUnavailable, "\(stage) refused: the write-off is worth \(value.decimalString), above the write-off limit of \(limit.decimalString) \(context.fundCurrency.code)")
            }
            try checkWriteOffsOfTheYear(value, limit, request, agreement, context, stage: stage)
        case .receivableImpair:
            try ImpairmentRules.checkCertifiable(params, context, stage: stage)
        case .donorRefund:
            let refund = try params.decode(ActionRequest<DonorRefundParams>.self).params
            try checkRefundable(refund.amount, donor: refund.donor, request: request.ref, context, stage: stage)
            try checkCash(for: refund.amount, request, context, stage: stage)
            try checkRefundAvailable(refund.amount, request, params, context, stage: stage)
        case .yearClose:
            try YearEndRules.checkCertifiable(request, context)
        case .secretariatCost:
            try SecretariatRules.checkCertifiable(request, params, context, stage: stage)
        case .budgetSet:
            try BudgetRules.checkCertifiable(request, context)
        case .voucher:
            try checkVoucherValues(try voucherPostings(params), params)
            // What the voucher takes out of cash, per currency, against the cash held less the
            // payments certified and not yet approved (the floor under every entry: `CashHeld`).
            for (_, outflow) in try CashHeld.outflows(try voucherPostings(params)) {
                try checkCash(for: outflow, request, context, stage: stage)
            }
        case .reversal:
            // Reversing a receipt takes its cash back out: the cash must still be there.
            for (_, outflow) in try CashHeld.outflows(try LedgerRules.negated(try reversalTarget(params).postings)) {
                try checkCash(for: outflow, request, context, stage: stage)
            }
        case .ratesSet:
            _ = try confirmedRates(params)  // still not recorded, the year still open
        case .settingChange:
            try checkSettingStart(try params.decode(ActionRequest<SettingChangeParams>.self).params.from, context)
        case .bankCharges: break  // nothing to confirm beyond the request's own checks
        }
    }

    /// The date the approval of `request` posts on (it carries the request's date): funds are
    /// counted as of it, at certification and at approval alike.
    static func postingDate(_ request: Request, _ context: FundContext) throws -> LedgerDate {
        request.record.date
    }

    /// Refuses `amount` (in the fund currency) beyond `funds`, showing the computation.
    static func checkAvailable(_ amount: Amount, _ funds: FundsAvailable, _ what: String, _ context: FundContext, stage: String) throws {
        guard amount.minorUnits <= funds.available.minorUnits else {
            throw context.refuse(.fundsUnavailable, """
                \(stage) refused: \(what) exceeds the available funds of \(funds.available.decimalString) \(context.fundCurrency.code) \
                as of \(funds.asOf) (cash − held for others − reserve − open commitments; receivables do not count):
                \(funds.render(asked: amount))
                Receive the cash first (or apply the unidentified receipt to its agreement), or ask for less.
                """)
        }
    }

    /// A refund pays back first what 2300.DONOR holds for the donor (money held for others, so
    /// not taken from the available funds); the rest returns a contribution and must be within
    /// the funds available, at the carrying value of the cash in its currency.
    static func checkRefundAvailable(_ amount: Amount, _ request: Request, _ params: FundContext, _ context: FundContext, stage: String) throws {
        let payable = try FundChart.refundsPayable.sub(try params.decode(ActionRequest<DonorRefundParams>.self).params.donor)
        let owed = try context.state.account(payable) == nil
            ? Amount.zero(amount.currency) : try FundMoney.balance(payable, amount.currency, context).amount.negative()
        let rest = owed.minorUnits > 0 ? try amount.minus(amount.minorUnits <= owed.minorUnits ? amount : owed) : amount
        guard !rest.isZero else { return }
        let value = try FundMoney.carry(FundChart.cash, rest, context)
        let funds = try FundsAvailable.forCommitment(context.state, asOf: try postingDate(request, context))
        try checkAvailable(value, funds, "refund \(request.ref) of \(value.decimalString) beyond what 2300 holds for the donor", context, stage: stage)
    }

    /// Refuses a payment of `amount` that the cash in its currency does not cover, counting the
    /// payments (grant tranches, donor refunds, secretariat costs with their PSC) already certified
    /// and not yet approved.
    static func checkCash(for amount: Amount, _ request: Request, _ context: FundContext, stage: String) throws {
        let currency = amount.currency
        let cash = try FundMoney.balance(FundChart.cash, currency, context).amount
        var waiting = Amount.zero(currency)
        for record in try context.state.records(RequestRecord.collection) where record.id != request.ref {
            let other = try RequestRecord(record)
            guard other.status == .certified, other.params["amount"] != nil else { continue }
            switch other.requestAction {
            case .secretariatCost where currency == context.fundCurrency:
                waiting = try waiting.plus(try SecretariatRules.held(by: other, fund: currency, state: context.state))
            case .grantDisburse where currency == context.fundCurrency:
                waiting = try waiting.plus(try other.amount(in: currency) ?? .zero(currency))
            case .donorRefund where other.params["currency"] == .string(currency.code):
                waiting = try waiting.plus(try other.amount(in: currency) ?? .zero(currency))
            default: continue
            }
        }
        guard try amount.plus(waiting).minorUnits <= cash.minorUnits else {
            let others = waiting.isZero ? "" : ", less \(waiting.decimalString) certified for other payments not yet approved"
            let held = try context.state.balances(of: FundChart.cash).map(\.amount).filter { $0.currency != currency && $0.minorUnits > 0 }
            let convert = held.first.map { first in
                "; the fund holds cash in \(held.map(\.currency.code).joined(separator: ", ")) too: convert some first (vtf cash convert --amount AMOUNT --currency \(first.currency.code))"
            } ?? ""
            throw context.refuse(.fundsUnavailable, "\(stage) refused: payment \(request.ref) of \(amount.decimalString) exceeds the \(currency.code) cash of \(cash.decimalString)\(others)\(convert)")
        }
        try checkCashOnItsDate(amount, request, context, stage: stage)
    }

    /// A payment posts on its request's date (its value date; the approval carries it), so
    /// the cash must cover it as of that date: the receipts that fund it must have arrived by
    /// then. Payments already posted count on their own dates, so neither on the payment's
    /// date nor on any later posting date may the cash in its currency go below zero.
    static func checkCashOnItsDate(_ amount: Amount, _ request: Request, _ context: FundContext, stage: String) throws {
        let currency = amount.currency
        let date = request.record.date
        let days = try context.state.dailyAmounts(of: FundChart.cash, currency: currency).map { ($0.date, $0.amount.minorUnits) }
        let (cashOnDate, lowLater) = try CashHeld.balances(days, from: date)
        let onDate = Amount(minorUnits: cashOnDate, currency: currency)
        guard amount.minorUnits <= onDate.minorUnits else {
            throw context.refuse(.fundsUnavailable, "\(stage) refused: payment \(request.ref) of \(amount.decimalString) \(currency.code) is dated \(date), when the \(currency.code) cash was \(onDate.decimalString) (receipts and payments posted on or before that date); a payment may not be dated before the funds that certify it arrived: request it again dated on or after the receipt")
        }
        if let low = lowLater, amount.minorUnits > low.amount {
            throw context.refuse(.fundsUnavailable, "\(stage) refused: payment \(request.ref) of \(amount.decimalString) \(currency.code) dated \(date) would take the \(currency.code) cash below zero on \(low.date), when it was \(Amount(minorUnits: low.amount, currency: currency).decimalString) (payments posted by then count); date it after the cash that covers it arrived")
        }
    }

    // MARK: - Approval

    /// The memo contra of an award or a payment: `kept` (9900.AWARDED, or 9900.PAID.GRANT, opened
    /// by the first one) on a fund that keeps grant flows apart, 9900 itself on one set up before.
    static func grantContra(_ kept: AccountCode, _ what: String, _ context: FundContext, _ outcome: inout FundOutcome) throws -> AccountCode {
        guard try FundSettings.keepsGrantFlows(context.state) else { return FundChart.memoContra }
        if try context.state.account(kept) == nil, outcome.opened[kept] == nil {
            outcome.open(kept, name: "Memo contra – \(what)", type: .memo, seq: context.seq)
        }
        return kept
    }

    static func approve(_ request: Request, _ context: FundContext, _ outcome: inout FundOutcome) throws {
        try checkCertifiable(request, context, stage: "approval")
        let params = context.reading(try request.params(context))
        let fund = context.fundCurrency
        switch try request.requestAction(context) {
        case .grantAward:
            let id = request.ref
            let award = try params.decode(ActionRequest<AwardParams>.self).params
            let amount = award.amount
            let grantee = award.granteeName
            let advances = try ContributionRules.subAccount(FundChart.advances, id, "Advances – \(id) \(grantee)", .asset, context, &outcome)
            _ = advances
            let commitment = try ContributionRules.subAccount(FundChart.commitments, id, "Commitment – \(id) \(grantee)", .memo, context, &outcome)
            outcome.post(commitment, amount, value: amount)
            outcome.post(try grantContra(FundChart.awardedContra, "grants awarded", context, &outcome), try amount.negative(), value: try amount.negative())
            let zero = Amount.zero(fund).decimalString
            var fields: JSONObject = [
                "grantee": params.data.object["grantee"] ?? .null, "grantee_name": .string(grantee),
                "amount": .string(amount.decimalString), "tranches": params.data.object["tranches"] ?? .array([]),
                "paid": .string(zero), "pending": .string(zero), "spent": .string(zero), "psc": .string(zero),
                "refunded": .string(zero), "status": GrantStatus.open.field, "awarded": .string(request.date),
                "tranches_requested": .array([]), "tranches_paid": .array([]),
            ]
            if let recommendation = params.data.object["recommendation"] { fields["recommendation"] = recommendation }
            if let earmark = params.data.object["earmark"] { fields["earmark"] = earmark }
            // What may be published about the grant (IATI, the public site) travels with it.
            for member in ["country", "sector", "public_name"] {
                if let value = params.data.object[member] { fields[member] = value }
            }
            outcome.put("grant", id, seq: context.seq, fields)
        case .grantDisburse:
            let disbursement = try params.decode(ActionRequest<DisbursementParams>.self).params
            var grant = try Grant(context, disbursement.grant)
            guard grant.status == .open else { throw context.refuse(.wrongState, "grant \(grant.id) is \(grant.status)") }
            let amount = disbursement.amount
            let tranche = disbursement.tranche
            outcome.post(try FundChart.advances.sub(grant.id), amount, value: amount)
            outcome.post(FundChart.cash, try amount.negative(), value: try amount.negative())
            outcome.post(try grantContra(try FundChart.paidContra.sub(grant.id), "tranches paid to \(grant.id)", context, &outcome), amount, value: amount)
            outcome.post(try FundChart.commitments.sub(grant.id), try amount.negative(), value: try amount.negative())
            grant.set("paid", try grant.amount("paid").plus(amount))
            grant.set("pending", try grant.amount("pending").minus(amount))
            grant.fields["tranches_paid"] = .array((grant.trancheNumbers("tranches_paid") + [tranche]).map { .integer($0) })
            outcome.put("grant", grant.id, seq: context.seq, grant.fields)
        case .receivableWriteOff:
            var agreement = try Agreement(context, try params.data.string("agreement"))
            let amount = try params.decode(ActionRequest<ReceivableParams>.self, currency: agreement.currency).params.amount
            guard amount.minorUnits <= (try agreement.outstanding()).minorUnits else {
                throw context.refuse(.fundsUnavailable, "agreement \(agreement.id) no longer has \(amount.decimalString) outstanding")
            }
            try postWriteOff(amount, of: &agreement, context, &outcome)
            agreement.set("written_off", try agreement.amount("written_off").plus(amount))
            outcome.put("agreement", agreement.id, seq: context.seq, agreement.fields)
        case .receivableImpair:
            try ImpairmentRules.approve(params, context, &outcome)
        case .donorRefund:
            try approveRefund(params, context, &outcome)
        case .settingChange:
            let change = try params.decode(ActionRequest<SettingChangeParams>.self).params
            outcome.put(FundSettings.collection(change.name), change.from.description, seq: context.seq, ["value": .string(change.value)])
        case .voucher:
            for posting in try voucherPostings(params) { outcome.post(posting.account, posting.amount, value: posting.value) }
        case .bankCharges:
            // Dr 5400 at the day's rate; Cr the account at its carrying value; FX between.
            let charges = try params.decode(ActionRequest<BankChargesParams>.self).params
            let account = charges.account
            let amount = charges.amount
            outcome.post(FundChart.bankCharges, amount, value: try FundMoney.value(amount, on: context.date, context))
            outcome.post(account, try amount.negative(), value: try FundMoney.carry(account, amount, context).negative())
            FundMoney.postFX(try FundMoney.imbalance(outcome, context), currency: amount.currency, into: &outcome)
        case .secretariatCost:
            try SecretariatRules.approve(params, &outcome)
        case .budgetSet:
            try BudgetRules.approve(request, context, &outcome)
        case .ratesSet:
            outcome.effects += try confirmedRates(params).effects
        case .reversal:
            let target = try reversalTarget(params)
            for posting in try LedgerRules.negated(target.postings) { outcome.post(posting.account, posting.amount, value: posting.value) }
            if FundKind(target.kind) != nil {
                outcome.effects += try FundUndo.restore(target.seq, params)
                try closeReversedRequests(by: request.ref, context, &outcome)
            }
            outcome.effects.append(.reverse(target: target.seq, by: context.seq))
            outcome.reversible = false
        case .yearClose:
            throw context.refuse(.wrongState, "request \(request.ref) closes a year: its approval is a year.close entry naming it")
        }
    }

    /// The limit on write-offs holds for what is written off per agreement and per (calendar)
    /// year, not per request: the write-offs of the agreement approved in the request's year, at
    /// the values they posted (and, at certification, those certified and not yet approved, at
    /// today's carrying value), plus this one, may not pass `write_off_limit`. Reversed
    /// write-offs no longer count.
    static func checkWriteOffsOfTheYear(
        _ value: Amount, _ limit: Amount, _ request: Request, _ agreement: Agreement, _ context: FundContext, stage: String
    ) throws {
        let year = String(try postingDate(request, context).description.prefix(4))
        var before = Amount.zero(context.fundCurrency)
        for stored in try context.state.records("request") where stored.id != request.ref {
            let record = try RequestRecord(stored)
            guard record.requestAction == .receivableWriteOff, record.date.description.hasPrefix(year + "-"),
                record.params["agreement"]?.stringValue == agreement.id
            else { continue }
            switch record.status {
            case .approved:
                // What it took off the receivable, as posted.
                guard let seq = record.approvedSeq, let entry = try context.state.postings(ofEntry: seq) else {
                    throw context.refuse(.damagedState, "request \(record.ref) is approved without its entry; run vtf verify (the derived tables may have been edited)")
                }
                let receivable = try FundChart.receivables.sub(agreement.donor)
                for posting in entry.postings where posting.account == receivable { before = try before.minus(posting.value) }
            case .certified where stage == "certification":
                let params = context.reading(try JSONFields(.object(record.params), context: "request \(record.ref)"))
                let amount = try params.positiveAmount("amount", agreement.currency)
                let receivable = try FundChart.receivables.sub(agreement.donor)
                // At its carrying value; once receipts left less than it on 1200.DONOR, what is left
                // there (the rest cannot be written off: its approval would be refused).
                let held = try FundMoney.balance(receivable, amount.currency, context).amount
                let part = amount.minorUnits <= held.minorUnits ? amount : held
                if part.minorUnits > 0 { before = try before.plus(try FundMoney.carry(receivable, part, context)) }
            default: continue
            }
        }
        let total = try before.plus(value)
        guard total.minorUnits <= limit.minorUnits else {
            throw context.refuse(.fundsUnavailable, """
                \(stage) refused: the write-offs of agreement \(agreement.id) in \(year) would come to \(total.decimalString) \(context.fundCurrency.code) \
                (\(before.decimalString) already approved or certified, plus \(value.decimalString) for request \(request.ref)), above the write-off \
                limit of \(limit.decimalString) \(context.fundCurrency.code), which applies to the total written off per agreement and per year; \
                reject the request, or ask for at most \(try limit.minus(before).decimalString) \(context.fundCurrency.code)
                """)
        }
    }

    /// A write-off of `amount` of `agreement`'s receivable: Cr 1200.DONOR at its carrying value.
    /// What is still deferred (a conditional agreement whose condition is not met) is taken
    /// off the deferred revenue, Dr 2200.DONOR, so that nothing goes through surplus or deficit
    /// and no later recognition can book revenue that will not arrive; the rest is a loss,
    /// taken first from the allowance held for the donor (Dr 1210.DONOR, as far as it goes),
    /// else Dr 5600. The deferred revenue and the allowance leave at their carrying values; any
    /// difference from the receivable's (a revaluation since signature) is FX (4900/5900).
    static func postWriteOff(_ amount: Amount, of agreement: inout Agreement, _ context: FundContext, _ outcome: inout FundOutcome) throws {
        let receivable = try FundChart.receivables.sub(agreement.donor)
        let carry = try FundMoney.carry(receivable, amount, context)
        let deferred = try agreement.amount("deferred")
        let fromDeferred = deferred.minorUnits <= 0 ? Amount.zero(amount.currency) : (amount.minorUnits <= deferred.minorUnits ? amount : deferred)
        if !fromDeferred.isZero {
            let account = try FundChart.deferredRevenue.sub(agreement.donor)
            outcome.post(account, fromDeferred, value: try FundMoney.carry(account, fromDeferred, context))
            agreement.set("deferred", try deferred.minus(fromDeferred))
        }
        var rest = try amount.minus(fromDeferred)
        let allowance = try FundChart.allowance.sub(agreement.donor)
        if !rest.isZero, try context.state.account(allowance) != nil {
            let held = try FundMoney.balance(allowance, amount.currency, context).amount.negative()
            if held.minorUnits > 0 {
                let part = rest.minorUnits <= held.minorUnits ? rest : held
                outcome.post(allowance, part, value: try FundMoney.carry(allowance, part, context))
                rest = try rest.minus(part)
            }
        }
        if !rest.isZero {
            // The loss at the receivable's carrying value of what the 2200 and 1210 lines do not cover.
            let covered = try amount.minus(rest)
            let value = covered.isZero ? carry : try carry.minus(try FundMoney.carry(receivable, covered, context))
            outcome.post(FundChart.writeOffs, rest, value: value)
        }
        outcome.post(receivable, try amount.negative(), value: try carry.negative())
        FundMoney.postFX(try FundMoney.imbalance(outcome, context), currency: amount.currency, into: &outcome)
    }

    /// Pays a donor back: first from its refunds payable (2300.DONOR), the rest as a return of
    /// its contribution (Dr revenue at the day's rate); cash leaves at its carrying value.
    static func approveRefund(_ params: FundContext, _ context: FundContext, _ outcome: inout FundOutcome) throws {
        let refund = try params.decode(ActionRequest<DonorRefundParams>.self).params
        let donorID = refund.donor
        let donor = try context.require("donor", donorID, "donor")
        let amount = refund.amount
        let currency = amount.currency
        let payable = try FundChart.refundsPayable.sub(donorID)
        let owed = try context.state.account(payable) == nil
            ? Amount.zero(currency) : try FundMoney.balance(payable, currency, context).amount.negative()
        let fromPayable = owed.minorUnits > 0 ? (amount.minorUnits <= owed.minorUnits ? amount : owed) : .zero(currency)
        if !fromPayable.isZero {
            outcome.post(payable, fromPayable, value: try FundMoney.carry(payable, fromPayable, context))
        }
        let rest = try amount.minus(fromPayable)
        if !rest.isZero {
            outcome.post(try ContributionRules.revenueAccount(donor), rest, value: try FundMoney.value(rest, on: context.date, context))
        }
        outcome.post(FundChart.cash, try amount.negative(), value: try FundMoney.carry(FundChart.cash, amount, context).negative())
        FundMoney.postFX(try FundMoney.imbalance(outcome, context), currency: currency, into: &outcome)
    }

    /// A rejected request gives back what it reserved.
    static func release(_ request: Request, _ context: FundContext, _ outcome: inout FundOutcome) throws {
        guard request.action == "grant.disburse" else { return }
        let params = context.reading(try request.params(context))
        var grant = try Grant(context, try params.decode(ActionRequest<DisbursementParams>.self).params.grant)
        try releaseTranche(request, from: &grant, context)
        outcome.put("grant", grant.id, seq: context.seq, grant.fields)
    }

    /// Takes the tranche a disbursement request reserved off `grant` (pending, requested).
    static func releaseTranche(_ request: Request, from grant: inout Grant, _ context: FundContext) throws {
        let disbursement = try context.reading(try request.params(context)).decode(ActionRequest<DisbursementParams>.self).params
        let tranche = disbursement.tranche
        grant.set("pending", try grant.amount("pending").minus(disbursement.amount))
        grant.fields["tranches_requested"] = .array(grant.trancheNumbers("tranches_requested").filter { $0 != tranche }.map { .integer($0) })
    }

    /// A reversed approval never reopens its request. Putting back what an approval changed
    /// would make its request "certified" again, so that the approving officer alone could
    /// post it a second time; instead each request the reversal puts back is closed as
    /// "reversed" (whatever its action: payment, award, refund, write-off, charges, voucher),
    /// and what it reserved is released (a disbursement's tranche, so that a new request may ask
    /// for it). Doing it again needs a new request, certified and approved by two people.
    static func closeReversedRequests(by reversal: String, _ context: FundContext, _ outcome: inout FundOutcome) throws {
        for index in outcome.effects.indices {
            guard case .putRecord(let restored) = outcome.effects[index], restored.collection == "request",
                let current = try context.state.record("request", restored.id)
            else { continue }
            var request = try Request(current)
            request.set(.reversed)
            request.fields["reversed_by"] = .string(reversal)
            request.fields["reversed_seq"] = .integer(Int64(context.seq))
            outcome.effects[index] = .putRecord(StateRecord(collection: "request", id: request.ref, seq: context.seq, fields: request.fields))
            guard request.record.requestAction == .grantDisburse else { continue }
            let grantID = try context.reading(try request.params(context)).decode(ActionRequest<DisbursementParams>.self).params.grant
            guard let at = outcome.effects.firstIndex(where: {
                if case .putRecord(let record) = $0 { record.collection == "grant" && record.id == grantID } else { false }
            }), case .putRecord(let record) = outcome.effects[at] else {
                throw context.refuse(.notReversible, "the reversal of request \(request.ref) does not put back grant \(grantID)")
            }
            var grant = try Grant(record, currency: context.fundCurrency)
            try releaseTranche(request, from: &grant, context)
            outcome.effects[at] = .putRecord(StateRecord(collection: "grant", id: grantID, seq: context.seq, fields: grant.fields))
        }
    }
}

/// A grant's record.
struct Grant: MoneyRecord {
    let id: String
    var fields: JSONObject
    let currency: Currency

    /// Whether it is open; ``set(_:)`` changes it and its field together.
    private(set) var status: GrantStatus

    /// The planned tranches, as awarded.
    let tranches: [Amount]
    /// The record as it was read (before this entry's changes to ``fields``).
    let record: GrantRecord

    init(_ context: FundContext, _ id: String) throws {
        try self.init(try context.require("grant", id, "grant"), currency: context.fundCurrency)
    }

    init(_ record: StateRecord, currency: Currency) throws(RuleViolation) {
        let grant = try GrantRecord(record)
        id = record.id
        fields = record.fields
        self.currency = currency
        status = grant.status
        tranches = try grant.trancheAmounts(in: currency)
        self.record = grant
    }

    mutating func set(_ status: GrantStatus) {
        self.status = status
        fields["status"] = status.field
    }

    func trancheNumbers(_ name: String) -> [Int64] { (fields[name]?.arrayValue ?? []).compactMap(\.integerValue) }
}
