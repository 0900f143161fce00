public import CanonicalJSON
public import LedgerCore
public import LedgerJournal
public import TrustFundRules
import TransparencyLog

/// Turns what fund staff ask for into journal drafts. The store fills in the postings from the
/// fund rules (`LedgerLog/FundRules`) when it appends, so a draft carries only the facts:
/// who, how much, in which currency, on which date.
public enum FundDrafts {
    /// The `unvtf` template: the chart of accounts of DOMAIN.md §5 and the fund's first settings
    /// (PSC 13 %, reserve 15 % of planned expenditure, a write-off limit), effective `date`, with
    /// every controlled action under two-person approval.
    ///
    /// `seal` is the seal policy (`monthly`, or nil); `grantFlows` false sets the fund up as
    /// before grant flows were kept apart (awards and payments against 9900 itself).
    public static func unvtfTemplate(date: LedgerDate, settings: [String: String], seal: String? = nil, grantFlows: Bool = true) -> [EntryDraft] {
        var drafts = FundChart.accounts.map { account in
            EntryDraft(kind: .accountOpen, date: date, data: [
                "code": .string(account.code), "name": .string(account.name), "type": .string(account.type.rawValue),
            ])
        }
        var values = unvtfDefaults
        for (name, value) in settings { values[name] = value }
        drafts.append(EntryDraft(
            kind: .fundSetup, date: date, memo: "UNVTF template: chart of accounts, settings, two-person policy",
            data: EntryData.object(FundSetupData(template: "unvtf", twoPerson: FundSettings.controlledActions, settings: values, seal: seal, grantFlows: grantFlows ? true : nil))))
        return drafts
    }

    /// The template's settings unless `vtf init` is told otherwise.
    public static let unvtfDefaults: [String: String] = [
        "psc_rate": "13", "reserve_rate": "15", "planned_expenditure": "0.00", "write_off_limit": "10000.00",
    ]

    /// `donor.add`: registers donor `id` (`type` e.g. `member-state`, `country` ISO 3166-1 alpha-2 or
    /// nil); the rules open its receivable 1200.ID.
    public static func donor(id: String, name: String, type: String, country: String?, date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .donorAdd, date: date, ref: id, data: EntryData.object(DonorRegistration(id: id, name: name, type: type, country: country)))
    }

    /// `pledge.record` of `amount` (in the pledge's currency) by `donor`, under `ref`: a memo line,
    /// nothing posted.
    public static func pledge(donor: String, amount: Amount, date: LedgerDate, ref: String, memo: String? = nil) -> EntryDraft {
        EntryDraft(kind: .pledgeRecord, date: date, ref: ref, memo: memo, data: EntryData.object(PledgeData(donor: donor, amount: amount)))
    }

    /// Rates in currency units per 1 USD, effective `from` (a monthly set on the 1st, or a revision).
    /// Callers refuse a currency listed twice first (`RatesCommand` names the line); should one
    /// slip through, the last rate given for it is kept, never a trap.
    public static func rates(_ rates: [(Currency, Decimal64)], from: LedgerDate, revision: Bool, date: LedgerDate) -> EntryDraft {
        var texts: [String: String] = [:]
        for (currency, rate) in rates { texts[currency.code] = rate.description }
        return EntryDraft(kind: .ratesSet, date: date, data: EntryData.object(RateSetData(from: from, rates: texts, revision: revision)))
    }

    /// A `rates.set` request: rates that move a currency by more than a quarter, recorded once a
    /// certifying and an approving officer confirm them (ref nil: a new `FX-YEAR-NNNN`).
    public static func ratesRequest(_ rates: [(Currency, Decimal64)], from: LedgerDate, revision: Bool, date: LedgerDate, ref: String?) -> EntryDraft {
        var texts: [String: String] = [:]
        for (currency, rate) in rates { texts[currency.code] = rate.description }
        return request(ActionRequest(.ratesSet, RateSetData(from: from, rates: texts, revision: revision)), ref: ref, prefix: "FX", date: date)
    }

    /// One instalment of an agreement: `amount` in the agreement's currency, due on `due`.
    public struct Instalment: Sendable {
        /// What falls due, in the agreement's currency.
        public let amount: Amount
        /// The day it falls due.
        public let due: LedgerDate
        /// An instalment of `amount` due on `due`.
        public init(amount: Amount, due: LedgerDate) {
            self.amount = amount
            self.due = due
        }
    }

    /// `agreement.sign` of agreement `ref` with `donor` for `amount` (in the agreement's currency); the
    /// rules post Dr 1200.DONOR, Cr revenue (2200.DONOR when `conditional`). `pledge` names the pledge
    /// it converts.
    public static func agreement(
        ref: String, donor: String, amount: Amount, date: LedgerDate, conditional: Bool = false, earmark: String? = nil,
        instalments: [Instalment] = [], pledge: String? = nil, memo: String? = nil
    ) -> EntryDraft {
        let data = AgreementData(
            donor: donor, amount: amount, conditional: conditional, earmark: earmark,
            instalments: instalments.isEmpty ? nil : instalments.map { AgreementData.Instalment(amount: $0.amount, due: $0.due) },
            pledge: pledge)
        return EntryDraft(kind: .agreementSign, date: date, ref: ref, memo: memo, data: EntryData.object(data))
    }

    /// `agreement.recognise`: a condition of the conditional agreement is met; `amount` (in the
    /// agreement's currency) moves from deferred revenue (2200.DONOR) to revenue.
    public static func recognise(agreement: String, amount: Amount, date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .agreementRecognise, date: date, data: EntryData.object(RecognitionData(agreement: agreement, amount: amount)))
    }

    /// `contribution.receive` of `amount` against `agreement`, under the bank reference `bankRef`;
    /// `charges` are the bank charges taken off (same currency), left out when nil or zero.
    public static func receipt(agreement: String, amount: Amount, charges: Amount? = nil, date: LedgerDate, bankRef: String) -> EntryDraft {
        let data = ReceiptData(agreement: agreement, amount: amount, charges: charges?.isZero == false ? charges : nil)
        return EntryDraft(kind: .contributionReceive, date: date, ref: bankRef, data: EntryData.object(data))
    }

    /// `contribution.unidentified`: a receipt whose donor is not yet known, held in suspense (Dr 1100,
    /// Cr 2400) under `bankRef`.
    public static func unidentifiedReceipt(amount: Amount, date: LedgerDate, bankRef: String, memo: String? = nil) -> EntryDraft {
        EntryDraft(kind: .contributionUnidentified, date: date, ref: bankRef, memo: memo, data: EntryData.object(CashAmountData(amount: amount)))
    }

    /// `contribution.apply`: places the suspense receipt `bankRef` against `agreement`.
    public static func applyReceipt(bankRef: String, agreement: String, date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .contributionApply, date: date, data: EntryData.object(ReceiptApplication(receipt: bankRef, agreement: agreement)))
    }

    /// `cash.convert`: UN Treasury converts `amount` held in another currency into the fund currency at
    /// the day's rate.
    public static func conversion(amount: Amount, date: LedgerDate, ref: String?) -> EntryDraft {
        EntryDraft(kind: .cashConvert, date: date, ref: ref, data: EntryData.object(CashAmountData(amount: amount)))
    }

    // MARK: Controlled actions (two-person approval)

    /// `approval.request` of the controlled `action` (e.g. `grant.award`) under `ref` (nil: the
    /// writer numbers one `PREFIX-YEAR-NNNN` with `prefix`), with the action's `params`; nothing
    /// is posted until it is approved.
    public static func request(
        action: String, ref: String?, prefix: String? = nil, date: LedgerDate, params: JSONObject, memo: String? = nil
    ) -> EntryDraft {
        var data: JSONObject = ["action": .string(action)]
        for member in params { data[member.key] = member.value }
        return EntryDraft(kind: .approvalRequest, date: date, ref: ref, memo: memo, data: data, refPrefix: ref == nil ? prefix : nil)
    }

    /// `approval.request` of `request`'s action under `ref`, its parameters typed; nothing is
    /// posted until it is approved. Without a ref the writer numbers one `PREFIX-YEAR-NNNN`
    /// with `prefix` inside its write (`TrustFundRules`'s `RequestRefNumbering`), so that two
    /// people recording at once never draw the same.
    public static func request<Params: Codable & Sendable & Equatable>(
        _ request: ActionRequest<Params>, ref: String?, prefix: String? = nil, date: LedgerDate, memo: String? = nil
    ) -> EntryDraft {
        EntryDraft(
            kind: .approvalRequest, date: date, ref: ref, memo: memo, data: EntryData.object(request), refPrefix: ref == nil ? prefix : nil)
    }

    /// A `grant.award` request for grant `grant` to `grantee` of `amount` in the fund currency, paid in
    /// `tranches` (summing to `amount`); `earmark` must be one a signed agreement carries.
    /// `country` (ISO 3166-1 alpha-2), `sector` (OECD DAC CRS purpose code) and `publicName`
    /// are what may be published about it; without a public name the grantee is published only
    /// as "a partner in COUNTRY".
    public static func awardRequest(
        grant: String, grantee: String, granteeName: String, amount: Amount, tranches: [Amount], date: LedgerDate,
        recommendation: String? = nil, memo: String? = nil, earmark: String? = nil,
        country: String? = nil, sector: String? = nil, publicName: String? = nil
    ) -> EntryDraft {
        let params = AwardParams(
            grantee: grantee, granteeName: granteeName, amount: amount, tranches: tranches, recommendation: recommendation, earmark: earmark,
            country: country, sector: sector, publicName: publicName)
        return request(ActionRequest(.grantAward, params), ref: grant, date: date, memo: memo)
    }

    /// A `grant.disburse` request to pay tranche `tranche` (1-based) of `grant`, `amount` in the fund
    /// currency, under `ref` (nil: a new `PAY-YEAR-NNNN`).
    public static func disbursementRequest(grant: String, tranche: Int, amount: Amount, date: LedgerDate, ref: String?) -> EntryDraft {
        request(
            ActionRequest(.grantDisburse, DisbursementParams(grant: grant, tranche: Int64(tranche), amount: amount)), ref: ref, prefix: "PAY",
            date: date)
    }

    /// A `receivable.write-off` request of `amount` of `agreement`'s receivable, in the agreement's
    /// currency (ref nil: a new `WO-YEAR-NNNN`).
    public static func writeOffRequest(agreement: String, amount: Amount, date: LedgerDate, ref: String?, memo: String? = nil) -> EntryDraft {
        request(
            ActionRequest(.receivableWriteOff, ReceivableParams(agreement: agreement, amount: amount)), ref: ref, prefix: "WO", date: date,
            memo: memo)
    }

    /// `receivable.impair`: an allowance for `amount` of the agreement's receivable (ref nil: a new
    /// `IMP-YEAR-NNNN`).
    public static func impairmentRequest(agreement: String, amount: Amount, date: LedgerDate, ref: String?, memo: String? = nil) -> EntryDraft {
        request(
            ActionRequest(.receivableImpair, ReceivableParams(agreement: agreement, amount: amount)), ref: ref, prefix: "IMP", date: date,
            memo: memo)
    }

    /// A `donor.refund` request to pay `amount` (in its currency, positive) back to `donor` (ref
    /// nil: a new `RFD-YEAR-NNNN`).
    public static func donorRefundRequest(donor: String, amount: Amount, date: LedgerDate, ref: String?, memo: String? = nil) -> EntryDraft {
        request(ActionRequest(.donorRefund, DonorRefundParams(donor: donor, amount: amount)), ref: ref, prefix: "RFD", date: date, memo: memo)
    }

    /// A `setting.change` request: setting `name` (e.g. `psc_rate`) becomes `value` from `from`
    /// (ref nil: a new `SET-YEAR-NNNN`).
    public static func settingRequest(name: String, value: String, from: LedgerDate, date: LedgerDate, ref: String?) -> EntryDraft {
        request(ActionRequest(.settingChange, SettingChangeParams(name: name, value: value, from: from)), ref: ref, prefix: "SET", date: date)
    }

    /// A `voucher` request: `postings` (debit-positive amounts, with their values in the fund currency)
    /// posted as they are on approval (ref nil: a new `JV-YEAR-NNNN`).
    public static func voucherRequest(postings: [Posting], date: LedgerDate, ref: String?, memo: String?) -> EntryDraft {
        request(ActionRequest(.voucher, VoucherParams(postings: postings)), ref: ref, prefix: "JV", date: date, memo: memo)
    }

    /// Bank charges a reconciliation found on `account`, to be booked on approval.
    public static func bankChargesRequest(account: AccountCode, amount: Amount, bankID: String?, date: LedgerDate, ref: String) -> EntryDraft {
        request(ActionRequest(.bankCharges, BankChargesParams(account: account, amount: amount, bankID: bankID)), ref: ref, date: date,
                memo: "Bank charges from the statement")
    }

    /// A correction: entry `seq` negated (and, for a fund entry, its records put back); ref nil:
    /// a new `REV-YEAR-NNNN`.
    public static func reversalRequest(of seq: UInt64, date: LedgerDate, ref: String?, memo: String?) -> EntryDraft {
        request(ActionRequest(.reversal, ReversalParams(reverses: Int64(seq))), ref: ref, prefix: "REV", date: date, memo: memo)
    }

    /// `approval.certify`, `approval.approve` or `approval.reject` of request `ref`, dated as the request.
    public static func decision(_ kind: EntryKind, request ref: String, date: LedgerDate, reason: String? = nil) -> EntryDraft {
        precondition([.approvalCertify, .approvalApprove, .approvalReject].contains(kind))
        // A rejection without a reason is written as given, for the rules to refuse naming the member.
        guard kind == .approvalReject, let reason else {
            var data = EntryData.object(RequestDecision(request: ref))
            if let reason { data["reason"] = .string(reason) }
            return EntryDraft(kind: kind, date: date, data: data)
        }
        return EntryDraft(kind: kind, date: date, data: EntryData.object(RejectionData(request: ref, reason: reason)))
    }

    // MARK: Grants after the award

    /// `grant.recommend`: the Board of Trustees' recommendation `ref` for `grantee`; `amount`, `cycle`
    /// and `session` when known. Nothing is posted.
    public static func recommendation(
        ref: String, grantee: String, granteeName: String, amount: Amount?, cycle: String?, session: String?, date: LedgerDate
    ) -> EntryDraft {
        let data = GrantRecommendation(grantee: grantee, granteeName: granteeName, amount: amount, cycle: cycle, session: session)
        return EntryDraft(kind: .grantRecommend, date: date, ref: ref, data: EntryData.object(data))
    }

    /// `grant.report`: the partner's accepted financial report of `spent` (fund currency) on `grant`;
    /// the rules also charge programme support costs on it.
    public static func grantReport(grant: String, spent: Amount, date: LedgerDate, ref: String? = nil) -> EntryDraft {
        EntryDraft(kind: .grantReport, date: date, ref: ref, data: EntryData.object(GrantReportData(grant: grant, spent: spent)))
    }

    /// `grant.refund`: `amount` (fund currency) of `grant` comes back, under the bank reference `bankRef`.
    public static func grantRefund(grant: String, amount: Amount, date: LedgerDate, bankRef: String) -> EntryDraft {
        EntryDraft(kind: .grantRefund, date: date, ref: bankRef, data: EntryData.object(GrantRefundData(grant: grant, amount: amount)))
    }

    /// `grant.close`: every advance of `grant` is reported or refunded; the rules release the
    /// commitment not paid.
    public static func grantClose(grant: String, date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .grantClose, date: date, ref: grant, data: EntryData.object(GrantClosure(grant: grant)))
    }

    // MARK: Period end

    /// `fx.revalue`: revalues every foreign-currency balance of a monetary account at the rate in force
    /// on `date`.
    public static func revaluation(date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .fxRevalue, date: date, memo: "Period-end revaluation at UNORE", data: EntryData.object(NoData()))
    }

    /// `interest.allocate`: the fund's share of the main cash pool's `income` and `costs`, in the fund
    /// currency, under Treasury's allocation `ref`.
    public static func interest(income: Amount, costs: Amount, date: LedgerDate, ref: String) -> EntryDraft {
        EntryDraft(kind: .interestAllocate, date: date, ref: ref, data: EntryData.object(InterestAllocation(income: income, costs: costs)))
    }

    /// `reserve.adjust`: brings the operating reserve (3300) to `reserve_rate` % of
    /// `planned_expenditure` as in force on `date`.
    public static func reserveAdjustment(date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .reserveAdjust, date: date, memo: "Operating reserve to its required level", data: EntryData.object(NoData()))
    }

    /// The fund manager's request to close `year`, dated its 31 December (two-person approval on
    /// every fund ledger; recorded only after the year has ended); ref nil: a new `CLOSE-YEAR-NNNN`.
    public static func yearCloseRequest(year: Int, ref: String?, date: LedgerDate) -> EntryDraft {
        request(ActionRequest(.yearClose, YearCloseParams(year: Int64(year))), ref: ref, prefix: "CLOSE", date: date, memo: "Close \(year)")
    }

    /// The approving officer's approval of close request `ref`: the entry that closes `year`.
    public static func yearClose(year: Int, request ref: String, date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .yearClose, date: date, ref: String(year), data: EntryData.object(YearCloseData(year: Int64(year), request: ref)))
    }
}
