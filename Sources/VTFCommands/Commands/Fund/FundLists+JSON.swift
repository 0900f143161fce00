import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

// `--format json` of the fund's list and status commands (issue 12 item 11): each document has
// its schema in Schemas/json (donor-list, agreement-list, grant-list, rate-list, setting-list,
// pending), checked against real output by JSONSchemaTests+Lists. Amounts are exact decimal
// strings, as in every JSON output of vtf.

extension StateRecord {
    /// A text field, or JSON null when the record has none.
    func jsonText(_ name: String) -> JSONValue { fields[name]?.stringValue.map(JSONValue.string) ?? .null }
    /// A text field, or "" when the record has none.
    func text(_ name: String) -> String { fields[name]?.stringValue ?? "" }
}

extension DonorCommand.List {
    static func json(_ donors: [StateRecord]) -> JSONValue {
        .object(["donors": .array(donors.map { donor in
            .object(JSONObject([
                ("id", .string(donor.id)), ("name", .string(donor.text("name"))), ("type", .string(donor.text("type"))),
                ("country", donor.jsonText("country")), ("since", .string(donor.text("since"))), ("seq", .integer(Int64(donor.seq))),
            ]))
        })])
    }
}

extension AgreementCommand.List {
    static func json(_ agreements: [AgreementPosition]) -> JSONValue {
        .object(["agreements": .array(agreements.map { position in
            let record = position.agreement
            return .object(JSONObject([
                ("ref", .string(record.ref)), ("donor", .string(record.donor)), ("date", .string(record.date.description)),
                ("currency", .string(position.currency.code)), ("amount", .string(position.amount.decimalString)),
                ("received", .string(position.received.decimalString)), ("written_off", .string(position.writtenOff.decimalString)),
                ("outstanding", .string(position.outstanding.decimalString)),
                ("conditional", .bool(record.conditional)), ("seq", .integer(Int64(record.seq))),
            ]))
        })])
    }
}

extension GrantCommand.List {
    static func json(_ ledger: any StoreSnapshot) throws -> JSONValue {
        let records = try ledger.grantRecords()
        guard let currency = try ledger.settings()?.currency else { return .object(["grants": .array([])]) }
        let positions = try GrantPositions(ledger, currency: currency).positions()
        return .object(["grants": .array(records.map { grant in
            let position = positions[grant.id] ?? GrantPosition(currency)
            return .object(JSONObject([
                ("grant", .string(grant.id)), ("grantee", .string(grant.granteeName)),
                ("country", grant.country.map(JSONValue.string) ?? .null), ("sector", grant.sector.map(JSONValue.string) ?? .null),
                ("awarded", .string(grant.awarded.description)),
                ("currency", .string(currency.code)), ("amount", .string(grant.amount)),
                ("paid", .string(position.paid.decimalString)), ("spent", .string(position.spent.decimalString)),
                ("psc", .string(position.psc.decimalString)), ("refunded", .string(position.refunded.decimalString)),
                ("status", .string(grant.status.rawValue)), ("seq", .integer(Int64(grant.seq))),
            ]))
        })])
    }
}

extension RatesCommand.List {
    static func json(_ ledger: any LedgerReading, currency: String?) async throws -> JSONValue {
        var rates: [JSONValue] = []
        for record in try await ledger.allFundRecords() {
            guard let rate = try RateRecord(record) else { continue }
            if let currency, currency.uppercased() != rate.currency { continue }
            rates.append(.object(JSONObject([
                ("currency", .string(rate.currency)), ("from", .string(rate.from)), ("rate", .string(rate.rate)),
                ("kind", .string(rate.revision ? "revision" : "monthly")), ("seq", .integer(Int64(rate.seq))),
            ])))
        }
        return .object(["rates": .array(rates)])
    }
}

extension SettingCommand.List {
    static func json(_ ledger: any LedgerReading) async throws -> JSONValue {
        var settings: [JSONValue] = []
        for name in FundSettings.known.keys.sorted() {
            for record in try await ledger.fundRecords(FundSettings.collection(name)) {
                let setting = try SettingRecord(record)
                settings.append(.object(JSONObject([
                    ("setting", .string(name)), ("from", .string(setting.from)), ("value", .string(setting.value)),
                    ("seq", .integer(Int64(setting.seq))), ("meaning", .string(FundSettings.known[name] ?? "")),
                ])))
            }
        }
        return .object(["settings": .array(settings)])
    }
}

extension PendingCommand {
    static func json(_ requests: [RequestRecord], all: Bool) -> JSONValue {
        var items: [JSONValue] = []
        var waiting = 0
        for request in requests {
            if request.status.isOpen { waiting += 1 }
            guard request.status.isOpen || all else { continue }
            let waitsFor: JSONValue = switch request.status {
            case .requested: .string("certifying-officer")
            case .certified: .string("approving-officer")
            case .approved, .rejected, .reversed: .null
            }
            items.append(.object(JSONObject([
                ("ref", .string(request.ref)), ("action", .string(request.action)), ("date", .string(request.date.description)),
                ("summary", .string(summary(request))), ("requester", .string(request.requester)),
                ("certifier", request.certifier.map(JSONValue.string) ?? .null), ("status", .string(request.status.rawValue)),
                ("waits_for", waitsFor), ("params", .object(request.params)), ("seq", .integer(Int64(request.seq))),
            ])))
        }
        return .object(JSONObject([("requests", .array(items)), ("waiting", .integer(Int64(waiting)))]))
    }
}
