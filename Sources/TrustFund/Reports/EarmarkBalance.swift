import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

/// Restricted net assets (3200) of one earmark as of a date: the balance the last year close
/// on or before that date left in the record `earmark`/NAME (FUND-RULES.md, "Earmarks").
/// Between closes the year's earmarked revenue and spending are still in surplus not yet closed.
public struct EarmarkBalance: Sendable, Equatable {
    /// The earmark's name.
    public let name: String
    /// Its restricted net assets (3200) in the fund currency, credit-positive; zero before its first close.
    public let value: Amount

    /// Every earmark with a record, by name, as of the basis's date (zero before its first close).
    static func all(_ basis: ReportBasis) throws -> [EarmarkBalance] {
        try all(basis.records("earmark"), asOf: basis.asOf, basis.currency)
    }

    static func all(_ records: [StateRecord], asOf date: LedgerDate, _ currency: Currency) throws -> [EarmarkBalance] {
        try records.map { record in
            let closed = (record.fields["years"]?.arrayValue ?? []).compactMap(\.objectValue).last { year in
                guard let number = year["year"]?.integerValue else { return false }
                return "\(number)-12-31" <= date.description
            }
            return EarmarkBalance(name: record.id, value: try Money.parse(closed?["closing"], currency))
        }
    }

    var json: JSONValue {
        .object(JSONObject([("earmark", .string(name)), ("account", .string("3200")), ("value", .amount(value))]))
    }
}
