public import LedgerCore
import LedgerJournal

// The data of `approval.request`: its `action` and, in the same object, the action's parameters
// (the request record keeps the object as its `params`). Each action has its parameter type;
// ``ActionRequest`` puts the two together as the journal carries them. Amounts without a currency
// member are in `CodingUserInfoKey.amountCurrency`: the fund currency, or for a write-off or an
// impairment the agreement's.

extension RequestAction: Codable {
    /// Reads an action's name; another name is refused, listing the actions.
    public init(from decoder: any Decoder) throws { self = try Self.named(decoder) }
}

extension RawRepresentable where RawValue == String, Self: CaseIterable {
    /// The case `decoder`'s string names; another string is refused listing the cases.
    static func named(_ decoder: any Decoder) throws -> Self {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}

/// An `approval.request`'s data: the action and its parameters, side by side in one object.
public struct ActionRequest<Params: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The controlled action.
    public let action: RequestAction
    /// Its parameters.
    public let params: Params

    /// A request for `action` with `params`.
    public init(_ action: RequestAction, _ params: Params) {
        self.action = action
        self.params = params
    }

    enum CodingKeys: String, CodingKey { case action }

    /// Reads `action` and the parameters from the same object.
    public init(from decoder: any Decoder) throws {
        action = try decoder.container(keyedBy: CodingKeys.self).decode(RequestAction.self, forKey: .action)
        params = try Params(from: decoder)
    }

    /// Writes `action` and the parameters into the same object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(action, forKey: .action)
        try params.encode(to: encoder)
    }
}

/// `grant.award`: a grant to a partner, paid in tranches (the request's ref is the grant's id).
public struct AwardParams: Codable, Sendable, Equatable {
    /// The grantee's id.
    public let grantee: String
    /// The grantee's name, for people (never published unless it is also `publicName`).
    public let granteeName: String
    /// The award, in the fund currency.
    public let amount: Amount
    /// The planned tranches, in the fund currency, adding up to `amount`.
    public let tranches: [Amount]
    /// The Board's recommendation it follows, or nil.
    public let recommendation: String?
    /// The purpose it is earmarked for, or nil.
    public let earmark: String?
    /// Where the grantee works: an ISO 3166-1 alpha-2 code in upper case, or nil.
    public let country: String?
    /// The OECD DAC CRS purpose code (5 digits, IATI sector vocabulary 1), or nil.
    public let sector: String?
    /// How the grantee may be named in public, or nil: it is then published only as "a partner
    /// in COUNTRY", so that a shelter cannot be located through published data.
    public let publicName: String?

    /// An award of `amount` to `grantee` in `tranches`; `country`, `sector` and `publicName` are
    /// what may be published about it (absent members are left out of the journal).
    public init(
        grantee: String, granteeName: String, amount: Amount, tranches: [Amount], recommendation: String?, earmark: String?,
        country: String? = nil, sector: String? = nil, publicName: String? = nil
    ) {
        self.grantee = grantee
        self.granteeName = granteeName
        self.amount = amount
        self.tranches = tranches
        self.recommendation = recommendation
        self.earmark = earmark
        self.country = country
        self.sector = sector
        self.publicName = publicName
    }

    enum CodingKeys: String, CodingKey {
        case grantee, granteeName = "grantee_name", amount, tranches, recommendation, earmark, country, sector, publicName = "public_name"
    }

    /// Reads the members, amounts in the fund currency.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try decoder.amountCurrency()
        grantee = try container.decode(String.self, forKey: .grantee)
        granteeName = try container.decode(String.self, forKey: .granteeName)
        amount = try container.decode(Amount.self, forKey: .amount, currency: currency)
        tranches = try container.decode([Amount].self, forKey: .tranches, currency: currency)
        recommendation = try container.decodeIfPresent(String.self, forKey: .recommendation)
        earmark = try container.decodeIfPresent(String.self, forKey: .earmark)
        country = try container.decodeIfPresent(String.self, forKey: .country)
        sector = try container.decodeIfPresent(String.self, forKey: .sector)
        publicName = try container.decodeIfPresent(String.self, forKey: .publicName)
    }

    /// Writes the members, absent options left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(grantee, forKey: .grantee)
        try container.encode(granteeName, forKey: .granteeName)
        try container.encode(amount, forKey: .amount)
        try container.encode(tranches.map(\.decimalString), forKey: .tranches)
        try container.encodeIfPresent(recommendation, forKey: .recommendation)
        try container.encodeIfPresent(earmark, forKey: .earmark)
        try container.encodeIfPresent(country, forKey: .country)
        try container.encodeIfPresent(sector, forKey: .sector)
        try container.encodeIfPresent(publicName, forKey: .publicName)
    }
}

/// `grant.disburse`: a tranche of a grant paid.
public struct DisbursementParams: Codable, Sendable, Equatable {
    /// The grant's id.
    public let grant: String
    /// The tranche's number, from 1.
    public let tranche: Int64
    /// What is paid, in the fund currency.
    public let amount: Amount

    /// Payment of tranche `tranche` of `grant`.
    public init(grant: String, tranche: Int64, amount: Amount) {
        self.grant = grant
        self.tranche = tranche
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey { case grant, tranche, amount }

    /// Reads the members, `amount` in the fund currency.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        grant = try container.decode(String.self, forKey: .grant)
        tranche = try container.decode(Int64.self, forKey: .tranche)
        amount = try container.decode(Amount.self, forKey: .amount, currency: try decoder.amountCurrency())
    }

    /// Writes the members.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(grant, forKey: .grant)
        try container.encode(tranche, forKey: .tranche)
        try container.encode(amount, forKey: .amount)
    }
}

/// `receivable.write-off` and `receivable.impair`: part of an agreement's receivable, in the
/// agreement's currency (`CodingUserInfoKey.amountCurrency`).
public typealias ReceivableParams = AgreementAmount

/// `donor.refund`: money given back to a donor, in its own currency.
public struct DonorRefundParams: Codable, Sendable, Equatable {
    /// The donor's id.
    public let donor: String
    /// What is paid back (written as `amount` and `currency`).
    public let amount: Amount

    /// A refund of `amount` to `donor`.
    public init(donor: String, amount: Amount) {
        self.donor = donor
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey { case donor, amount, currency }

    /// Reads `donor`, `currency` and `amount` in it.
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

/// `setting.change`: a fund setting's new value from a day.
public struct SettingChangeParams: Codable, Sendable, Equatable {
    /// The setting, e.g. `psc_rate`.
    public let name: String
    /// Its new value, as text.
    public let value: String
    /// The day it takes effect.
    public let from: LedgerDate

    /// Setting `name` becomes `value` from `from`.
    public init(name: String, value: String, from: LedgerDate) {
        self.name = name
        self.value = value
        self.from = from
    }
}

/// `reversal`: the correction of an earlier entry.
public struct ReversalParams: Codable, Sendable, Equatable {
    /// The entry reversed.
    public let reverses: Int64

    /// The reversal of entry `reverses`.
    public init(reverses: Int64) { self.reverses = reverses }
}

/// `bank.charges`: charges a bank took from an account, found by a reconciliation.
public struct BankChargesParams: Codable, Sendable, Equatable {
    /// The account charged.
    public let account: AccountCode
    /// The charges (written as `amount` and `currency`).
    public let amount: Amount
    /// The bank's id of the statement line, or nil.
    public let bankID: String?

    /// Charges of `amount` on `account`.
    public init(account: AccountCode, amount: Amount, bankID: String?) {
        self.account = account
        self.amount = amount
        self.bankID = bankID
    }

    enum CodingKeys: String, CodingKey { case account, amount, currency, bankID = "bank_id" }

    /// Reads the members, `amount` in `currency`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        account = try container.decode(AccountCode.self, forKey: .account)
        amount = try container.decode(Amount.self, forKey: .amount, currency: try container.decode(Currency.self, forKey: .currency))
        bankID = try container.decodeIfPresent(String.self, forKey: .bankID)
    }

    /// Writes the members, `bank_id` when given.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(account, forKey: .account)
        try container.encode(amount, forKey: .amount)
        try container.encode(amount.currency, forKey: .currency)
        try container.encodeIfPresent(bankID, forKey: .bankID)
    }
}

/// `year.close`: the close of a financial year (its approval is the `year.close` entry).
public struct YearCloseParams: Codable, Sendable, Equatable {
    /// The year.
    public let year: Int64

    /// The close of `year`.
    public init(year: Int64) { self.year = year }
}

extension SecretariatRules.Category: Codable {
    /// Reads a category's name; another name is refused, listing the categories.
    public init(from decoder: any Decoder) throws { self = try Self.named(decoder) }
}

/// `secretariat.cost`: a secretariat direct cost and its PSC, in the fund currency.
public struct SecretariatCostParams: Codable, Sendable, Equatable {
    /// What the cost was for.
    public let category: SecretariatRules.Category
    /// Who is paid.
    public let payee: String
    /// The cost, in the fund currency.
    public let amount: Amount
    /// The payee's invoice.
    public let invoice: String
    /// What it was, or nil.
    public let description: String?

    /// A cost of `amount` paid to `payee` against `invoice`.
    public init(category: SecretariatRules.Category, payee: String, amount: Amount, invoice: String, description: String?) {
        self.category = category
        self.payee = payee
        self.amount = amount
        self.invoice = invoice
        self.description = description
    }

    enum CodingKeys: String, CodingKey { case category, payee, amount, invoice, description }

    /// Reads the members, `amount` in the fund currency.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        category = try container.decode(SecretariatRules.Category.self, forKey: .category)
        payee = try container.decode(String.self, forKey: .payee)
        amount = try container.decode(Amount.self, forKey: .amount, currency: try decoder.amountCurrency())
        invoice = try container.decode(String.self, forKey: .invoice)
        description = try container.decodeIfPresent(String.self, forKey: .description)
    }

    /// Writes the members, `description` when given.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(category, forKey: .category)
        try container.encode(payee, forKey: .payee)
        try container.encode(amount, forKey: .amount)
        try container.encode(invoice, forKey: .invoice)
        try container.encodeIfPresent(description, forKey: .description)
    }
}

extension RequestAction {
    /// The type of the action's parameters (beside `action` in an `approval.request`'s data).
    public var paramsType: any (Codable & Sendable & Equatable).Type {
        switch self {
        case .grantAward: AwardParams.self
        case .grantDisburse: DisbursementParams.self
        case .receivableWriteOff, .receivableImpair: ReceivableParams.self
        case .donorRefund: DonorRefundParams.self
        case .settingChange: SettingChangeParams.self
        case .reversal: ReversalParams.self
        case .bankCharges: BankChargesParams.self
        case .secretariatCost: SecretariatCostParams.self
        case .yearClose: YearCloseParams.self
        case .voucher: VoucherParams.self
        case .budgetSet: BudgetParams.self
        case .ratesSet: RateSetData.self
        }
    }
}

/// `voucher`: postings posted as they are at approval.
public struct VoucherParams: Codable, Sendable, Equatable {
    /// One posting line: an account, an amount in its currency and its value in the fund
    /// currency (`CodingUserInfoKey.amountCurrency`).
    public struct Line: Codable, Sendable, Equatable {
        /// The posting.
        public let posting: Posting

        /// The line of `posting`.
        public init(_ posting: Posting) { self.posting = posting }

        enum CodingKeys: String, CodingKey { case account, amount, currency, value }

        /// Reads `account`, `currency`, `amount` in it and `value` in the fund currency.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let account = try container.decode(AccountCode.self, forKey: .account)
            let amount = try container.decode(Amount.self, forKey: .amount, currency: try container.decode(Currency.self, forKey: .currency))
            let value = try container.decode(Amount.self, forKey: .value, currency: try decoder.amountCurrency())
            posting = Posting(account: account, amount: amount, value: value)
        }

        /// Writes `account`, `amount`, `currency` and `value`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(posting.account, forKey: .account)
            try container.encode(posting.amount, forKey: .amount)
            try container.encode(posting.amount.currency, forKey: .currency)
            try container.encode(posting.value, forKey: .value)
        }
    }

    /// The lines, debit-positive.
    public let postings: [Line]

    /// A voucher of `postings`.
    public init(postings: [Posting]) { self.postings = postings.map(Line.init) }
}

/// `budget.set`: the Board-approved budget of a year from a day, in the fund currency.
public struct BudgetParams: Codable, Sendable, Equatable {
    /// The budget's year.
    public let year: Int64
    /// Grants (5100).
    public let grants: Amount
    /// Secretariat costs (5300).
    public let secretariat: Amount
    /// Programme support costs (5200).
    public let psc: Amount
    /// The day it takes effect.
    public let from: LedgerDate
    /// The Board's decision, or nil.
    public let decision: String?

    /// The budget of `year` from `from`.
    public init(year: Int64, grants: Amount, secretariat: Amount, psc: Amount, from: LedgerDate, decision: String?) {
        self.year = year
        self.grants = grants
        self.secretariat = secretariat
        self.psc = psc
        self.from = from
        self.decision = decision
    }

    enum CodingKeys: String, CodingKey { case year, grants, secretariat, psc, from, decision }

    /// Reads the members, amounts in the fund currency.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try decoder.amountCurrency()
        year = try container.decode(Int64.self, forKey: .year)
        grants = try container.decode(Amount.self, forKey: .grants, currency: currency)
        secretariat = try container.decode(Amount.self, forKey: .secretariat, currency: currency)
        psc = try container.decode(Amount.self, forKey: .psc, currency: currency)
        from = try container.decode(LedgerDate.self, forKey: .from)
        decision = try container.decodeIfPresent(String.self, forKey: .decision)
    }

    /// Writes the members, `decision` when given.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(year, forKey: .year)
        try container.encode(grants, forKey: .grants)
        try container.encode(secretariat, forKey: .secretariat)
        try container.encode(psc, forKey: .psc)
        try container.encode(from, forKey: .from)
        try container.encodeIfPresent(decision, forKey: .decision)
    }

    /// The amounts in the order of ``BudgetRules/categories``.
    public var amounts: [Amount] { [grants, secretariat, psc] }
}
