public import LedgerCore
import TrustFundRules

/// The IATI transaction types (codelist `TransactionType`) the fund's entries are published as.
public enum IATITransactionType: Int, Sendable, CaseIterable, Comparable {
    /// 1: money received from a donor (a receipt, gross of bank charges; a refund to a donor
    /// negative).
    case incomingFunds = 1
    /// 2: a grant awarded (the approval of its award).
    case outgoingCommitment = 2
    /// 3: a tranche paid to a grantee (money the grantee returned negative).
    case disbursement = 3
    /// 4: the fund's own spending: programme support costs, fund management (the secretariat's
    /// direct costs), bank charges and cash-pool costs.
    case expenditure = 4
    /// 11: a contribution agreement signed.
    case incomingCommitment = 11

    /// The codelist's name, e.g. "Incoming Funds".
    public var name: String {
        switch self {
        case .incomingFunds: "Incoming Funds"
        case .outgoingCommitment: "Outgoing Commitment"
        case .disbursement: "Disbursement"
        case .expenditure: "Expenditure"
        case .incomingCommitment: "Incoming Commitment"
        }
    }

    /// Orders by code.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An organisation as a transaction or an activity names it.
public struct IATIOrganisation: Sendable, Equatable {
    /// Its IATI organisation identifier, or nil (a donor or a grantee without one).
    public let ref: String?
    /// Its IATI organisation type code (e.g. `10` government, `40` multilateral), or nil.
    public let type: String?
    /// Its name as published.
    public let name: String
    /// The IATI activity of its own the money comes from or goes to, or nil.
    public let activityID: String?

    /// An organisation named `name`.
    public init(ref: String?, type: String?, name: String, activityID: String? = nil) {
        self.ref = ref
        self.type = type
        self.name = name
        self.activityID = activityID
    }
}

/// One IATI transaction: what one journal entry did, as IATI types it.
public struct IATITransaction: Sendable, Equatable {
    /// Its IATI type.
    public let type: IATITransactionType
    /// The journal entry it comes from (its `ref` in the file).
    public let seq: UInt64
    /// The entry's accounting date: the transaction date and the value date.
    public let date: LedgerDate
    /// The value in the fund currency (the books' value at the UN operational rate of the day).
    public let value: Amount
    /// What it is, in words (never a grantee's private name), or nil.
    public let description: String?
    /// Where the money came from, or nil.
    public let provider: IATIOrganisation?
    /// Where the money went, or nil.
    public let receiver: IATIOrganisation?
}

/// A grant as published: its own IATI activity, child of the fund's.
public struct IATIGrant: Sendable, Equatable {
    /// The grant's id, e.g. `G-2025-01`.
    public let id: String
    /// How the grantee is published: its public name, else "a partner in COUNTRY" (else "a
    /// partner"); never its private name.
    public let displayName: String
    /// Where the grantee works (ISO 3166-1 alpha-2), or nil.
    public let country: String?
    /// The OECD DAC CRS purpose code, or nil.
    public let sector: String?
    /// The date of the award's approval.
    public let awarded: LedgerDate
    /// The date it was closed, or nil while open.
    public let closed: LedgerDate?
    /// Its commitment, payments and refunds, in journal order.
    public let transactions: [IATITransaction]

    /// The name a grant is published under: `publicName`, else "a partner in COUNTRY", else
    /// "a partner". The grantee's private name is never an argument, so it cannot leak here.
    public static func displayName(publicName: String?, country: String?) -> String {
        switch PublicGranteeName(publicName: publicName, country: country) {
        case .named(let name): name
        case .partner(inCountry: let country?): "a partner in \(country)"
        case .partner(inCountry: nil): "a partner"
        }
    }
}
