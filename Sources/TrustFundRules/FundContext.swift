public import LedgerJournal
public import CanonicalJSON
public import LedgerCore

/// What a fund rule computed for an entry: the postings it must carry and the changes it makes.
public struct FundOutcome: Sendable {
    /// The postings the entry must carry, in order.
    public internal(set) var postings: [Posting] = []
    /// The changes it makes to the derived state (records, accounts), in order.
    public internal(set) var effects: [LedgerEffect] = []
    /// The UN operational rates the entry used, as its `data.unore` must name them:
    /// `{"EUR": {"rate": "0.9200", "from": "2026-03-01"}}`; nil when it used none.
    public internal(set) var unore: JSONObject?
    /// Whether an approved reversal may undo this entry later (not a year-end close, not a
    /// reversal itself).
    public internal(set) var reversible = true
    /// Accounts this entry opens (sub-accounts of a donor or a grant); postings may use them.
    public internal(set) var opened: [AccountCode: AccountType] = [:]

    /// Adds a posting line; a line whose amount and value are both zero is left out.
    mutating func post(_ account: AccountCode, _ amount: Amount, value: Amount) {
        guard !(amount.isZero && value.isZero) else { return }
        postings.append(Posting(account: account, amount: amount, value: value))
    }

    mutating func put(_ collection: String, _ id: String, seq: UInt64, _ fields: JSONObject) {
        effects.append(.putRecord(StateRecord(collection: collection, id: id, seq: seq, fields: fields)))
    }

    mutating func open(_ code: AccountCode, name: String, type: AccountType, seq: UInt64) {
        opened[code] = type
        effects.append(.openAccount(AccountState(code: code, name: name, type: type, openedSeq: seq)))
    }
}

/// One fund entry under check: its body, its data, the ledger before it, and who signed it.
struct FundContext {
    let body: EntryBody
    let data: JSONFields
    let state: any LedgerStateReading
    let signer: KeyState
    let fundCurrency: Currency
    /// Collects the rates the rules look up, for `data.unore`.
    let ratesUsed: RatesUsed

    var seq: UInt64 { body.seq }
    var date: LedgerDate { body.date }

    /// A refusal naming this entry.
    func refuse(_ code: RuleViolation.Code, _ message: String) -> RuleViolation { RuleViolation(code, "entry \(body.seq): \(message)") }

    /// `violation` (its code kept) naming this entry.
    func refuse(_ violation: RuleViolation) -> RuleViolation { refuse(violation.code, violation.message) }

    /// A positive amount in `currency` read exactly from `data[name]`.
    func positiveAmount(_ name: String, _ currency: Currency, in fields: JSONFields? = nil) throws -> Amount {
        let amount = try self.amount(name, currency, in: fields)
        guard amount.minorUnits > 0 else { throw refuse(.badField, "\(name) must be more than zero, not \(amount.decimalString)") }
        return amount
    }

    /// An amount in `currency`, zero or more, read exactly from `data[name]`.
    func amount(_ name: String, _ currency: Currency, in fields: JSONFields? = nil) throws -> Amount {
        let source = fields ?? data
        let text = try source.string(name)
        let amount: Amount
        do { amount = try Amount(parsing: text, currency: currency, mode: .exact) } catch {
            throw refuse(.badField, "\(name): \(error)")
        }
        guard amount.minorUnits >= 0 else { throw refuse(.badField, "\(name) may not be negative (\(text))") }
        return amount
    }

    func currency(_ name: String) throws -> Currency {
        let code = try data.string(name)
        do { return try Currency(code: code) } catch { throw refuse(.badField, "\(name): \(error)") }
    }

    /// An identifier that also names sub-accounts: letters, digits, "-" and "_", 1...32.
    func identifier(_ name: String) throws -> String {
        let text = try data.string(name)
        try FundIDs.check(text, what: name, seq: seq)
        return text
    }

    /// The record `id` of `collection`, or a refusal saying which is missing.
    func require(_ collection: String, _ id: String, _ what: String) throws -> StateRecord {
        guard let record = try state.record(collection, id) else {
            let lister = ["donor": "vtf donor list", "agreement": "vtf agreement list", "grant": "vtf grant list", "request": "vtf pending"][what]
            throw refuse(.notFound, "\(what) \"\(id)\" is not recorded" + (lister.map { " (\($0) shows those that are)" } ?? ""))
        }
        return record
    }
}

/// Identifiers of donors, agreements and grants; they become parts of account codes.
public enum FundIDs {
    /// The longest identifier, in ASCII characters.
    public static let lengthMax = 32

    /// Refuses an identifier that could not be an account code segment.
    public static func check(_ text: String, what: String, seq: UInt64) throws(RuleViolation) {
        let allowed = text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard !text.isEmpty, text.utf8.count <= lengthMax, allowed, text.utf8.first != UInt8(ascii: "-"),
            text.utf8.first != UInt8(ascii: "_")
        else {
            throw RuleViolation(.badField, "entry \(seq): \(what) \"\(text)\" must be 1...\(lengthMax) letters, digits, \"-\" or \"_\", starting with a letter or digit")
        }
    }
}

extension JSONFields {
    /// A boolean member, false when absent.
    func flag(_ name: String) throws(RuleViolation) -> Bool {
        guard let value = object[name] else { return false }
        guard let flag = value.boolValue else { throw RuleViolation(.badField, "\(context): \(name) must be true or false") }
        return flag
    }
}

extension Amount {
    /// `self + other`, refusing an overflow as a rule violation.
    func plus(_ other: Amount) throws(RuleViolation) -> Amount {
        do { return try adding(other) } catch { throw RuleViolation(.overflow, "\(error)") }
    }

    func minus(_ other: Amount) throws(RuleViolation) -> Amount {
        do { return try subtracting(other) } catch { throw RuleViolation(.overflow, "\(error)") }
    }

    func negative() throws(RuleViolation) -> Amount {
        do { return try negated() } catch { throw RuleViolation(.overflow, "\(error)") }
    }

    /// The amount read back from a record. The rules write only valid amounts, so a malformed
    /// one means the derived table was edited: refused, never a trap.
    static func stored(_ text: String, _ currency: Currency) throws(RuleViolation) -> Amount {
        do { return try Amount(parsing: text, currency: currency, mode: .exact) } catch {
            throw RuleViolation(.damagedState, "a fund record holds a malformed \(currency.code) amount \"\(text)\"; run vtf verify (the derived tables may have been edited)")
        }
    }
}

extension FundContext {
    /// The same entry, reading `fields` as its data (a request's parameters).
    func reading(_ fields: JSONFields) -> FundContext {
        FundContext(body: body, data: fields, state: state, signer: signer, fundCurrency: fundCurrency, ratesUsed: ratesUsed)
    }
}

/// The rates one entry's rules looked up, by currency.
final class RatesUsed {
    private var rates: [String: (rate: String, from: String)] = [:]

    func note(_ currency: Currency, rate: Decimal64, from: String) {
        rates[currency.code] = (rate.description, from)
    }

    /// `{"EUR": {"rate", "from"}, …}`, or nil when no rate was used.
    var json: JSONObject? {
        guard !rates.isEmpty else { return nil }
        return JSONObject(rates.keys.sorted().map { code in
            (code, .object(["rate": .string(rates[code]?.rate ?? ""), "from": .string(rates[code]?.from ?? "")]))
        })
    }
}
