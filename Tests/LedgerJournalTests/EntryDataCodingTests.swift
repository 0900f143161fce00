import CanonicalJSON
import LedgerCore
import LedgerJournal
import Testing

/// A data type of the kind the fund's entries carry: strings, a date, a currency, an amount in
/// that currency, an optional member, a nested list and a map.
private struct Sample: Codable, Equatable {
    struct Part: Codable, Equatable {
        let due: LedgerDate
        let code: AccountCode
    }

    let name: String
    let date: LedgerDate
    let currency: Currency
    let amount: Amount
    let charges: Amount?
    let note: String?
    let flag: Bool
    let count: Int64
    let parts: [Part]
    let rates: [String: Decimal64]

    enum CodingKeys: String, CodingKey { case name, date, currency, amount, charges, note, flag, count, parts, rates }

    init(
        name: String, date: LedgerDate, currency: Currency, amount: Amount, charges: Amount?, note: String?, flag: Bool,
        count: Int64, parts: [Part], rates: [String: Decimal64]
    ) {
        self.name = name
        self.date = date
        self.currency = currency
        self.amount = amount
        self.charges = charges
        self.note = note
        self.flag = flag
        self.count = count
        self.parts = parts
        self.rates = rates
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        date = try container.decode(LedgerDate.self, forKey: .date)
        currency = try container.decode(Currency.self, forKey: .currency)
        amount = try container.decode(Amount.self, forKey: .amount, currency: currency)
        charges = try container.decodeIfPresent(Amount.self, forKey: .charges, currency: currency)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        flag = try container.decode(Bool.self, forKey: .flag)
        count = try container.decode(Int64.self, forKey: .count)
        parts = try container.decode([Part].self, forKey: .parts)
        rates = try container.decode([String: Decimal64].self, forKey: .rates)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(date, forKey: .date)
        try container.encode(currency, forKey: .currency)
        try container.encode(amount, forKey: .amount)
        try container.encodeIfPresent(charges, forKey: .charges)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encode(flag, forKey: .flag)
        try container.encode(count, forKey: .count)
        try container.encode(parts, forKey: .parts)
        try container.encode(rates, forKey: .rates)
    }
}

private let sampleText = #"""
    {"name":"Belgium","date":"2026-03-01","currency":"EUR","amount":"1250.50","flag":true,"count":3,
     "parts":[{"due":"2026-06-30","code":"1200.BEL"}],"rates":{"EUR":"0.9200","GBP":"0.7900"}}
    """#

private func sampleJSON(_ edit: (inout JSONObject) -> Void = { _ in }) throws -> JSONValue {
    guard var object = try JSONParser.parse(Array(sampleText.utf8)).objectValue else { throw RuleViolation(.badField, "not an object") }
    edit(&object)
    return .object(object)
}

private func refusal(_ value: JSONValue) -> RuleViolation? {
    do {
        _ = try EntryData.decode(Sample.self, from: value, context: "entry 7 data")
        return nil
    } catch { return error }
}

@Suite("Entry data through Codable")
struct EntryDataCodingTests {
    @Test("decoding then encoding gives the same canonical bytes; amounts, dates and rates stay strings")
    func roundTrip() throws {
        let json = try sampleJSON()
        let sample = try EntryData.decode(Sample.self, from: json, context: "entry 7 data")
        #expect(sample.amount == (try Amount(parsing: "1250.50", currency: try Currency(code: "EUR"), mode: .exact)))
        #expect(sample.parts.first?.code.description == "1200.BEL")
        #expect(sample.rates["EUR"]?.description == "0.9200")
        let encoded = EntryData.value(sample)
        #expect(try JSONCanonicalizer.canonicalString(encoded) == (try JSONCanonicalizer.canonicalString(json)))
    }

    @Test("an absent optional member is left out, never written as null")
    func optionalLeftOut() throws {
        let sample = try EntryData.decode(Sample.self, from: try sampleJSON(), context: "entry 7 data")
        let object = EntryData.object(sample)
        #expect(object["note"] == nil)
        #expect(object["charges"] == nil)
        #expect(!(try JSONCanonicalizer.canonicalString(.object(object))).contains("null"))
    }

    @Test("a missing member is refused as missing-field, naming it")
    func missing() throws {
        let violation = refusal(try sampleJSON { $0["currency"] = nil })
        #expect(violation?.code == .missingField)
        #expect(violation?.message == "entry 7 data: currency is missing")
    }

    @Test("a member of the wrong type is refused as bad-field, naming it and the type it needs")
    func wrongType() throws {
        let violation = refusal(try sampleJSON { $0["amount"] = .integer(1250) })
        #expect(violation?.code == .badField)
        #expect(violation?.message == "entry 7 data: amount must be a string")
        #expect(refusal(try sampleJSON { $0["flag"] = .string("yes") })?.message == "entry 7 data: flag must be true or false")
        #expect(refusal(try sampleJSON { $0["count"] = .number(1.5) })?.message == "entry 7 data: count must be an integer")
    }

    @Test("null is no way to leave an optional member out")
    func nullRefused() throws {
        let violation = refusal(try sampleJSON { $0["note"] = .null })
        #expect(violation?.code == .badField)
        #expect(violation?.message == "entry 7 data: note must be a string")
    }

    @Test("an invalid value is refused naming the member, nested members by their path")
    func invalidValues() throws {
        let amount = refusal(try sampleJSON { $0["amount"] = .string("12.505") })
        #expect(amount?.code == .badField)
        #expect(amount?.message.hasPrefix("entry 7 data: amount: ") == true)
        let date = refusal(try sampleJSON { $0["parts"] = .array([.object(["due": .string("2026-02-30"), "code": .string("1200")])]) })
        #expect(date?.code == .badField)
        #expect(date?.message.hasPrefix("entry 7 data: parts[0].due: ") == true)
        let rate = refusal(try sampleJSON { $0["rates"] = .object(["EUR": .string("abc")]) })
        #expect(rate?.message.hasPrefix("entry 7 data: rates.EUR: ") == true)
        let currency = refusal(try sampleJSON { $0["currency"] = .string("XYZ") })
        #expect(currency?.message.hasPrefix("entry 7 data: currency: ") == true)
    }

    @Test("an extra member is refused as unknown-field, naming it, at the top and nested")
    func extraMember() throws {
        let violation = refusal(try sampleJSON { $0["colour"] = .string("blue") })
        #expect(violation?.code == .unknownField)
        #expect(violation?.message == #"entry 7 data: unknown member "colour""#)
        let nested = refusal(try sampleJSON { $0["parts"] = .array([.object(["due": .string("2026-06-30"), "code": .string("1200"), "x": .bool(true)])]) })
        #expect(nested?.code == .unknownField)
        #expect(nested?.message == #"entry 7 data: parts[0]: unknown member "x""#)
        let allowed = try EntryData.decode(Sample.self, from: try sampleJSON { $0["colour"] = .string("blue") }, context: "x", allowingUnknown: true)
        #expect(allowed.name == "Belgium")
    }

    @Test("data that is not an object is refused")
    func notAnObject() {
        let violation = refusal(.array([]))
        #expect(violation?.code == .badField)
        #expect(violation?.message == "entry 7 data: the value must be a JSON object")
    }
}
