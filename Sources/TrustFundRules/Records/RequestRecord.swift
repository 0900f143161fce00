public import CanonicalJSON
public import LedgerCore
public import LedgerJournal

/// An approval request's record (collection `request`), read strictly: a field of the wrong
/// type or a status that is not a ``RequestStatus`` is an error naming the request, not an
/// empty string. Rules, reports, statements and commands read requests through it.
public struct RequestRecord: Sendable, Equatable {
    /// The collection the records are kept in.
    public static let collection = "request"

    /// The request's ref (the record's id).
    public let ref: String
    /// The entry that last wrote the record.
    public let seq: UInt64
    /// The controlled action, e.g. `grant.award`, `receivable.write-off`, `donor.refund`.
    public let action: String
    /// Where the request stands: requested, certified, approved, rejected or reversed.
    public let status: RequestStatus
    /// The request's date.
    public let date: LedgerDate
    /// The holder who requested it.
    public let requester: String
    /// The holder who certified it, or nil before certification.
    public let certifier: String?
    /// The holder who approved it, or nil unless it was approved.
    public let approver: String?
    /// The entry that certified it, or nil.
    public let certifiedSeq: UInt64?
    /// The entry that approved it, or nil.
    public let approvedSeq: UInt64?
    /// The action's parameters, as the request gave them.
    public let params: JSONObject
    /// An impairment's ageing basis (`receivable.impair`), kept from its certification.
    public let ageing: JSONObject?

    /// Reads `record` strictly; throws a `RuleViolation` naming the request and the field that is
    /// missing or malformed.
    public init(_ record: StateRecord) throws(RuleViolation) {
        let fields = try RecordFields(record, "request")
        ref = record.id
        seq = record.seq
        action = try fields.string("action")
        status = try fields.status(RequestStatus.self)
        date = try fields.date("date")
        requester = try fields.string("requester")
        certifier = try fields.optionalString("certifier")
        approver = try fields.optionalString("approver")
        certifiedSeq = try fields.optionalSeq("certified_seq")
        approvedSeq = try fields.optionalSeq("approved_seq")
        params = try fields.optionalObject("params") ?? [:]
        ageing = try fields.optionalObject("ageing")
    }

    /// The action as the rules switch over it, or nil for one vtf does not know.
    public var requestAction: RequestAction? { RequestAction(rawValue: action) }

    /// The `amount` its parameters give, in `currency`, or nil when they give none; an error
    /// naming the request when it is not an amount in `currency` (the rules wrote it, so the
    /// derived tables were edited).
    public func amount(in currency: Currency) throws(RuleViolation) -> Amount? {
        guard let member = params["amount"] else { return nil }
        guard let text = member.stringValue, let amount = try? Amount(parsing: text, currency: currency, mode: .exact) else {
            throw RuleViolation(.damagedState, "request \(ref): amount \(member) is not an amount in \(currency.code); run vtf verify (the derived tables may have been edited)")
        }
        return amount
    }

}
