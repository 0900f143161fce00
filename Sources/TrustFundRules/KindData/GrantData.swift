public import LedgerCore
import LedgerJournal

// The data of the grant kinds after the award, and of the year-end accrual. Their amounts are
// in the fund currency, which the rules give as `CodingUserInfoKey.amountCurrency`.

/// `grant.recommend` (ref = the recommendation): the Board of Trustees' advice.
public struct GrantRecommendation: Codable, Sendable, Equatable {
    /// The grantee's id.
    public let grantee: String
    /// The grantee's name, for people.
    public let granteeName: String
    /// The amount recommended, or nil.
    public let amount: Amount?
    /// The grant cycle, or nil.
    public let cycle: String?
    /// The Board's session, or nil.
    public let session: String?

    /// A recommendation for `grantee`.
    public init(grantee: String, granteeName: String, amount: Amount?, cycle: String?, session: String?) {
        self.grantee = grantee
        self.granteeName = granteeName
        self.amount = amount
        self.cycle = cycle
        self.session = session
    }

    enum CodingKeys: String, CodingKey { case grantee, granteeName = "grantee_name", amount, cycle, session }

    /// Reads the members, `amount` in the fund currency.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        grantee = try container.decode(String.self, forKey: .grantee)
        granteeName = try container.decode(String.self, forKey: .granteeName)
        amount = try container.decodeIfPresent(Amount.self, forKey: .amount, currency: try decoder.amountCurrency())
        cycle = try container.decodeIfPresent(String.self, forKey: .cycle)
        session = try container.decodeIfPresent(String.self, forKey: .session)
    }

    /// Writes the members, absent options left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(grantee, forKey: .grantee)
        try container.encode(granteeName, forKey: .granteeName)
        try container.encodeIfPresent(amount, forKey: .amount)
        try container.encodeIfPresent(cycle, forKey: .cycle)
        try container.encodeIfPresent(session, forKey: .session)
    }
}

/// `grant.report`: a partner's accepted financial report of what it spent.
public struct GrantReportData: Codable, Sendable, Equatable {
    /// The grant's id.
    public let grant: String
    /// What the partner spent, in the fund currency.
    public let spent: Amount

    /// A report of `spent` on `grant`.
    public init(grant: String, spent: Amount) {
        self.grant = grant
        self.spent = spent
    }

    enum CodingKeys: String, CodingKey { case grant, spent }

    /// Reads `grant` and `spent` in the fund currency.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        grant = try container.decode(String.self, forKey: .grant)
        spent = try container.decode(Amount.self, forKey: .spent, currency: try decoder.amountCurrency())
    }

    /// Writes `grant` and `spent`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(grant, forKey: .grant)
        try container.encode(spent, forKey: .spent)
    }
}

/// `grant.refund` (ref = the bank reference): a partner returns money.
public struct GrantRefundData: Codable, Sendable, Equatable {
    /// The grant's id.
    public let grant: String
    /// What comes back, in the fund currency.
    public let amount: Amount

    /// A refund of `amount` on `grant`.
    public init(grant: String, amount: Amount) {
        self.grant = grant
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey { case grant, amount }

    /// Reads `grant` and `amount` in the fund currency.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        grant = try container.decode(String.self, forKey: .grant)
        amount = try container.decode(Amount.self, forKey: .amount, currency: try decoder.amountCurrency())
    }

    /// Writes `grant` and `amount`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(grant, forKey: .grant)
        try container.encode(amount, forKey: .amount)
    }
}

/// `grant.close`: a grant ends.
public struct GrantClosure: Codable, Sendable, Equatable {
    /// The grant's id.
    public let grant: String

    /// The closure of `grant`.
    public init(grant: String) { self.grant = grant }
}

/// `grant.accrue`: year-end accrual of grant spending, on a named basis or as an estimate.
public struct AccrualData: Codable, Sendable, Equatable {
    /// The grant's id.
    public let grant: String
    /// The spending accrued, in the fund currency.
    public let amount: Amount
    /// What the figure rests on, or nil.
    public let basis: String?
    /// Whether the figure is an estimate (written only when true).
    public let estimate: Bool

    /// An accrual of `amount` of `grant`'s spending.
    public init(grant: String, amount: Amount, basis: String?, estimate: Bool) {
        self.grant = grant
        self.amount = amount
        self.basis = basis
        self.estimate = estimate
    }

    enum CodingKeys: String, CodingKey { case grant, amount, basis, estimate }

    /// Reads the members, `amount` in the fund currency, `estimate` false when absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        grant = try container.decode(String.self, forKey: .grant)
        amount = try container.decode(Amount.self, forKey: .amount, currency: try decoder.amountCurrency())
        basis = try container.decodeIfPresent(String.self, forKey: .basis)
        estimate = try container.decodeIfPresent(Bool.self, forKey: .estimate) ?? false
    }

    /// Writes the members, `basis` when given and `estimate` only when true.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(grant, forKey: .grant)
        try container.encode(amount, forKey: .amount)
        try container.encodeIfPresent(basis, forKey: .basis)
        if estimate { try container.encode(true, forKey: .estimate) }
    }
}

/// `grant.accrue.reverse`: the reversal of the accrual entry `accrual`.
public struct AccrualReversal: Codable, Sendable, Equatable {
    /// The accrual's entry number.
    public let accrual: Int64

    /// The reversal of entry `accrual`.
    public init(accrual: Int64) { self.accrual = accrual }
}

// MARK: Decisions, period end, year end

/// `approval.certify` and `approval.approve`: a decision on a request.
public struct RequestDecision: Codable, Sendable, Equatable {
    /// The request's ref.
    public let request: String

    /// A decision on `request`.
    public init(request: String) { self.request = request }
}

/// `approval.reject`: a request declined, and why.
public struct RejectionData: Codable, Sendable, Equatable {
    /// The request's ref.
    public let request: String
    /// Why it is rejected.
    public let reason: String

    /// The rejection of `request` for `reason`.
    public init(request: String, reason: String) {
        self.request = request
        self.reason = reason
    }
}

/// `interest.allocate` (ref = Treasury's allocation): the fund's share of the cash pool.
public struct InterestAllocation: Codable, Sendable, Equatable {
    /// Its share of the pool's income, in the fund currency.
    public let income: Amount
    /// Its share of the pool's costs, or nil (left out) when not given.
    public let costs: Amount?

    /// An allocation of `income` and `costs`.
    public init(income: Amount, costs: Amount?) {
        self.income = income
        self.costs = costs
    }

    enum CodingKeys: String, CodingKey { case income, costs }

    /// Reads `income` and `costs` in the fund currency.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try decoder.amountCurrency()
        income = try container.decode(Amount.self, forKey: .income, currency: currency)
        costs = try container.decodeIfPresent(Amount.self, forKey: .costs, currency: currency)
    }

    /// Writes `income`, and `costs` when given.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(income, forKey: .income)
        try container.encodeIfPresent(costs, forKey: .costs)
    }
}

/// `fx.revalue` and `reserve.adjust`: no data; every member is refused.
public struct NoData: Codable, Sendable, Equatable {
    /// Empty data.
    public init() {}

    /// Reads an empty object: any member is unknown.
    public init(from decoder: any Decoder) throws { _ = try decoder.container(keyedBy: NoKeys.self) }

    /// Writes an empty object.
    public func encode(to encoder: any Encoder) throws { _ = encoder.container(keyedBy: NoKeys.self) }

    private struct NoKeys: CodingKey {
        var stringValue: String { "" }
        var intValue: Int? { nil }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { nil }
    }
}

/// `year.close` (ref = the year): the approval of a close request.
public struct YearCloseData: Codable, Sendable, Equatable {
    /// The year closed.
    public let year: Int64
    /// The close request's ref; nil is refused (a close is a two-person action).
    public let request: String?

    /// The close of `year` under `request`.
    public init(year: Int64, request: String?) {
        self.year = year
        self.request = request
    }
}
