public import CanonicalJSON
public import LedgerCore
public import LedgerJournal

// The fund's records (donor, agreement, pledge, grant) as typed values, read strictly: a
// missing member or one of the wrong type is an error naming the record. Reports, statements
// and commands read them instead of a StateRecord's raw fields.

/// Strict reads of one record's fields, every error naming the record: the one decode shape
/// every typed record (donor, agreement, pledge, grant, rate, setting, request) shares.
struct RecordFields {
    let fields: JSONFields
    let what: String

    init(_ record: StateRecord, _ what: String) throws(RuleViolation) {
        try self.init(record.fields, named: "\(what) \(record.id)")
    }

    /// The fields `object` of the record named `what` (e.g. `request R-1`), or a part of it.
    init(_ object: JSONObject, named what: String) throws(RuleViolation) {
        self.what = what
        fields = try JSONFields(.object(object), context: what)
    }

    func has(_ name: String) -> Bool { fields.has(name) }
    func string(_ name: String) throws(RuleViolation) -> String { try stored { () throws(RuleViolation) in try fields.string(name) } }
    func optionalString(_ name: String) throws(RuleViolation) -> String? { try stored { () throws(RuleViolation) in try fields.optionalString(name) } }
    func date(_ name: String) throws(RuleViolation) -> LedgerDate { try stored { () throws(RuleViolation) in try fields.date(name) } }
    func optionalDate(_ name: String) throws(RuleViolation) -> LedgerDate? { has(name) ? try date(name) : nil }
    func optionalObject(_ name: String) throws(RuleViolation) -> JSONObject? {
        has(name) ? try stored { () throws(RuleViolation) in try fields.objectValue(name) } : nil
    }

    /// The list `name`, empty when absent.
    func array(_ name: String) throws(RuleViolation) -> [JSONValue] {
        has(name) ? try stored { () throws(RuleViolation) in try fields.array(name) } : []
    }

    /// An integer member.
    func integer(_ name: String) throws(RuleViolation) -> Int64 { try stored { () throws(RuleViolation) in try fields.integer(name) } }

    /// `read`, a field of the wrong type refused as damaged state: the rules wrote the record, so
    /// the derived table was edited.
    private func stored<T>(_ read: () throws(RuleViolation) -> T) throws(RuleViolation) -> T {
        do { return try read() } catch { throw RuleViolation(.damagedState, error.message) }
    }

    /// An entry number (`certified_seq`), or nil when absent.
    func optionalSeq(_ name: String) throws(RuleViolation) -> UInt64? {
        guard has(name) else { return nil }
        let value = try integer(name)
        guard let seq = UInt64(exactly: value) else { throw RuleViolation(.damagedState, "\(what): \(name) \(value) is not an entry number") }
        return seq
    }

    /// The status kept in the record's `status` field.
    func status<S: RecordStatus>(_ type: S.Type) throws(RuleViolation) -> S { try S(in: fields.object, of: what) }

    /// Each object of list `name` (none when absent) read by `read`, errors naming this record.
    func each<T>(_ name: String, _ read: (RecordFields) throws(RuleViolation) -> T) throws(RuleViolation) -> [T] {
        var items: [T] = []
        for object in try objects(name) { items.append(try read(try RecordFields(object, named: what))) }
        return items
    }

    func bool(_ name: String) throws(RuleViolation) -> Bool {
        guard let value = fields.object[name] else { return false }
        guard let flag = value.boolValue else { throw RuleViolation(.damagedState, "\(what): \(name) must be true or false") }
        return flag
    }

    func currency(_ name: String) throws(RuleViolation) -> Currency {
        let code = try string(name)
        do { return try Currency(code: code) } catch { throw RuleViolation(.damagedState, "\(what): \(name) \"\(code)\" is not a currency") }
    }

    func amount(_ name: String, _ currency: Currency) throws(RuleViolation) -> Amount {
        let text = try string(name)
        do { return try Amount(parsing: text, currency: currency, mode: .exact) } catch {
            throw RuleViolation(.damagedState, "\(what): \(name) \"\(text)\" is not an amount in \(currency.code)")
        }
    }

    func objects(_ name: String) throws(RuleViolation) -> [JSONObject] {
        guard fields.has(name) else { return [] }
        var objects: [JSONObject] = []
        for item in try array(name) {
            guard let object = item.objectValue else { throw RuleViolation(.damagedState, "\(what): every item of \(name) must be an object") }
            objects.append(object)
        }
        return objects
    }
}

/// A donor (collection `donor`).
public struct DonorRecord: Sendable, Equatable {
    /// The collection the records are kept in.
    public static let collection = "donor"
    /// The donor's id (the record's id), e.g. `BEL`; its receivable is `1200.ID`.
    public let id: String
    /// The entry that last wrote the record.
    public let seq: UInt64
    /// The donor's name, for people.
    public let name: String
    /// One of FundChart's donor types: `member-state`, `foundation`, …
    public let type: String
    /// Its ISO 3166-1 alpha-2 country code in upper case, or nil.
    public let country: String?
    /// The date of its `donor.add`.
    public let since: LedgerDate

    /// Reads `record` strictly; throws a `RuleViolation` naming the donor and the field that is
    /// missing or malformed.
    public init(_ record: StateRecord) throws(RuleViolation) {
        let fields = try RecordFields(record, "donor")
        id = record.id
        seq = record.seq
        name = try fields.string("name")
        type = try fields.string("type")
        country = try fields.optionalString("country")
        since = try fields.date("since")
    }
}

/// A contribution agreement (collection `agreement`): its terms. What it received and what is
/// outstanding on a date is the agreement's position (TrustFund's AgreementPosition), read from
/// the journal.
public struct AgreementRecord: Sendable, Equatable {
    /// An instalment the agreement schedules.
    public struct Instalment: Sendable, Equatable {
        /// The date it falls due.
        public let due: LedgerDate
        /// Its amount, in the agreement's currency.
        public let amount: Amount
    }

    /// A receipt the rules applied to it (its `receipts` list; a reversal takes it off).
    public struct Receipt: Sendable, Equatable {
        /// The date of the entry that applied it.
        public let date: LedgerDate
        /// The amount applied, in the agreement's currency.
        public let amount: Amount
    }

    /// The collection the records are kept in.
    public static let collection = "agreement"
    /// The agreement's ref (the record's id).
    public let ref: String
    /// The entry that last wrote the record.
    public let seq: UInt64
    /// The id of the donor who signed it.
    public let donor: String
    /// The date signed.
    public let date: LedgerDate
    /// The currency of the agreement.
    public let currency: Currency
    /// The amount agreed, in the agreement's currency.
    public let amount: Amount
    /// Its value in the fund currency on the date signed.
    public let value: String
    /// Whether revenue waits for conditions (IPSAS 23: deferred in 2200 until recognised).
    public let conditional: Bool
    /// The purpose the donor restricted it to, or nil when unearmarked.
    public let earmark: String?
    /// The instalments, as signed; empty when none were scheduled.
    public let instalments: [Instalment]
    /// The receipts applied to it so far.
    public let receipts: [Receipt]
    /// What was written off it (`receivable.write-off`), in the agreement's currency.
    public let writtenOff: Amount
    /// An earmarked agreement's recognitions of deferred revenue (`agreement.recognise`), for
    /// the close of their year.
    public let recognised: [Recognition]

    /// A recognition of deferred revenue noted on an earmarked agreement.
    public struct Recognition: Sendable, Equatable {
        /// The calendar year it was recognised in.
        public let year: Int64
        /// Its value in the fund currency (text: the fund currency is the ledger's).
        public let value: String
    }

    /// Reads `record` strictly; throws a `RuleViolation` naming the agreement and the field that is
    /// missing or malformed.
    public init(_ record: StateRecord) throws(RuleViolation) {
        let fields = try RecordFields(record, "agreement")
        ref = record.id
        seq = record.seq
        donor = try fields.string("donor")
        date = try fields.date("date")
        currency = try fields.currency("currency")
        amount = try fields.amount("amount", currency)
        value = try fields.string("value")
        conditional = try fields.bool("conditional")
        earmark = try fields.optionalString("earmark")
        let currency = self.currency
        instalments = try fields.each("instalments") { (each) throws(RuleViolation) in
            Instalment(due: try each.date("due"), amount: try each.amount("amount", currency))
        }
        receipts = try fields.each("receipts") { (each) throws(RuleViolation) in
            Receipt(date: try each.date("date"), amount: try each.amount("amount", currency))
        }
        writtenOff = fields.has("written_off") ? try fields.amount("written_off", currency) : .zero(currency)
        recognised = try fields.each("recognised") { (each) throws(RuleViolation) in
            Recognition(year: try each.integer("year"), value: try each.string("value"))
        }
    }
}

/// A pledge (collection `pledge`).
public struct PledgeRecord: Sendable, Equatable {
    /// The collection the records are kept in.
    public static let collection = "pledge"
    /// The pledge's ref (the record's id).
    public let ref: String
    /// The entry that last wrote the record.
    public let seq: UInt64
    /// The id of the donor who pledged.
    public let donor: String
    /// The date pledged.
    public let date: LedgerDate
    /// The amount pledged, in its currency.
    public let amount: Amount
    /// Its value in the fund currency on the date pledged (text: the fund currency is the ledger's).
    public let value: String
    /// Whether it is still open or converted into an agreement.
    public let status: PledgeStatus

    /// Reads `record` strictly; throws a `RuleViolation` naming the pledge and the field that is
    /// missing or malformed.
    public init(_ record: StateRecord) throws(RuleViolation) {
        let fields = try RecordFields(record, "pledge")
        ref = record.id
        seq = record.seq
        donor = try fields.string("donor")
        date = try fields.date("date")
        amount = try fields.amount("amount", try fields.currency("currency"))
        value = try fields.string("value")
        status = try fields.status(PledgeStatus.self)
    }
}

/// A grant (collection `grant`): its award and state. What it paid, spent and charged is the
/// grant's position (TrustFund's GrantPositions), read from the journal.
public struct GrantRecord: Sendable, Equatable {
    /// The collection the records are kept in.
    public static let collection = "grant"
    /// The grant's id (the record's id: the ref of the award's request).
    public let id: String
    /// The entry that last wrote the record.
    public let seq: UInt64
    /// The grantee's id.
    public let grantee: String
    /// The grantee's name, for people.
    public let granteeName: String
    /// The award, in the fund currency (text: the fund currency is the ledger's).
    public let amount: String
    /// The date of the award's approval.
    public let awarded: LedgerDate
    /// Whether it is open or closed.
    public let status: GrantStatus
    /// The date of its `grant.close`; nil while open.
    public let closed: LedgerDate?
    /// The planned tranches, as awarded.
    public let tranches: [JSONValue]
    /// The purpose its earmark restricts it to, or nil.
    public let earmark: String?
    /// The expenditure reported on it, per year and rate, for the close and the PSC.
    public let reported: [Reported]
    /// Where the grantee works (ISO 3166-1 alpha-2), or nil (an award made before it was asked).
    public let country: String?
    /// The OECD DAC CRS purpose code (5 digits), or nil.
    public let sector: String?
    /// How the grantee may be named in public, or nil: then only "a partner in COUNTRY".
    public let publicName: String?

    /// Expenditure reported on a grant in one year at one PSC rate.
    public struct Reported: Sendable, Equatable {
        /// The calendar year of the reports.
        public let year: Int64
        /// The PSC rate applied, as recorded (e.g. `0.13`).
        public let rate: String
        /// What was spent, in the fund currency (text).
        public let spent: String
        /// The PSC charged on it, in the fund currency (text).
        public let psc: String
    }

    /// Reads `record` strictly; throws a `RuleViolation` naming the grant and the field that is
    /// missing or malformed.
    public init(_ record: StateRecord) throws(RuleViolation) {
        let fields = try RecordFields(record, "grant")
        id = record.id
        seq = record.seq
        grantee = try fields.string("grantee")
        granteeName = try fields.string("grantee_name")
        amount = try fields.string("amount")
        awarded = try fields.date("awarded")
        status = try fields.status(GrantStatus.self)
        closed = try fields.optionalDate("closed")
        tranches = try fields.array("tranches")
        earmark = try fields.optionalString("earmark")
        reported = try fields.each("reported") { (each) throws(RuleViolation) in
            Reported(year: try each.integer("year"), rate: try each.string("rate"), spent: try each.string("spent"), psc: try each.string("psc"))
        }
        country = try fields.optionalString("country")
        sector = try fields.optionalString("sector")
        publicName = try fields.optionalString("public_name")
    }

    /// The planned tranches as amounts in `currency` (the fund currency); an error naming the
    /// grant when one is not (the rules wrote them, so the derived tables were edited).
    public func trancheAmounts(in currency: Currency) throws(RuleViolation) -> [Amount] {
        var amounts: [Amount] = []
        for (index, tranche) in tranches.enumerated() {
            guard let text = tranche.stringValue, let amount = try? Amount(parsing: text, currency: currency, mode: .exact) else {
                throw RuleViolation(.damagedState, "grant \(id): tranches[\(index)] \(tranche) is not an amount in \(currency.code); run vtf verify (the derived tables may have been edited)")
            }
            amounts.append(amount)
        }
        return amounts
    }
}

/// A UN operational rate (collection `rate.CUR`, id the day it takes effect).
public struct RateRecord: Sendable, Equatable {
    /// The currency's ISO 4217 code (from the collection's name).
    public let currency: String
    /// The day it takes effect, `YYYY-MM-DD` (the record's id).
    public let from: String
    /// The entry that last wrote the record.
    public let seq: UInt64
    /// Units of the currency per 1 unit of the fund currency, as recorded.
    public let rate: String
    /// A mid-month revision rather than the monthly set.
    public let revision: Bool

    /// The rate a `rate.CUR` record holds; nil for a record of another collection.
    public init?(_ record: StateRecord) throws(RuleViolation) {
        guard record.collection.hasPrefix("rate.") else { return nil }
        let fields = try RecordFields(record, record.collection)
        currency = String(record.collection.dropFirst(5))
        from = record.id
        seq = record.seq
        rate = try fields.string("rate")
        revision = try fields.bool("revision")
    }
}

/// A fund setting's value from a day (collection `setting.NAME`, id the day it takes effect).
public struct SettingRecord: Sendable, Equatable {
    /// The day it takes effect, `YYYY-MM-DD` (the record's id).
    public let from: String
    /// The entry that last wrote the record.
    public let seq: UInt64
    /// The setting's value, as recorded text.
    public let value: String

    /// Reads `record`; throws a `RuleViolation` when it has no string `value`.
    public init(_ record: StateRecord) throws(RuleViolation) {
        from = record.id
        seq = record.seq
        value = try RecordFields(record, record.collection).string("value")
    }
}
