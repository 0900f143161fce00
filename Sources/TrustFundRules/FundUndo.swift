import LedgerJournal
import CanonicalJSON
import LedgerCore

/// What an approved reversal needs to undo a fund entry: the records the entry changed, as they
/// were before it. Kept as the record `undo/SEQ` for every fund entry that posts; a reversal
/// restores them only while the entry is still the last to have changed each one, so
/// corrections are undone in the reverse order of the entries (a receipt before its agreement).
enum FundUndo {
    static let collection = "undo"

    static func id(_ seq: UInt64) -> String { String(seq) }

    /// The `undo` record of entry `seq`, from the records its `effects` change.
    static func record(seq: UInt64, effects: [LedgerEffect], state: some LedgerStateReading) throws -> StateRecord {
        var seen: Set<String> = []
        var items: [JSONValue] = []
        for case .putRecord(let record) in effects where seen.insert(record.collection + "\u{1F}" + record.id).inserted {
            let before = try state.record(record.collection, record.id)
            items.append(.object([
                "collection": .string(record.collection), "id": .string(record.id),
                "before": before.map { .object($0.fields) } ?? .null,
                "before_seq": before.map { .integer(Int64($0.seq)) } ?? .null,
            ]))
        }
        return StateRecord(collection: collection, id: id(seq), seq: seq, fields: ["records": .array(items)])
    }

    /// The effects that put back what entry `target` changed; refuses when a later entry has
    /// changed one of those records since.
    static func restore(_ target: UInt64, _ context: FundContext) throws -> [LedgerEffect] {
        guard let undo = try context.state.record(collection, id(target)) else {
            throw context.refuse(.notReversible, "entry \(target) cannot be reversed (it is not a fund entry that posts, or it was reversed already)")
        }
        var effects: [LedgerEffect] = []
        let items: [(name: String, id: String, before: JSONObject?, seq: Int64?)]
        do {
            items = try RecordFields(undo, collection).each("records") { (item) throws(RuleViolation) in
                // A record the entry created has `before` and `before_seq` null.
                let created = item.fields.object["before"] == .null
                return (try item.string("collection"), try item.string("id"), created ? nil : try item.optionalObject("before"),
                        created ? nil : try item.integer("before_seq"))
            }
        } catch {
            throw context.refuse(.damagedState, "the undo record of entry \(target) is malformed; run vtf verify (the derived tables may have been edited)")
        }
        for (name, id, before, seq) in items {
            let current = try context.state.record(name, id)
            guard let current, current.seq == target else {
                let since = try context.state.record(name, id).map { "entry \($0.seq)" } ?? "a later entry"
                throw context.refuse(.notReversible, "\(name) \(id) was changed by \(since) after entry \(target); reverse that entry first")
            }
            if let before, let seq {
                effects.append(.putRecord(StateRecord(collection: name, id: id, seq: UInt64(clamping: seq), fields: before)))
            } else {
                effects.append(.removeRecord(collection: name, id: id))
            }
        }
        effects.append(.removeRecord(collection: collection, id: id(target)))
        return effects
    }
}
