import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// A fresh `unvtf` ledger on disk with the people of a small fund team:
/// maria (fund manager), chen (certifying officer, and also an approving key of his own),
/// amara (approving officer). Its folder is removed when the last reference goes (a test run
/// made about a thousand of them).
final class TestFund {
    static func key(_ byte: UInt8) -> Ed25519PrivateKey {
        do { return try Ed25519PrivateKey(seed: [UInt8](repeating: byte, count: 32)) } catch {
            preconditionFailure("a 32-byte seed makes a key")
        }
    }

    static let admin = key(31)
    static let log = key(32)
    static let maria = key(33)
    static let chen = key(34)
    static let amara = key(35)
    /// A second key held by chen, with the approving role: the same person may not do both.
    static let chenApproving = key(36)
    /// maria's own approving key: a requester may not approve her own request.
    static let mariaApproving = key(37)

    let file: LedgerFile
    let path: String

    static func date(_ text: String) -> LedgerDate {
        do { return try LedgerDate(parsing: text) } catch { preconditionFailure("\(error)") }
    }

    static func money(_ text: String, _ code: String = "USD") -> Amount {
        do { return try Amount(parsing: text, currency: try Currency(code: code), mode: .exact) } catch {
            preconditionFailure("\(error)")
        }
    }

    /// A new fund ledger dated `start`, with `settings` over the template's defaults.
    /// `grantFlows` false: set up as before awards and payments had memo contras of their own.
    init(start: String = "2026-01-01", settings: [String: String] = [:], grantFlows: Bool = true) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-fund-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = dir + "/fund.ledger"
        let day = Self.date(start)
        let records = [
            KeyRecord(publicKey: Self.admin.publicKey, holder: "ines", name: "Ines (admin)", roles: [.admin]),
            KeyRecord(publicKey: Self.log.publicKey, holder: "log", name: "log", roles: [.log]),
        ]
        let genesis = EntryDraft(kind: .genesis, date: day, data: JSONObject([
            ("fund_name", .string("UNVTF test")), ("currency", .string("USD")), ("keys", .array(records.map(\.jsonValue))),
        ]))
        let people = [
            KeyRecord(publicKey: Self.maria.publicKey, holder: "maria", name: "Maria", roles: [.fundManager]),
            KeyRecord(publicKey: Self.chen.publicKey, holder: "chen", name: "Chen", roles: [.certifyingOfficer]),
            KeyRecord(publicKey: Self.amara.publicKey, holder: "amara", name: "Amara", roles: [.approvingOfficer]),
            KeyRecord(publicKey: Self.chenApproving.publicKey, holder: "chen", name: "Chen (approving)", roles: [.approvingOfficer]),
            KeyRecord(publicKey: Self.mariaApproving.publicKey, holder: "maria", name: "Maria (approving)", roles: [.approvingOfficer]),
        ].map { record -> EntryDraft in
            guard case .object(let data) = record.jsonValue else { preconditionFailure("a key record is an object") }
            return EntryDraft(kind: .keyRegister, date: day, data: data)
        }
        file = try LedgerFile.createLedger(
            at: path, origin: "test.unodc.org/unvtf", genesis: genesis,
            then: people + FundDrafts.unvtfTemplate(date: day, settings: settings, grantFlows: grantFlows),
            keys: WriteKeys(author: Self.admin, log: Self.log), localSettings: [:], rules: .unvtf)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    /// Appends one draft signed by `key`.
    @discardableResult
    func record(_ draft: EntryDraft, by key: Ed25519PrivateKey = TestFund.maria) throws -> SignedEntry {
        guard let entry = try file.append([draft], keys: WriteKeys(author: key, log: Self.log)).first else {
            preconditionFailure("one draft gives one entry")
        }
        return entry
    }

    /// Records a rate set as the rules require: one that carries a currency's first rate as a
    /// `rates.set` request certified (chen) and approved (amara), since nothing before it can be
    /// compared with it; any other by maria alone.
    @discardableResult
    func recordRates(_ draft: EntryDraft) throws -> SignedEntry {
        let rates = draft.data["rates"]?.objectValue ?? [:]
        let first = try rates.keys.contains { try file.fundRecords("rate.\($0)").isEmpty }
        guard first, let from = draft.data["from"]?.stringValue else { return try record(draft) }
        ratesRequests += 1
        let pairs = try rates.map { (try Currency(code: $0.key), try Decimal64(parsing: $0.value.stringValue ?? "")) }
        return try approved(FundDrafts.ratesRequest(
            pairs, from: try LedgerDate(parsing: from), revision: draft.data["revision"] == .bool(true), date: draft.date,
            ref: "FX-FIRST-\(ratesRequests)"))
    }

    /// How many first rates ``recordRates(_:)`` requested.
    private var ratesRequests = 0

    /// Requests, certifies (chen) and approves (amara) a controlled action; returns the approval.
    @discardableResult
    func approved(_ request: EntryDraft) throws -> SignedEntry {
        try record(request)
        let ref = request.ref ?? ""
        try record(FundDrafts.decision(.approvalCertify, request: ref, date: request.date), by: Self.chen)
        return try record(FundDrafts.decision(.approvalApprove, request: ref, date: request.date), by: Self.amara)
    }

    /// Closes `year` the only way a fund ledger allows: maria requests it, chen certifies it and
    /// amara approves it, all recorded at `time` (by default early in the next year, after the
    /// year has ended). Returns the `year.close` entry.
    @discardableResult
    func closeYear(_ year: Int, ref: String? = nil, at time: String? = nil) throws -> SignedEntry {
        let ref = ref ?? "CLOSE-\(year)"
        let end = Self.date("\(year)-12-31")
        return try RecordingTime.$override.withValue(time ?? "\(year + 1)-01-05T09:00:00Z") {
            try record(FundDrafts.yearCloseRequest(year: year, ref: ref, date: end))
            try record(FundDrafts.decision(.approvalCertify, request: ref, date: end), by: Self.chen)
            return try record(FundDrafts.yearClose(year: year, request: ref, date: end), by: Self.amara)
        }
    }

    /// Asserts that `draft` is refused by the rule `code` (and, where a test checks the wording,
    /// with a message containing `words`), and that the ledger file is byte-for-byte what it was.
    func expectRefusal(_ draft: EntryDraft, by key: Ed25519PrivateKey = TestFund.maria, code: RuleViolation.Code,
                       containing words: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            try record(draft, by: key)
            Issue.record("expected a refusal \(code.rawValue)", sourceLocation: sourceLocation)
        } catch let violation as RuleViolation {
            #expect(violation.code == code, "\(violation.code.rawValue): \(violation.message)", sourceLocation: sourceLocation)
            if let words { #expect(violation.message.contains(words), "\(violation.message)", sourceLocation: sourceLocation) }
        }
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(before == after, "the ledger file changed", sourceLocation: sourceLocation)
    }

    /// Balance (amount, value in USD, both as text) of one account in one currency.
    func balance(_ account: String, _ currency: String = "USD") throws -> (amount: String, value: String) {
        let row = try file.trialBalance(asOf: nil).first { $0.account.rawValue == account && $0.amount.currency.code == currency }
        return (row?.amount.decimalString ?? "0", row?.value.decimalString ?? "0")
    }

    /// Σ value of one account over all its currencies, in minor units of USD.
    func totalValueMinor(_ account: String) throws -> Int64 {
        try file.trialBalance(asOf: nil).filter { $0.account.rawValue == account }.reduce(0) { $0 + $1.value.minorUnits }
    }

    /// The ledger verifies: every rule replayed, every derived table (fund records included) equal.
    func verify() throws {
        _ = try file.verify()
    }
}
