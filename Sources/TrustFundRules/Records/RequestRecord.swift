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
        let fields = try JSONFields(.object(record.fields), context: "request \(record.id)")
        ref = record.id
        seq = record.seq
        action = try fields.string("action")
        status = try RequestStatus(in: record.fields, of: "request \(record.id)")
        date = try fields.date("date")
        requester = try fields.string("requester")
        certifier = try fields.optionalString("certifier")
        approver = try fields.optionalString("approver")
        certifiedSeq = try Self.seq(fields, "certified_seq")
        approvedSeq = try Self.seq(fields, "approved_seq")
        params = fields.has("params") ? try fields.objectValue("params") : [:]
        ageing = fields.has("ageing") ? try fields.objectValue("ageing") : nil
    }

    private static func seq(_ fields: JSONFields, _ name: String) throws(RuleViolation) -> UInt64? {
        guard fields.has(name) else { return nil }
        let value = try fields.integer(name)
        guard let seq = UInt64(exactly: value) else { throw RuleViolation(.damagedState, "\(fields.context): \(name) \(value) is not an entry number") }
        return seq
    }
}
