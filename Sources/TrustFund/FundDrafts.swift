public import CanonicalJSON
public import LedgerCore
public import LedgerJournal
import TrustFundRules
import TransparencyLog

/// Turns what fund staff ask for into journal drafts. The store fills in the postings from the
/// fund rules (`LedgerLog/FundRules`) when it appends, so a draft carries only the facts:
/// who, how much, in which currency, on which date.
public enum FundDrafts {
    /// The `unvtf` template: the chart of accounts of DOMAIN.md §5 and the fund's first settings
    /// (PSC 13 %, reserve 15 % of planned expenditure, a write-off limit), effective `date`, with
    /// every controlled action under two-person approval.
    public static func unvtfTemplate(date: LedgerDate, settings: [String: String]) -> [EntryDraft] {
        var drafts = FundChart.accounts.map { account in
            EntryDraft(kind: .accountOpen, date: date, data: [
                "code": .string(account.code), "name": .string(account.name), "type": .string(account.type.rawValue),
            ])
        }
        var values = unvtfDefaults
        for (name, value) in settings { values[name] = value }
        drafts.append(EntryDraft(
            kind: .fundSetup, date: date, memo: "UNVTF template: chart of accounts, settings, two-person policy",
            data: [
                "template": .string("unvtf"),
                "two_person": .array(FundSettings.controlledActions.map(JSONValue.string)),
                "settings": .object(JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ]))
        return drafts
    }

    /// The template's settings unless `vtf init` is told otherwise.
    public static let unvtfDefaults: [String: String] = [
        "psc_rate": "13", "reserve_rate": "15", "planned_expenditure": "0.00", "write_off_limit": "10000.00",
    ]

    /// `donor.add`: registers donor `id` (`type` e.g. `member-state`, `country` ISO 3166-1 alpha-2 or
    /// nil); the rules open its receivable 1200.ID.
    public static func donor(id: String, name: String, type: String, country: String?, date: LedgerDate) -> EntryDraft {
        var data: JSONObject = ["id": .string(id), "name": .string(name), "type": .string(type)]
        if let country { data["country"] = .string(country) }
        return EntryDraft(kind: .donorAdd, date: date, ref: id, data: data)
    }

    /// `pledge.record` of `amount` (in the pledge's currency) by `donor`, under `ref`: a memo line,
    /// nothing posted.
    public static func pledge(donor: String, amount: Amount, date: LedgerDate, ref: String, memo: String? = nil) -> EntryDraft {
        EntryDraft(kind: .pledgeRecord, date: date, ref: ref, memo: memo, data: [
            "donor": .string(donor), "amount": .string(amount.decimalString), "currency": .string(amount.currency.code),
        ])
    }

    /// Rates in currency units per 1 USD, effective `from` (a monthly set on the 1st, or a revision).
    /// Callers refuse a currency listed twice first (`RatesCommand` names the line); should one
    /// slip through, the last rate given for it is kept, never a trap.
    public static func rates(_ rates: [(Currency, Decimal64)], from: LedgerDate, revision: Bool, date: LedgerDate) -> EntryDraft {
        var members = JSONObject()
        for (currency, rate) in rates.sorted(by: { $0.0.code < $1.0.code }) { members[currency.code] = .string(rate.description) }
        return EntryDraft(kind: .ratesSet, date: date, data: [
            "from": .string(from.description), "rates": .object(members), "revision": .bool(revision),
        ])
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
        var data: JSONObject = [
            "donor": .string(donor), "amount": .string(amount.decimalString), "currency": .string(amount.currency.code),
        ]
        if conditional { data["conditional"] = .bool(true) }
        if let earmark { data["earmark"] = .string(earmark) }
        if !instalments.isEmpty {
            data["instalments"] = .array(instalments.map {
                .object(["amount": .string($0.amount.decimalString), "due": .string($0.due.description)])
            })
        }
        if let pledge { data["pledge"] = .string(pledge) }
        return EntryDraft(kind: .agreementSign, date: date, ref: ref, memo: memo, data: data)
    }

    /// `agreement.recognise`: a condition of the conditional agreement is met; `amount` (in the
    /// agreement's currency) moves from deferred revenue (2200.DONOR) to revenue.
    public static func recognise(agreement: String, amount: Amount, date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .agreementRecognise, date: date, data: ["agreement": .string(agreement), "amount": .string(amount.decimalString)])
    }

    /// `contribution.receive` of `amount` against `agreement`, under the bank reference `bankRef`;
    /// `charges` are the bank charges taken off (same currency), left out when nil or zero.
    public static func receipt(agreement: String, amount: Amount, charges: Amount? = nil, date: LedgerDate, bankRef: String) -> EntryDraft {
        var data: JSONObject = [
            "agreement": .string(agreement), "amount": .string(amount.decimalString), "currency": .string(amount.currency.code),
        ]
        if let charges, !charges.isZero { data["charges"] = .string(charges.decimalString) }
        return EntryDraft(kind: .contributionReceive, date: date, ref: bankRef, data: data)
    }

    /// `contribution.unidentified`: a receipt whose donor is not yet known, held in suspense (Dr 1100,
    /// Cr 2400) under `bankRef`.
    public static func unidentifiedReceipt(amount: Amount, date: LedgerDate, bankRef: String, memo: String? = nil) -> EntryDraft {
        EntryDraft(kind: .contributionUnidentified, date: date, ref: bankRef, memo: memo, data: [
            "amount": .string(amount.decimalString), "currency": .string(amount.currency.code),
        ])
    }

    /// `contribution.apply`: places the suspense receipt `bankRef` against `agreement`.
    public static func applyReceipt(bankRef: String, agreement: String, date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .contributionApply, date: date, data: ["receipt": .string(bankRef), "agreement": .string(agreement)])
    }

    /// `cash.convert`: UN Treasury converts `amount` held in another currency into the fund currency at
    /// the day's rate.
    public static func conversion(amount: Amount, date: LedgerDate, ref: String?) -> EntryDraft {
        EntryDraft(kind: .cashConvert, date: date, ref: ref, data: [
            "amount": .string(amount.decimalString), "currency": .string(amount.currency.code),
        ])
    }

    // MARK: Controlled actions (two-person approval)

    /// `approval.request` of the controlled `action` (e.g. `grant.award`) under `ref`, with the
    /// action's `params`; nothing is posted until it is approved.
    public static func request(action: String, ref: String, date: LedgerDate, params: JSONObject, memo: String? = nil) -> EntryDraft {
        var data: JSONObject = ["action": .string(action)]
        for member in params { data[member.key] = member.value }
        return EntryDraft(kind: .approvalRequest, date: date, ref: ref, memo: memo, data: data)
    }

    /// A `grant.award` request for grant `grant` to `grantee` of `amount` in the fund currency, paid in
    /// `tranches` (summing to `amount`); `earmark` must be one a signed agreement carries.
    public static func awardRequest(
        grant: String, grantee: String, granteeName: String, amount: Amount, tranches: [Amount], date: LedgerDate,
        recommendation: String? = nil, memo: String? = nil, earmark: String? = nil
    ) -> EntryDraft {
        var params: JSONObject = [
            "grantee": .string(grantee), "grantee_name": .string(granteeName), "amount": .string(amount.decimalString),
            "tranches": .array(tranches.map { .string($0.decimalString) }),
        ]
        if let recommendation { params["recommendation"] = .string(recommendation) }
        if let earmark { params["earmark"] = .string(earmark) }
        return request(action: "grant.award", ref: grant, date: date, params: params, memo: memo)
    }

    /// A `grant.disburse` request to pay tranche `tranche` (1-based) of `grant`, `amount` in the fund
    /// currency, under `ref`.
    public static func disbursementRequest(grant: String, tranche: Int, amount: Amount, date: LedgerDate, ref: String) -> EntryDraft {
        request(action: "grant.disburse", ref: ref, date: date, params: [
            "grant": .string(grant), "tranche": .integer(Int64(tranche)), "amount": .string(amount.decimalString),
        ])
    }

    /// A `receivable.write-off` request of `amount` of `agreement`'s receivable, in the agreement's
    /// currency.
    public static func writeOffRequest(agreement: String, amount: Amount, date: LedgerDate, ref: String, memo: String? = nil) -> EntryDraft {
        request(action: "receivable.write-off", ref: ref, date: date, params: [
            "agreement": .string(agreement), "amount": .string(amount.decimalString),
        ], memo: memo)
    }

    /// `receivable.impair`: an allowance for `amount` of the agreement's receivable.
    public static func impairmentRequest(agreement: String, amount: Amount, date: LedgerDate, ref: String, memo: String? = nil) -> EntryDraft {
        request(action: "receivable.impair", ref: ref, date: date, params: [
            "agreement": .string(agreement), "amount": .string(amount.decimalString),
        ], memo: memo)
    }

    /// A `donor.refund` request to pay `amount` (in its currency, positive) back to `donor`.
    public static func donorRefundRequest(donor: String, amount: Amount, date: LedgerDate, ref: String, memo: String? = nil) -> EntryDraft {
        request(action: "donor.refund", ref: ref, date: date, params: [
            "donor": .string(donor), "amount": .string(amount.decimalString), "currency": .string(amount.currency.code),
        ], memo: memo)
    }

    /// A `setting.change` request: setting `name` (e.g. `psc_rate`) becomes `value` from `from`.
    public static func settingRequest(name: String, value: String, from: LedgerDate, date: LedgerDate, ref: String) -> EntryDraft {
        request(action: "setting.change", ref: ref, date: date, params: [
            "name": .string(name), "value": .string(value), "from": .string(from.description),
        ])
    }

    /// A `voucher` request: `postings` (debit-positive amounts, with their values in the fund currency)
    /// posted as they are on approval.
    public static func voucherRequest(postings: [Posting], date: LedgerDate, ref: String, memo: String?) -> EntryDraft {
        request(action: "voucher", ref: ref, date: date, params: [
            "postings": .array(postings.map {
                .object([
                    "account": .string($0.account.rawValue), "amount": .string($0.amount.decimalString),
                    "currency": .string($0.amount.currency.code), "value": .string($0.value.decimalString),
                ])
            }),
        ], memo: memo)
    }

    /// Bank charges a reconciliation found on `account`, to be booked on approval.
    public static func bankChargesRequest(account: AccountCode, amount: Amount, bankID: String?, date: LedgerDate, ref: String) -> EntryDraft {
        var params: JSONObject = [
            "account": .string(account.rawValue), "amount": .string(amount.decimalString), "currency": .string(amount.currency.code),
        ]
        if let bankID { params["bank_id"] = .string(bankID) }
        return request(action: "bank.charges", ref: ref, date: date, params: params, memo: "Bank charges from the statement")
    }

    /// A correction: entry `seq` negated (and, for a fund entry, its records put back).
    public static func reversalRequest(of seq: UInt64, date: LedgerDate, ref: String, memo: String?) -> EntryDraft {
        request(action: "reversal", ref: ref, date: date, params: ["reverses": .integer(Int64(seq))], memo: memo)
    }

    /// `approval.certify`, `approval.approve` or `approval.reject` of request `ref`, dated as the request.
    public static func decision(_ kind: EntryKind, request ref: String, date: LedgerDate, reason: String? = nil) -> EntryDraft {
        precondition([.approvalCertify, .approvalApprove, .approvalReject].contains(kind))
        var data: JSONObject = ["request": .string(ref)]
        if let reason { data["reason"] = .string(reason) }
        return EntryDraft(kind: kind, date: date, data: data)
    }

    // MARK: Grants after the award

    /// `grant.recommend`: the Board of Trustees' recommendation `ref` for `grantee`; `amount`, `cycle`
    /// and `session` when known. Nothing is posted.
    public static func recommendation(
        ref: String, grantee: String, granteeName: String, amount: Amount?, cycle: String?, session: String?, date: LedgerDate
    ) -> EntryDraft {
        var data: JSONObject = ["grantee": .string(grantee), "grantee_name": .string(granteeName)]
        if let amount { data["amount"] = .string(amount.decimalString) }
        if let cycle { data["cycle"] = .string(cycle) }
        if let session { data["session"] = .string(session) }
        return EntryDraft(kind: .grantRecommend, date: date, ref: ref, data: data)
    }

    /// `grant.report`: the partner's accepted financial report of `spent` (fund currency) on `grant`;
    /// the rules also charge programme support costs on it.
    public static func grantReport(grant: String, spent: Amount, date: LedgerDate, ref: String? = nil) -> EntryDraft {
        EntryDraft(kind: .grantReport, date: date, ref: ref, data: ["grant": .string(grant), "spent": .string(spent.decimalString)])
    }

    /// `grant.refund`: `amount` (fund currency) of `grant` comes back, under the bank reference `bankRef`.
    public static func grantRefund(grant: String, amount: Amount, date: LedgerDate, bankRef: String) -> EntryDraft {
        EntryDraft(kind: .grantRefund, date: date, ref: bankRef, data: ["grant": .string(grant), "amount": .string(amount.decimalString)])
    }

    /// `grant.close`: every advance of `grant` is reported or refunded; the rules release the
    /// commitment not paid.
    public static func grantClose(grant: String, date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .grantClose, date: date, ref: grant, data: ["grant": .string(grant)])
    }

    // MARK: Period end

    /// `fx.revalue`: revalues every foreign-currency balance of a monetary account at the rate in force
    /// on `date`.
    public static func revaluation(date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .fxRevalue, date: date, memo: "Period-end revaluation at UNORE")
    }

    /// `interest.allocate`: the fund's share of the main cash pool's `income` and `costs`, in the fund
    /// currency, under Treasury's allocation `ref`.
    public static func interest(income: Amount, costs: Amount, date: LedgerDate, ref: String) -> EntryDraft {
        EntryDraft(kind: .interestAllocate, date: date, ref: ref, data: [
            "income": .string(income.decimalString), "costs": .string(costs.decimalString),
        ])
    }

    /// `reserve.adjust`: brings the operating reserve (3300) to `reserve_rate` % of
    /// `planned_expenditure` as in force on `date`.
    public static func reserveAdjustment(date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .reserveAdjust, date: date, memo: "Operating reserve to its required level")
    }

    /// The fund manager's request to close `year`, dated its 31 December (two-person approval on
    /// every fund ledger; recorded only after the year has ended).
    public static func yearCloseRequest(year: Int, ref: String, date: LedgerDate) -> EntryDraft {
        request(action: "year.close", ref: ref, date: date, params: ["year": .integer(Int64(year))], memo: "Close \(year)")
    }

    /// The approving officer's approval of close request `ref`: the entry that closes `year`.
    public static func yearClose(year: Int, request ref: String, date: LedgerDate) -> EntryDraft {
        EntryDraft(kind: .yearClose, date: date, ref: String(year), data: ["year": .integer(Int64(year)), "request": .string(ref)])
    }
}
