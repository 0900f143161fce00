public import LedgerCore
import LedgerJournal

// The data of the contribution kinds: agreements, receipts, suspense, conversions.

/// `agreement.sign` (ref = the agreement): a binding contribution agreement.
public struct AgreementData: Codable, Sendable, Equatable {
    /// One instalment: what falls due, in the agreement's currency, and when.
    public struct Instalment: Codable, Sendable, Equatable {
        /// What falls due.
        public let amount: Amount
        /// The day it falls due.
        public let due: LedgerDate

        /// An instalment of `amount` due on `due`.
        public init(amount: Amount, due: LedgerDate) {
            self.amount = amount
            self.due = due
        }

        enum CodingKeys: String, CodingKey { case amount, due }

        /// Reads `amount` (in `CodingUserInfoKey.amountCurrency`, the agreement's) and `due`.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            amount = try container.decode(Amount.self, forKey: .amount, currency: try decoder.amountCurrency())
            due = try container.decode(LedgerDate.self, forKey: .due)
        }

        /// Writes `amount` and `due`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(amount, forKey: .amount)
            try container.encode(due, forKey: .due)
        }
    }

    /// The id of the donor who signs.
    public let donor: String
    /// The amount agreed, in the agreement's currency (written as `amount` and `currency`).
    public let amount: Amount
    /// Whether revenue waits for conditions (written only when true).
    public let conditional: Bool
    /// The purpose the donor restricts it to, or nil.
    public let earmark: String?
    /// The instalments, or nil when none are scheduled (one, due on signature).
    public let instalments: [Instalment]?
    /// The pledge it converts, or nil.
    public let pledge: String?

    /// An agreement with `donor` for `amount`.
    public init(donor: String, amount: Amount, conditional: Bool, earmark: String?, instalments: [Instalment]?, pledge: String?) {
        self.donor = donor
        self.amount = amount
        self.conditional = conditional
        self.earmark = earmark
        self.instalments = instalments
        self.pledge = pledge
    }

    enum CodingKeys: String, CodingKey { case donor, amount, currency, conditional, earmark, instalments, pledge }

    /// Reads the members, amounts in the agreement's `currency`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        donor = try container.decode(String.self, forKey: .donor)
        let currency = try container.decode(Currency.self, forKey: .currency)
        amount = try container.decode(Amount.self, forKey: .amount, currency: currency)
        conditional = try container.decodeIfPresent(Bool.self, forKey: .conditional) ?? false
        earmark = try container.decodeIfPresent(String.self, forKey: .earmark)
        instalments = try container.decodeIfPresent([Instalment].self, forKey: .instalments, adding: [.amountCurrency: currency])
        pledge = try container.decodeIfPresent(String.self, forKey: .pledge)
    }

    /// Writes the members; `conditional` only when true, absent options left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(donor, forKey: .donor)
        try container.encode(amount, forKey: .amount)
        try container.encode(amount.currency, forKey: .currency)
        if conditional { try container.encode(true, forKey: .conditional) }
        try container.encodeIfPresent(earmark, forKey: .earmark)
        try container.encodeIfPresent(instalments, forKey: .instalments)
        try container.encodeIfPresent(pledge, forKey: .pledge)
    }
}

/// An amount of one agreement, in the agreement's currency (`CodingUserInfoKey.amountCurrency`):
/// what `agreement.recognise` recognises as revenue (``RecognitionData``), and the part of a
/// receivable a write-off or an impairment takes off (``ReceivableParams``). One type, as the
/// members and their reading are the same.
public struct AgreementAmount: Codable, Sendable, Equatable {
    /// The agreement's ref.
    public let agreement: String
    /// The amount, in the agreement's currency.
    public let amount: Amount

    /// `amount` of `agreement`.
    public init(agreement: String, amount: Amount) {
        self.agreement = agreement
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey { case agreement, amount }

    /// Reads `agreement` and `amount` in the agreement's currency.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        agreement = try container.decode(String.self, forKey: .agreement)
        amount = try container.decode(Amount.self, forKey: .amount, currency: try decoder.amountCurrency())
    }

    /// Writes `agreement` and `amount`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(agreement, forKey: .agreement)
        try container.encode(amount, forKey: .amount)
    }
}

/// `agreement.recognise`: a condition is met; `amount` (in the agreement's currency) becomes revenue.
public typealias RecognitionData = AgreementAmount

/// `contribution.receive` (ref = the bank reference): money received against an agreement.
public struct ReceiptData: Codable, Sendable, Equatable {
    /// The agreement's ref.
    public let agreement: String
    /// The amount received, in its currency (written as `amount` and `currency`).
    public let amount: Amount
    /// The bank charges taken off, same currency; nil (left out) when none.
    public let charges: Amount?

    /// A receipt of `amount` against `agreement`, less `charges`.
    public init(agreement: String, amount: Amount, charges: Amount?) {
        self.agreement = agreement
        self.amount = amount
        self.charges = charges
    }

    enum CodingKeys: String, CodingKey { case agreement, amount, currency, charges }

    /// Reads the members, amounts in `currency`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        agreement = try container.decode(String.self, forKey: .agreement)
        let currency = try container.decode(Currency.self, forKey: .currency)
        amount = try container.decode(Amount.self, forKey: .amount, currency: currency)
        charges = try container.decodeIfPresent(Amount.self, forKey: .charges, currency: currency)
    }

    /// Writes the members, `charges` only when given.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(agreement, forKey: .agreement)
        try container.encode(amount, forKey: .amount)
        try container.encode(amount.currency, forKey: .currency)
        try container.encodeIfPresent(charges, forKey: .charges)
    }
}

/// An amount with its currency and nothing else: `contribution.unidentified` (money nobody
/// can place yet) and `cash.convert` (cash converted into the fund currency).
public struct CashAmountData: Codable, Sendable, Equatable {
    /// The amount, in its currency (written as `amount` and `currency`).
    public let amount: Amount

    /// Data of `amount`.
    public init(amount: Amount) { self.amount = amount }

    enum CodingKeys: String, CodingKey { case amount, currency }

    /// Reads `currency` and `amount` in it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        amount = try container.decode(Amount.self, forKey: .amount, currency: try container.decode(Currency.self, forKey: .currency))
    }

    /// Writes `amount` and `currency`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(amount, forKey: .amount)
        try container.encode(amount.currency, forKey: .currency)
    }
}

/// `contribution.apply`: a receipt held in suspense is placed with an agreement.
public struct ReceiptApplication: Codable, Sendable, Equatable {
    /// The suspense receipt's bank reference.
    public let receipt: String
    /// The agreement's ref.
    public let agreement: String

    /// Places `receipt` with `agreement`.
    public init(receipt: String, agreement: String) {
        self.receipt = receipt
        self.agreement = agreement
    }
}
