import LedgerJournal
import CanonicalJSON
import LedgerCore

/// Contribution agreements (IPSAS 23) and the money received against them.
enum ContributionRules {
    /// `agreement.sign` (ref = the agreement): `{"donor", "amount", "currency", "conditional"?,
    /// "earmark"?, "instalments"?: [{"amount", "due"}], "pledge"?}`.
    /// Dr 1200.DONOR, Cr the donor type's revenue account (2200.DONOR when conditional), at the
    /// rate of the entry's date. Multi-year unconditional agreements are recognised in full now.
    static func sign(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(AgreementData.self)
        guard let ref = context.body.ref else { throw context.refuse(.missingField, "an agreement needs a ref") }
        try FundIDs.check(ref, what: "agreement ref", seq: context.seq)
        if let existing = try context.state.record("agreement", ref) {
            throw context.refuse(.alreadyRecorded, "agreement \(ref) is already recorded (entry \(existing.seq))")
        }
        let donorID = data.donor
        let donor = try context.require("donor", donorID, "donor")
        let amount = try context.positive(data.amount, "amount")
        let currency = amount.currency
        let conditional = data.conditional
        let earmark = data.earmark
        if let earmark { try context.checkText(earmark, "earmark", max: Limits.nameLengthMax) }
        let instalments = try self.instalments(data.instalments, context, amount: amount)
        let value = try FundMoney.value(amount, on: context.date, context)

        var outcome = FundOutcome()
        outcome.post(try FundChart.receivables.sub(donorID), amount, value: value)
        let credit = conditional ? try deferredAccount(donorID, donor, context, &outcome) : try revenueAccount(donor)
        outcome.post(credit, try amount.negative(), value: try value.negative())
        var fields: JSONObject = [
            "donor": .string(donorID), "currency": .string(currency.code), "amount": .string(amount.decimalString),
            "value": .string(value.decimalString), "date": .string(context.date.description),
            "conditional": .bool(conditional), "deferred": .string((conditional ? amount : .zero(currency)).decimalString),
            "received": .string(Amount.zero(currency).decimalString),
            "written_off": .string(Amount.zero(currency).decimalString),
            "instalments": .array(instalments), "receipts": .array([]),
        ]
        if let earmark { fields["earmark"] = .string(earmark) }
        if let pledgeRef = data.pledge {
            try releasePledge(pledgeRef, donorID: donorID, context, &outcome)
            fields["pledge"] = .string(pledgeRef)
        }
        outcome.put("agreement", ref, seq: context.seq, fields)
        return outcome
    }

    static func instalments(_ given: [AgreementData.Instalment]?, _ context: FundContext, amount: Amount) throws -> [JSONValue] {
        guard let given else {
            return [EntryData.value(AgreementData.Instalment(amount: amount, due: context.date))]
        }
        var total = Amount.zero(amount.currency)
        var items: [JSONValue] = []
        for (index, instalment) in given.enumerated() {
            let part = try context.positive(instalment.amount, "instalments[\(index)].amount")
            total = try total.plus(part)
            items.append(EntryData.value(instalment))
        }
        guard total == amount else {
            throw context.refuse(.totalMismatch, "the instalments add up to \(total.decimalString), not the agreement's \(amount.decimalString)")
        }
        return items
    }

    /// The revenue account of a donor's type (DOMAIN.md §5).
    static func revenueAccount(_ donor: StateRecord) throws -> AccountCode {
        FundChart.code(FundChart.donorTypes[try DonorRecord(donor).type] ?? "4110")
    }

    static func deferredAccount(_ id: String, _ donor: StateRecord, _ context: FundContext, _ outcome: inout FundOutcome) throws -> AccountCode {
        try subAccount(FundChart.deferredRevenue, id, "Deferred revenue – \(try DonorRecord(donor).name)", .liability, context, &outcome)
    }

    /// `parent.id`, opened by this entry when it does not exist yet.
    static func subAccount(
        _ parent: AccountCode, _ id: String, _ name: String, _ type: AccountType, _ context: FundContext,
        _ outcome: inout FundOutcome
    ) throws -> AccountCode {
        let code = try parent.sub(id)
        if try context.state.account(code) == nil, outcome.opened[code] == nil {
            outcome.open(code, name: name, type: type, seq: context.seq)
        }
        return code
    }

    static func releasePledge(_ ref: String, donorID: String, _ context: FundContext, _ outcome: inout FundOutcome) throws {
        let record = try context.require("pledge", ref, "pledge")
        let pledge = try PledgeRecord(record)
        guard pledge.donor == donorID else { throw context.refuse(.badField, "pledge \(ref) is not from donor \(donorID)") }
        guard pledge.status == .open else { throw context.refuse(.alreadyRecorded, "pledge \(ref) is already converted") }
        let amount = pledge.amount
        let value = try Amount.stored(pledge.value, context.fundCurrency)
        outcome.post(FundChart.memoContra, amount, value: value)
        outcome.post(FundChart.pledges, try amount.negative(), value: try value.negative())
        var fields = record.fields
        fields["status"] = PledgeStatus.converted.field
        outcome.put("pledge", ref, seq: context.seq, fields)
    }

    /// `agreement.recognise`: `{"agreement", "amount"}`. A condition is met: Dr 2200.DONOR at its
    /// carrying value, Cr revenue with the same value.
    static func recognise(_ context: FundContext) throws -> FundOutcome {
        var agreement = try Agreement(context, try context.data.string("agreement"))
        let data = try context.decode(RecognitionData.self, currency: agreement.currency)
        let amount = try context.positive(data.amount, "amount")
        let deferred = try agreement.amount("deferred")
        guard amount.minorUnits <= deferred.minorUnits else {
            throw context.refuse(.fundsUnavailable, "agreement \(agreement.id) has \(deferred.decimalString) \(agreement.currency.code) deferred, less than \(amount.decimalString)")
        }
        let donor = try context.require("donor", agreement.donor, "donor")
        let account = try FundChart.deferredRevenue.sub(agreement.donor)
        let carry = try FundMoney.carry(account, amount, context)
        var outcome = FundOutcome()
        outcome.post(account, amount, value: carry)
        outcome.post(try revenueAccount(donor), try amount.negative(), value: try carry.negative())
        agreement.set("deferred", try deferred.minus(amount))
        EarmarkRules.noteRecognised(carry, year: context.date.year, in: &agreement.fields)
        outcome.put("agreement", agreement.id, seq: context.seq, agreement.fields)
        return outcome
    }

    /// `contribution.receive` (ref = the bank reference): `{"agreement", "amount", "currency",
    /// "charges"?}`. Dr 1100 (net of bank charges) and 5400 at the receipt date's rate; Cr
    /// 1200.DONOR at its carrying value for what the agreement still expects; any over-payment
    /// Cr 2300.DONOR (refunds payable); the difference is a realised FX gain (4900) or loss (5900).
    static func receive(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(ReceiptData.self)
        guard context.body.ref != nil else { throw context.refuse(.missingField, "a receipt needs its bank reference as ref") }
        var agreement = try Agreement(context, data.agreement)
        let currency = data.amount.currency
        guard currency == agreement.currency else {
            throw context.refuse(.currencyMismatch, "agreement \(agreement.id) is in \(agreement.currency.code), not \(currency.code)")
        }
        // Money received before its agreement was signed is owed to no agreement yet (it left the
        // receivable negative for days in an outside trial): it waits in suspense.
        guard context.date >= agreement.terms.date else {
            throw context.refuse(.wrongDate, "the receipt is dated \(context.date), before agreement \(agreement.id) was signed (\(agreement.terms.date)): record money that comes first as unidentified (vtf receive --unidentified …) and apply it to the agreement once it is signed")
        }
        let amount = try context.positive(data.amount, "amount")
        let charges = try context.notNegative(data.charges ?? .zero(currency), "charges")
        guard charges.minorUnits < amount.minorUnits else {
            throw context.refuse(.totalMismatch, "bank charges \(charges.decimalString) are not less than the amount \(amount.decimalString)")
        }
        var outcome = FundOutcome()
        let net = try amount.minus(charges)
        outcome.post(FundChart.cash, net, value: try FundMoney.value(net, on: context.date, context))
        outcome.post(FundChart.bankCharges, charges, value: try FundMoney.value(charges, on: context.date, context))
        try settle(&agreement, with: amount, context, &outcome)
        outcome.put("agreement", agreement.id, seq: context.seq, agreement.fields)
        return outcome
    }

    /// Credits the receivable for what `agreement` still expects (at carrying value), the rest
    /// to refunds payable (at the day's rate), and posts the FX difference.
    static func settle(_ agreement: inout Agreement, with amount: Amount, _ context: FundContext, _ outcome: inout FundOutcome) throws {
        let outstanding = try agreement.outstanding()
        let applied = amount.minorUnits <= outstanding.minorUnits ? amount : outstanding
        let excess = try amount.minus(applied)
        let receivable = try FundChart.receivables.sub(agreement.donor)
        if !applied.isZero {
            outcome.post(receivable, try applied.negative(), value: try FundMoney.carry(receivable, applied, context).negative())
        }
        if !excess.isZero {
            let donor = try context.require("donor", agreement.donor, "donor")
            let refunds = try subAccount(
                FundChart.refundsPayable, agreement.donor, "Refunds payable – \(try DonorRecord(donor).name)",
                .liability, context, &outcome)
            outcome.post(refunds, try excess.negative(), value: try FundMoney.value(excess, on: context.date, context).negative())
        }
        FundMoney.postFX(try FundMoney.imbalance(outcome, context), currency: amount.currency, into: &outcome)
        agreement.set("received", try agreement.amount("received").plus(applied))
        agreement.appendReceipt(date: context.date, amount: applied, ref: context.body.ref ?? "")
    }

    /// `cash.convert`: `{"amount", "currency"}`. UN Treasury converts cash held in another
    /// currency into the fund currency at the day's rate: Dr 1100 in the fund currency, Cr 1100
    /// in that currency at its carrying value; the difference is a realised FX gain or loss. Each
    /// currency balances on its own, so the exchange passes through 1190 (currency conversion),
    /// whose lines in the two currencies carry opposite values.
    static func convert(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(CashAmountData.self)
        let currency = data.amount.currency
        guard currency != context.fundCurrency else { throw context.refuse(.currencyMismatch, "\(currency.code) is already the fund currency") }
        let amount = try context.positive(data.amount, "amount")
        let held = try FundMoney.balance(FundChart.cash, currency, context).amount
        guard amount.minorUnits <= held.minorUnits else {
            throw context.refuse(.fundsUnavailable, "cash holds \(held.decimalString) \(currency.code), less than \(amount.decimalString)")
        }
        let proceeds = try FundMoney.value(amount, on: context.date, context)
        var outcome = FundOutcome()
        outcome.post(FundChart.cash, proceeds, value: proceeds)
        outcome.post(FundChart.conversion, try proceeds.negative(), value: try proceeds.negative())
        outcome.post(FundChart.conversion, amount, value: proceeds)
        outcome.post(FundChart.cash, try amount.negative(), value: try FundMoney.carry(FundChart.cash, amount, context).negative())
        FundMoney.postFX(try FundMoney.imbalance(outcome, context), currency: currency, into: &outcome)
        return outcome
    }

    /// `contribution.unidentified` (ref = the bank reference): `{"amount", "currency"}`.
    /// Dr 1100, Cr 2400 (suspense), at the day's rate.
    static func unidentified(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(CashAmountData.self)
        guard let ref = context.body.ref else { throw context.refuse(.missingField, "a receipt needs its bank reference as ref") }
        let amount = try context.positive(data.amount, "amount")
        let currency = amount.currency
        let value = try FundMoney.value(amount, on: context.date, context)
        var outcome = FundOutcome()
        outcome.post(FundChart.cash, amount, value: value)
        outcome.post(FundChart.suspense, try amount.negative(), value: try value.negative())
        outcome.put("suspense", ref, seq: context.seq, [
            "amount": .string(amount.decimalString), "currency": .string(currency.code),
            "date": .string(context.date.description), "status": SuspenseStatus.open.field,
        ])
        return outcome
    }

    /// `contribution.apply`: `{"receipt", "agreement"}`. A receipt in suspense is placed:
    /// Dr 2400 at its carrying value, then as a receipt against the agreement.
    static func apply(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(ReceiptApplication.self)
        let receiptRef = data.receipt
        let receipt = try context.require("suspense", receiptRef, "unidentified receipt")
        guard try SuspenseStatus(in: receipt.fields, of: "unidentified receipt \(receiptRef)") == .open else {
            throw context.refuse(.alreadyRecorded, "unidentified receipt \(receiptRef) was already applied")
        }
        var agreement = try Agreement(context, data.agreement)
        let held = try RecordFields(receipt, "unidentified receipt")
        let currency = try held.currency("currency")
        guard currency == agreement.currency else {
            throw context.refuse(.currencyMismatch, "receipt \(receiptRef) is in \(currency.code); agreement \(agreement.id) is in \(agreement.currency.code)")
        }
        let amount = try held.amount("amount", currency)
        var outcome = FundOutcome()
        outcome.post(FundChart.suspense, amount, value: try FundMoney.carry(FundChart.suspense, amount, context))
        try settle(&agreement, with: amount, context, &outcome)
        outcome.put("agreement", agreement.id, seq: context.seq, agreement.fields)
        var fields = receipt.fields
        fields["status"] = SuspenseStatus.applied.field
        fields["agreement"] = .string(agreement.id)
        outcome.put("suspense", receiptRef, seq: context.seq, fields)
        return outcome
    }
}

/// An agreement's record, read and updated by the rules.
struct Agreement: MoneyRecord {
    let id: String
    var fields: JSONObject
    let currency: Currency
    let donor: String
    /// The terms as read (before this entry's changes to ``fields``).
    let terms: AgreementRecord

    init(_ context: FundContext, _ id: String) throws {
        let record = try context.require("agreement", id, "agreement")
        self.id = id
        self.fields = record.fields
        terms = try AgreementRecord(record)
        self.currency = terms.currency
        self.donor = terms.donor
    }

    /// What the donor still owes: amount − received − written off.
    func outstanding() throws -> Amount {
        try amount("amount").minus(amount("received")).minus(amount("written_off"))
    }

    mutating func appendReceipt(date: LedgerDate, amount: Amount, ref: String) {
        var receipts = fields["receipts"]?.arrayValue ?? []
        receipts.append(.object(["date": .string(date.description), "amount": .string(amount.decimalString), "ref": .string(ref)]))
        fields["receipts"] = .array(receipts)
    }
}
