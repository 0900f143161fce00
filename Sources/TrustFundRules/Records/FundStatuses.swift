public import CanonicalJSON
public import LedgerJournal

/// Where an approval request stands (FUND-RULES.md, "Two-person approval"): `requested` →
/// `certified` → `approved`, or `rejected` before approval; `reversed` once an approved reversal
/// undid what its approval did.
public enum RequestStatus: String, Codable, Sendable, CaseIterable {
    case requested, certified, approved, rejected, reversed

    /// Still waiting for a decision: certification or approval.
    public var isOpen: Bool { self == .requested || self == .certified }
}

/// A grant is `open` from its award until `grant.close` makes it `closed`.
public enum GrantStatus: String, Codable, Sendable, CaseIterable {
    case open, closed
}

/// A pledge is `open` until an agreement signed for it makes it `converted`.
public enum PledgeStatus: String, Codable, Sendable, CaseIterable {
    case open, converted
}

/// A receipt held in suspense (`contribution.unidentified`) is `open` until `contribution.apply`
/// places it with an agreement (`applied`).
public enum SuspenseStatus: String, Codable, Sendable, CaseIterable {
    case open, applied
}

/// A status kept in a fund record's `status` field.
public protocol RecordStatus: RawRepresentable<String>, CaseIterable, Sendable {}

extension RequestStatus: RecordStatus {}
extension GrantStatus: RecordStatus {}
extension PledgeStatus: RecordStatus {}
extension SuspenseStatus: RecordStatus {}

extension RecordStatus {
    /// The `status` of `fields`, the record named `what` (e.g. `request R-1`); an error naming
    /// the record when it is missing or not one of the statuses.
    public init(in fields: JSONObject, of what: String) throws(RuleViolation) {
        let text = try JSONFields(.object(fields), context: what).string("status")
        guard let status = Self(rawValue: text) else {
            throw RuleViolation(
                .damagedState,
                "\(what) has status \"\(text)\", not one of \(Self.allCases.map(\.rawValue).joined(separator: ", ")); run vtf verify (the derived tables may have been edited)")
        }
        self = status
    }

    /// The status as a record field.
    public var field: JSONValue { .string(rawValue) }
}
