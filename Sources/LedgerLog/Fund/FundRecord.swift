public import CanonicalJSON
public import LedgerCore

/// A piece of the fund's derived state: a donor, an agreement, a grant, a rate, a setting, an
/// approval request. Records are written only by ``LedgerEffect/putRecord(_:)``, so a replay of
/// the journal rebuilds them exactly; the store keeps them in one table and `vtf verify`
/// compares it with the replay.
public struct FundRecord: Sendable, Equatable {
    /// The kind of record, e.g. `donor`, `agreement`, `rate.EUR`, `setting.psc_rate`.
    public let collection: String
    /// Its key within the collection, e.g. `BEL`, `AGR-2026-01`, `2026-03-01`.
    public let id: String
    /// The entry that last wrote it.
    public let seq: UInt64
    public let fields: JSONObject

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

extension AccountCode {
    /// Whether this is `prefix` itself or one of its sub-accounts (`prefix.…`).
    public func isWithin(_ prefix: AccountCode) -> Bool {
        rawValue == prefix.rawValue || rawValue.hasPrefix(prefix.rawValue + ".")
    }

    /// The sub-account `self.suffix`, e.g. `1200` + `BEL` = `1200.BEL`.
    public func sub(_ suffix: String) throws(RuleViolation) -> AccountCode {
        do { return try AccountCode(rawValue + "." + suffix) } catch {
            throw RuleViolation("\(error)")
        }
    }
}

/// A fund record whose amounts (decimal strings, all in one currency) the rules read and update.
protocol MoneyRecord {
    var fields: JSONObject { get set }
    var currency: Currency { get }
}

extension MoneyRecord {
    /// The amount stored under `name` (written by the rules, so always valid).
    func amount(_ name: String) throws(RuleViolation) -> Amount { try Amount.stored(fields[name]?.stringValue ?? "", currency) }

    mutating func set(_ name: String, _ amount: Amount) { fields[name] = .string(amount.decimalString) }
}
