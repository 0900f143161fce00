import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// Short names for the refusal and rule tests.
enum F {
    static func d(_ text: String) -> LedgerDate { TestFund.date(text) }
    static func usd(_ text: String) -> Amount { TestFund.money(text) }
    static func eur(_ text: String) -> Amount { TestFund.money(text, "EUR") }

    static func rate(_ code: String, _ text: String) -> (Currency, Decimal64) {
        do { return (try Currency(code: code), try Decimal64(parsing: text)) } catch { preconditionFailure("\(error)") }
    }

    static func account(_ text: String) -> AccountCode {
        do { return try AccountCode(text) } catch { preconditionFailure("\(error)") }
    }

    /// "ACCOUNT CUR amount value" per posting line, in order.
    static func lines(_ entry: SignedEntry) -> [String] { lines(entry.body.postings) }

    static func lines(_ postings: [Posting]) -> [String] {
        postings.map { "\($0.account) \($0.amount.currency.code) \($0.amount.decimalString) \($0.value.decimalString)" }
    }

    /// maria's second key holding both the fund-manager and the certifying-officer roles.
    static let mariaBoth = TestFund.key(38)
}

extension TestFund {
    /// Registers `key` for `holder` with `roles` (signed by the admin).
    func register(_ key: Ed25519PrivateKey, holder: String, name: String, roles: [Role], date: String = "2026-01-01") throws {
        let record = KeyRecord(publicKey: key.publicKey, holder: holder, name: name, roles: roles)
        guard case .object(let data) = record.jsonValue else { preconditionFailure("a key record is an object") }
        try self.record(EntryDraft(kind: .keyRegister, date: TestFund.date(date), data: data), by: TestFund.admin)
    }

    /// A fields member of a fund record, as text (strings as they are, others as JSON-ish text).
    func field(_ collection: String, _ id: String, _ name: String) throws -> String? {
        guard let value = try file.fundRecord(collection, id)?.fields[name] else { return nil }
        if let text = value.stringValue { return text }
        if let array = value.arrayValue { return "[" + array.map { $0.integerValue.map(String.init) ?? "?" }.joined(separator: ",") + "]" }
        return "\(value)"
    }

    /// Donor ACME (foundation, USD) with agreement AGR-1 of USD 100,000.00 signed 10 Jan and
    /// received in full on 20 Jan: cash USD 100,000.00. With the template's planned expenditure
    /// of 0.00 the reserve is 0.00, so all of it is available.
    func fundedUSD() throws {
        try record(FundDrafts.donor(id: "ACME", name: "Acme Foundation", type: "foundation", country: nil, date: F.d("2026-01-05")))
        try record(FundDrafts.agreement(ref: "AGR-1", donor: "ACME", amount: F.usd("100000.00"), date: F.d("2026-01-10")))
        try record(FundDrafts.receipt(agreement: "AGR-1", amount: F.usd("100000.00"), date: F.d("2026-01-20"), bankRef: "BNK-1"))
    }

    /// `fundedUSD`, then grant G-01 of USD 20,000.00 in tranches 12,000.00 + 8,000.00
    /// (awarded 1 Feb), with tranche 1 paid on 15 Feb: advance 1300.G-01 = 12,000.00. Returns
    /// the payment's approval.
    @discardableResult
    func grantWithFirstTranchePaid() throws -> SignedEntry {
        try fundedUSD()
        try approved(FundDrafts.awardRequest(
            grant: "G-01", grantee: "SHELTER", granteeName: "Shelter Org", amount: F.usd("20000.00"),
            tranches: [F.usd("12000.00"), F.usd("8000.00")], date: F.d("2026-02-01")))
        return try approved(FundDrafts.disbursementRequest(grant: "G-01", tranche: 1, amount: F.usd("12000.00"), date: F.d("2026-02-15"), ref: "PAY-1"))
    }
}
