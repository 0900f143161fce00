import LedgerJournal
import CanonicalJSON
import LedgerCore

/// Fund set-up, donors, pledges and exchange rates.
enum SetupRules {
    /// `fund.setup`: `{"template", "two_person": [action…], "settings": {name: value}, "seal"?}`, once.
    /// The settings take effect on the entry's date.
    static func setup(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(FundSetupData.self)
        guard try FundSettings.setup(context.state) == nil else { throw context.refuse(.alreadyRecorded, "the fund is already set up") }
        try context.checkText(data.template, "template", max: 64)
        for action in data.twoPerson where !FundSettings.controlledActions.contains(action) {
            throw context.refuse(.badField, "two_person lists \"\(action)\", which is not one of \(FundSettings.controlledActions.joined(separator: ", "))")
        }
        if let seal = data.seal, !FundSettings.sealPolicies.contains(seal) {
            throw context.refuse(.badField, "seal is \"\(seal)\"; the policies are \(FundSettings.sealPolicies.joined(separator: ", ")), or none (leave it out)")
        }
        var outcome = FundOutcome()
        var setup: JSONObject = ["template": .string(data.template), "two_person": .array(data.twoPerson.map(JSONValue.string))]
        if let seal = data.seal { setup["seal"] = .string(seal) }
        if let flows = data.grantFlows { setup["grant_flows"] = .bool(flows) }
        outcome.put("fund", "setup", seq: context.seq, setup)
        let settings = data.settings
        for name in FundSettings.known.keys.sorted() {
            guard let value = settings[name] else { throw context.refuse(.missingField, "settings.\(name) is missing") }
            do { try FundSettings.validate(name, value, fundCurrency: context.fundCurrency) } catch {
                throw context.refuse(error)
            }
            outcome.put(FundSettings.collection(name), context.date.description, seq: context.seq, ["value": .string(value)])
        }
        for name in settings.keys.sorted() where FundSettings.known[name] == nil {
            throw context.refuse(.unknownField, "unknown setting \"\(name)\"")
        }
        return outcome
    }

    /// `donor.add`: `{"id", "name", "type", "country"?}`; opens the receivable 1200.ID.
    static func donor(_ context: FundContext) throws -> FundOutcome {
        let donor = try context.decode(DonorRegistration.self)
        let id = donor.id
        try FundIDs.check(id, what: "id", seq: context.seq)
        let name = donor.name
        try context.checkText(name, "name", max: Limits.nameLengthMax)
        let type = donor.type
        guard FundChart.donorTypes[type] != nil else {
            throw context.refuse(.badField, "donor type \"\(type)\" is not one of \(FundChart.donorTypes.keys.sorted().joined(separator: ", "))")
        }
        if let country = donor.country { try checkCountry(country, field: "country", context) }
        if let existing = try context.state.record("donor", id) {
            throw context.refuse(.alreadyRecorded, "donor \(id) is already recorded (entry \(existing.seq))")
        }
        // Ids that differ only in case (bel beside BEL) would be two donors and two receivables
        // that read as one on every statement and report.
        if let twin = try context.state.records("donor").first(where: { $0.id.lowercased() == id.lowercased() }) {
            throw context.refuse(.alreadyRecorded, "donor \(twin.id) is already recorded (entry \(twin.seq)); \(id) differs from it only in case: use \(twin.id), or another id")
        }
        var outcome = FundOutcome()
        var fields = EntryData.object(donor)
        fields["since"] = .string(context.date.description)
        outcome.put("donor", id, seq: context.seq, fields)
        let receivable = try FundChart.receivables.sub(id)
        if try context.state.account(receivable) == nil {
            outcome.open(receivable, name: "Contributions receivable – \(name)", type: .asset, seq: context.seq)
        }
        return outcome
    }

    /// Refuses a country code that is not an assigned ISO 3166-1 alpha-2 code in upper case
    /// (``CountryCodes``), suggesting the upper-case form when only the case is wrong.
    static func checkCountry(_ code: String, field: String, _ context: FundContext) throws {
        guard !CountryCodes.assigned.contains(code) else { return }
        let upper = code.uppercased()
        if upper != code, CountryCodes.assigned.contains(upper) {
            throw context.refuse(.badField, "\(field) \"\(code)\" must be written in upper case: \(upper)")
        }
        throw context.refuse(.badField, "\(field) \"\(code)\" is not an assigned ISO 3166-1 alpha-2 country code (e.g. BE for Belgium)")
    }

    /// `pledge.record`: `{"donor", "amount", "currency"}`, with a ref. A memo line only
    /// (Dr 9100, Cr 9900): a pledge is never revenue.
    static func pledge(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(PledgeData.self)
        guard let ref = context.body.ref else { throw context.refuse(.missingField, "a pledge needs a ref") }
        let donor = data.donor
        _ = try context.require("donor", donor, "donor")
        let amount = try context.positive(data.amount, "amount")
        let currency = amount.currency
        let value = try FundMoney.value(amount, on: context.date, context)
        var outcome = FundOutcome()
        outcome.post(FundChart.pledges, amount, value: value)
        outcome.post(FundChart.memoContra, try amount.negative(), value: try value.negative())
        outcome.put("pledge", ref, seq: context.seq, [
            "donor": .string(donor), "amount": .string(amount.decimalString), "currency": .string(currency.code),
            "value": .string(value.decimalString), "date": .string(context.date.description), "status": PledgeStatus.open.field,
        ])
        return outcome
    }

    /// `rates.set`: `{"from", "rates": {CUR: rate}, "revision": bool}`, rates in currency units
    /// per 1 unit of the fund currency. A monthly set takes effect on the 1st; a revision on any
    /// day. A rate once recorded for a currency and a day is not replaced.
    static func rates(_ context: FundContext) throws -> FundOutcome {
        try rates(try context.decode(RateSetData.self), context, confirmed: false)
    }

    /// The records of rate set `data`. Unless two people `confirmed` it (an approved `rates.set`
    /// request), no currency may move by more than ``RateMove`` allows from its rate before.
    static func rates(_ data: RateSetData, _ context: FundContext, confirmed: Bool) throws -> FundOutcome {
        let from = data.from
        let revision = data.revision
        guard revision || from.day == 1 else {
            throw context.refuse(.wrongDate, "a monthly rate set takes effect on the 1st, not \(from); use a revision for a mid-month change")
        }
        if let closed = try FundSettings.closedThrough(context.state), from.description <= closed.date {
            throw context.refuse(.closedYear, "\(closed.year) is closed (through \(closed.date)); rates from \(from) would change nothing recorded")
        }
        let last = try context.state.lastPostingDate()
        let rates = data.rates
        guard !rates.isEmpty else { throw context.refuse(.badField, "rates is empty") }
        var outcome = FundOutcome()
        for (code, text) in rates.sorted(by: { $0.key < $1.key }) {
            let currency: Currency
            do { currency = try Currency(code: code) } catch { throw context.refuse(.badField, "rates: \(error)") }
            guard currency != context.fundCurrency else {
                throw context.refuse(.currencyMismatch, "\(currency.code) is the fund currency; its rate is 1")
            }
            let rate: Decimal64
            do { rate = try Decimal64(parsing: text) } catch { throw context.refuse(.badField, "rates.\(currency.code): \(error)") }
            guard rate.significand > 0, rate.scale <= 10 else {
                throw context.refuse(.badField, "rates.\(currency.code) must be more than zero with at most 10 decimals, not \(text)")
            }
            let collection = FundMoney.rateCollection(currency)
            if let existing = try context.state.record(collection, from.description) {
                let recorded = (try? RateRecord(existing))?.rate ?? "?"
                throw context.refuse(.alreadyRecorded, "the \(currency.code) rate from \(from) is already recorded (entry \(existing.seq), \(recorded)); record a revision from a later day")
            }
            // A rate starts after what is recorded, as a setting does, once the currency has a
            // rate before it: a rate back-dated under entries already valued at the one before made
            // the rate table disagree with them, and let the order of recording choose each entry's
            // rate (an outside trial). A currency's first rate values nothing recorded yet.
            if let last, from <= last, try context.state.records(collection).contains(where: { $0.id < from.description }) {
                throw context.refuse(.wrongDate, """
                    a \(currency.code) rate starts after the entries already recorded, which keep the rate they were valued at: \
                    entries are dated up to \(last), so from \(last.addingClamped(days: 1)) or later, not \(from)
                    """)
            }
            if !confirmed {
                try RateMove.checkNotFirst(currency, text, from: from, context)
                try RateMove.check(currency, rate, text, from: from, context)
            }
            outcome.put(collection, from.description, seq: context.seq, ["rate": .string(text), "revision": .bool(revision)])
        }
        return outcome
    }
}
