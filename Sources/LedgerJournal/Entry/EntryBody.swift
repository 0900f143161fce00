public import CanonicalJSON
public import LedgerCore
public import LedgerCrypto

/// An entry without its signature: the object whose RFC 8785 bytes are signed and hashed.
/// Members and their meaning are the journal contract of DESIGN §3 (format v1).
public struct EntryBody: Sendable, Equatable {
    /// Journal format version written by this code.
    public static let formatVersion: Int64 = 1

    /// The ledger's origin, e.g. `unodc.org/unvtf`: binds the entry to one ledger.
    public var ledger: String
    /// 0-based position in the journal; equals the Merkle leaf index.
    public var seq: UInt64
    /// Leaf hash of entry `seq - 1`; all zeros for entry 0.
    public var prev: SHA256Digest
    /// Recording time, RFC 3339 UTC ending in `Z`.
    public var time: String
    /// The accounting date.
    public var date: LedgerDate
    /// What happened (the `kind` member).
    public var kind: EntryKind
    /// Key id of the author.
    public var signer: String
    /// Optional external reference or idempotency key; unique per `kind`.
    public var ref: String?
    /// Optional free text for people.
    public var memo: String?
    /// The postings, in order; empty for entries that move no money.
    public var postings: [Posting]
    /// The kind-specific object (the `data` member).
    public var data: JSONObject

    /// A body with every member given; nothing is checked here.
    public init(
        ledger: String, seq: UInt64, prev: SHA256Digest, time: String, date: LedgerDate,
        kind: EntryKind, signer: String, ref: String?, memo: String?, postings: [Posting],
        data: JSONObject
    ) {
        self.ledger = ledger
        self.seq = seq
        self.prev = prev
        self.time = time
        self.date = date
        self.kind = kind
        self.signer = signer
        self.ref = ref
        self.memo = memo
        self.postings = postings
        self.data = data
    }

    /// The `prev` of entry 0.
    public static let zeroHash: SHA256Digest = {
        guard let zero = SHA256Digest(bytes: [UInt8](repeating: 0, count: 32)) else {
            preconditionFailure("32 zero bytes are a digest")
        }
        return zero
    }()

    /// The body as a JSON object (members in any order; canonical bytes sort them).
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object["v"] = .integer(Self.formatVersion)
        object["ledger"] = .string(ledger)
        object["seq"] = .integer(Int64(seq))
        object["prev"] = .string(prev.hex)
        object["time"] = .string(time)
        object["date"] = .string(date.description)
        object["kind"] = .string(kind.rawValue)
        object["signer"] = .string(signer)
        if let ref { object["ref"] = .string(ref) }
        if let memo { object["memo"] = .string(memo) }
        if !postings.isEmpty { object["postings"] = .array(postings.map(Self.jsonValue(of:))) }
        object["data"] = .object(data)
        return .object(object)
    }

    /// The signed bytes: RFC 8785 canonical UTF-8 of ``jsonValue``, written directly in the
    /// canonical member order (a test checks it equals canonicalizing ``jsonValue``). For bodies
    /// read from a journal, which cannot hold what ``encoded()`` refuses; the writer uses
    /// ``JournalVerifier/signableBytes(of:fundCurrency:)``.
    public func canonicalBytes() -> [UInt8] {
        do { return try encoded() } catch {
            preconditionFailure("a body read from a journal encodes: \(error)")
        }
    }

    /// The signed bytes, or a ``RuleViolation`` when a string cannot be written in canonical
    /// form (a Unicode noncharacter, which I-JSON forbids) or a number is not finite.
    public func encoded() throws(RuleViolation) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(320 + postings.count * 96 + (memo?.utf8.count ?? 0))
        do {
            // Members sorted by UTF-16 code units: data date kind ledger memo postings prev ref seq signer time v.
            out.append(contentsOf: #"{"data":"#.utf8)
            try JSONCanonicalizer.write(.object(data), into: &out)
            Self.member(#","date":""#, date.description, into: &out)
            Self.member(#","kind":""#, kind.rawValue, into: &out)
            try Self.member(#","ledger":"#, .string(ledger), into: &out)
            if let memo { try Self.member(#","memo":"#, .string(memo), into: &out) }
            if !postings.isEmpty { try writePostings(into: &out) }
            Self.member(#","prev":""#, prev.hex, into: &out)
            if let ref { try Self.member(#","ref":"#, .string(ref), into: &out) }
            out.append(contentsOf: #","seq":"#.utf8)
            out.append(contentsOf: String(seq).utf8)
            Self.member(#","signer":""#, signer, into: &out)
            try Self.member(#","time":"#, .string(time), into: &out)
            // Format version 1 (``formatVersion``), spelled out.
            out.append(contentsOf: #","v":1}"#.utf8)
        } catch {
            throw RuleViolation(.malformedEntry, "entry \(seq): cannot be written in canonical form: \(error)")
        }
        return out
    }

    private func writePostings(into out: inout [UInt8]) throws(JSONCanonicalizationError) {
        out.append(contentsOf: #","postings":["#.utf8)
        for (index, posting) in postings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"account":"#.utf8)
            try JSONCanonicalizer.write(.string(posting.account.rawValue), into: &out)
            Self.member(#","amount":""#, posting.amount.decimalString, into: &out)
            Self.member(#","currency":""#, posting.amount.currency.code, into: &out)
            Self.member(#","value":""#, posting.value.decimalString, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    /// `prefix` (e.g. `,"date":"`), then text that needs no escaping (digits, hex, codes, dates), then `"`.
    private static func member(_ prefix: StaticString, _ plain: String, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        out.append(contentsOf: plain.utf8)
        out.append(UInt8(ascii: "\""))
    }

    /// `prefix` (e.g. `,"memo":`), then a canonical value.
    private static func member(_ prefix: StaticString, _ value: JSONValue, into out: inout [UInt8]) throws(JSONCanonicalizationError) {
        out.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        try JSONCanonicalizer.write(value, into: &out)
    }

    static func jsonValue(of posting: Posting) -> JSONValue {
        .object(JSONObject([
            ("account", .string(posting.account.rawValue)),
            ("amount", .string(posting.amount.decimalString)),
            ("currency", .string(posting.amount.currency.code)),
            ("value", .string(posting.value.decimalString)),
        ]))
    }
}

extension EntryBody {
    static let postingMembers: Set<String> = ["account", "amount", "currency", "value"]

    static let members: Set<String> = [
        "v", "ledger", "seq", "prev", "time", "date", "kind", "signer", "ref", "memo", "postings", "data",
    ]

    /// Reads a body from the journal, strictly: every member of the right type, no unknown member,
    /// amounts in the exact form of their currency. `fundCurrency` is nil only for entry 0, whose
    /// own `data.currency` names it.
    public init(json: JSONValue, fundCurrency: Currency?) throws(RuleViolation) {
        let fields = try JSONFields(json, context: "entry")
        try fields.allowOnly(Self.members)
        guard try fields.integer("v") == Self.formatVersion else {
            throw RuleViolation(.malformedEntry, "entry: format version \(try fields.integer("v")) is not supported (this vtf reads 1)")
        }
        let seq = try fields.integer("seq")
        guard seq >= 0 else { throw RuleViolation(.malformedEntry, "entry: seq is negative") }
        let prevText = try fields.string("prev")
        guard Self.isLowercaseHex64(prevText), let prev = SHA256Digest(hex: prevText) else {
            throw RuleViolation(.malformedEntry, "entry \(seq): prev is not 64 lowercase hex digits")
        }
        let time = try fields.string("time")
        guard RecordingTime.isValid(time) else {
            throw RuleViolation(.malformedEntry, "entry \(seq): time \"\(time)\" is not RFC 3339 UTC (YYYY-MM-DDTHH:MM:SSZ)")
        }
        let kind = try EntryKind(parsing: try fields.string("kind"))
        let signer = try fields.string("signer")
        guard Self.isLowercaseHex64(signer) else {
            throw RuleViolation(.malformedEntry, "entry \(seq): signer is not a key id (64 lowercase hex digits)")
        }
        let data = try fields.objectValue("data")
        var currency = fundCurrency
        if currency == nil {
            currency = try Self.fundCurrency(fromGenesisData: data)
        }
        guard let currency else { preconditionFailure("fund currency resolved above") }
        var postings: [Posting] = []
        if fields.has("postings") {
            let items = try fields.array("postings")
            guard !items.isEmpty else { throw RuleViolation(.malformedEntry, "entry \(seq): postings is empty (leave it out instead)") }
            postings = try Self.postings(items, fundCurrency: currency, seq: seq)
        }
        self.init(
            ledger: try fields.string("ledger"), seq: UInt64(seq), prev: prev, time: time,
            date: try fields.date("date"), kind: kind, signer: signer,
            ref: try fields.optionalText("ref", max: Limits.refLengthMax),
            memo: try fields.optionalText("memo", max: Limits.memoLengthMax),
            postings: postings, data: data)
    }

    /// Exactly 64 lowercase hexadecimal digits (a SHA-256 in the journal's spelling).
    static func isLowercaseHex64(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The `currency` member of the genesis `data`.
    public static func fundCurrency(fromGenesisData data: JSONObject) throws(RuleViolation) -> Currency {
        guard let code = data["currency"]?.stringValue else {
            throw RuleViolation(.missingField, "entry 0: data.currency (the fund's functional currency) is missing")
        }
        do { return try Currency(code: code) } catch {
            throw RuleViolation(.badField, "entry 0: data.currency: \(error)")
        }
    }

    /// Parses the `postings` member of entry `seq`: each item's account, exact amount in its
    /// currency and exact value in `fundCurrency`. Throws `RuleViolation` naming the posting that is
    /// malformed, or when there are more than `Limits.postingsPerEntryMax`.
    public static func postings(_ items: [JSONValue], fundCurrency: Currency, seq: Int64) throws(RuleViolation) -> [Posting] {
        guard items.count <= Limits.postingsPerEntryMax else {
            throw RuleViolation(.malformedEntry, "entry \(seq): more than \(Limits.postingsPerEntryMax) postings")
        }
        var postings: [Posting] = []
        postings.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let context = "entry \(seq) posting \(index + 1)"
            let fields = try JSONFields(item, context: context)
            try fields.allowOnly(Self.postingMembers)
            let account = try fields.accountCode("account")
            let currency: Currency
            do { currency = try Currency(code: try fields.string("currency")) } catch let error as RuleViolation {
                throw error
            } catch {
                throw RuleViolation(.badField, "\(context): \(error)")
            }
            let amount = try exactAmount(try fields.string("amount"), currency, context: context)
            let value = try exactAmount(try fields.string("value"), fundCurrency, context: context)
            postings.append(Posting(account: account, amount: amount, value: value))
        }
        return postings
    }

    static func exactAmount(_ text: String, _ currency: Currency, context: String) throws(RuleViolation) -> Amount {
        do { return try Amount(parsing: text, currency: currency, mode: .exact) } catch {
            throw RuleViolation(.badField, "\(context): \(error)")
        }
    }
}
