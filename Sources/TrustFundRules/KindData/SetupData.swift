public import LedgerCore
import LedgerJournal

// The data of the fund's set-up kinds, as drafts write them and the rules read them (through
// LedgerJournal's `EntryData`): the members the journal has always carried, nothing more.

/// `fund.setup`: the template, the actions under two-person approval and the first settings.
public struct FundSetupData: Codable, Sendable, Equatable {
    /// The template's name, e.g. `unvtf`.
    public let template: String
    /// The controlled actions under two-person approval.
    public let twoPerson: [String]
    /// Every known setting's first value, by name (`psc_rate` → `"13"`).
    public let settings: [String: String]

    /// `monthly` when every month end is sealed as the books move past it (``FundSettings/sealPolicies``);
    /// absent otherwise.
    public let seal: String?

    /// true when the memo contra of grant awards and payments is kept apart (9900.AWARDED,
    /// 9900.PAID.GRANT), so that the grants committed and paid in a period are flows sealed balances
    /// prove; absent on funds set up before.
    public let grantFlows: Bool?

    /// The set-up of `template` with these actions and settings, the seal policy `seal`, and
    /// whether grant flows are kept apart.
    public init(template: String, twoPerson: [String], settings: [String: String], seal: String? = nil, grantFlows: Bool? = nil) {
        self.template = template
        self.twoPerson = twoPerson
        self.settings = settings
        self.seal = seal
        self.grantFlows = grantFlows
    }

    enum CodingKeys: String, CodingKey { case template, twoPerson = "two_person", settings, seal, grantFlows = "grant_flows" }
}

/// `donor.add`: a donor and the facts about it.
public struct DonorRegistration: Codable, Sendable, Equatable {
    /// The donor's id (letters, digits, `-`, `_`); its receivable is `1200.ID`.
    public let id: String
    /// Its name, for people.
    public let name: String
    /// One of FundChart's donor types: `member-state`, `foundation`, …
    public let type: String
    /// Its ISO 3166-1 alpha-2 country code, or nil (the member is then left out).
    public let country: String?

    /// A donor `id` named `name`, of `type`, from `country`.
    public init(id: String, name: String, type: String, country: String?) {
        self.id = id
        self.name = name
        self.type = type
        self.country = country
    }
}

/// `pledge.record`: a donor's pledge, a memo item.
public struct PledgeData: Codable, Sendable, Equatable {
    /// The id of the donor who pledged.
    public let donor: String
    /// The amount pledged, in its own currency (written as `amount` and `currency`).
    public let amount: Amount

    /// A pledge of `amount` by `donor`.
    public init(donor: String, amount: Amount) {
        self.donor = donor
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey { case donor, amount, currency }

    /// Reads `donor`, `currency` and `amount` in that currency.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        donor = try container.decode(String.self, forKey: .donor)
        amount = try container.decode(Amount.self, forKey: .amount, currency: try container.decode(Currency.self, forKey: .currency))
    }

    /// Writes `donor`, `amount` and `currency`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(donor, forKey: .donor)
        try container.encode(amount, forKey: .amount)
        try container.encode(amount.currency, forKey: .currency)
    }
}

/// `rates.set`: UN operational rates of exchange, currency units per 1 unit of the fund currency.
public struct RateSetData: Codable, Sendable, Equatable {
    /// The day they take effect (the 1st for a monthly set).
    public let from: LedgerDate
    /// Each currency's rate as the decimal text recorded (`EUR` → `"0.9200"`).
    public let rates: [String: String]
    /// A mid-month revision rather than the monthly set (false when the member is absent).
    public let revision: Bool

    /// Rates `rates` from `from`.
    public init(from: LedgerDate, rates: [String: String], revision: Bool) {
        self.from = from
        self.rates = rates
        self.revision = revision
    }

    enum CodingKeys: String, CodingKey { case from, rates, revision }

    /// Reads `from`, `rates` and `revision` (false when absent).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        from = try container.decode(LedgerDate.self, forKey: .from)
        rates = try container.decode([String: String].self, forKey: .rates)
        revision = try container.decodeIfPresent(Bool.self, forKey: .revision) ?? false
    }
}

/// `key.delegate`: the amount limit and period of a certifying or approving officer's key.
public struct DelegationData: Codable, Sendable, Equatable {
    /// The officer's key.
    public let keyID: String
    /// The limit, in the fund currency.
    public let limit: Amount
    /// The first day of the period.
    public let from: LedgerDate
    /// The last day of the period.
    public let to: LedgerDate

    /// A delegation to `keyID` of `limit` from `from` to `to`.
    public init(keyID: String, limit: Amount, from: LedgerDate, to: LedgerDate) {
        self.keyID = keyID
        self.limit = limit
        self.from = from
        self.to = to
    }

    enum CodingKeys: String, CodingKey { case keyID = "key_id", limit, from, to }

    /// Reads the members, the limit in `CodingUserInfoKey.amountCurrency` (the fund currency).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        keyID = try container.decode(String.self, forKey: .keyID)
        limit = try container.decode(Amount.self, forKey: .limit, currency: try decoder.amountCurrency())
        from = try container.decode(LedgerDate.self, forKey: .from)
        to = try container.decode(LedgerDate.self, forKey: .to)
    }

    /// Writes `key_id`, `limit`, `from` and `to`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(keyID, forKey: .keyID)
        try container.encode(limit, forKey: .limit)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
    }
}
