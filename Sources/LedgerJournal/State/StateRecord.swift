public import CanonicalJSON

/// A piece of the derived state a rule set keeps beside the balances: for the fund, a donor, an
/// agreement, a grant, a rate, a setting, an approval request; for the journal core, the
/// holder decisions of the two-person rule. Records are written only by
/// ``LedgerEffect/putRecord(_:)``, so a replay of the journal rebuilds them exactly; the store
/// keeps them in one table and `vtf verify` compares it with the replay.
public struct StateRecord: Sendable, Equatable {
    /// The kind of record, e.g. `donor`, `agreement`, `rate.EUR`, `setting.psc_rate`.
    public let collection: String
    /// Its key within the collection, e.g. `BEL`, `AGR-2026-01`, `2026-03-01`.
    public let id: String
    /// The entry that last wrote it.
    public let seq: UInt64
    /// The record's content, as the rule set that writes it defines (e.g. a donor's name).
    public let fields: JSONObject

    /// A record of `collection` keyed `id`, last written by entry `seq`.
    public init(collection: String, id: String, seq: UInt64, fields: JSONObject) {
        self.collection = collection
        self.id = id
        self.seq = seq
        self.fields = fields
    }

    /// The fields as RFC 8785 bytes: how the store keeps them, and what verify compares.
    public var canonicalFields: [UInt8] {
        do { return try JSONCanonicalizer.canonicalBytes(.object(fields)) } catch {
            preconditionFailure("fund records hold strings, integers, booleans, arrays and objects only")
        }
    }
}
