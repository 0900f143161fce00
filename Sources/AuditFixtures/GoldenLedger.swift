import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore

/// The golden ledger: a small year of a fund, 18 entries, every write its own checkpoint, two
/// checkpoints cosigned by the test auditor.
enum GoldenLedger {
    static let date = "2026-03-31"

    static func build(at path: String) throws -> LedgerFile {
        let fixtures = AuditFixtures.self
        let asAdmin = WriteKeys(author: fixtures.admin, log: fixtures.log)
        let asAlice = WriteKeys(author: fixtures.alice, log: fixtures.log)
        let asBruno = WriteKeys(author: fixtures.bruno, log: fixtures.log)
        let day = try LedgerDate(parsing: date)
        let records = [
            KeyRecord(publicKey: fixtures.admin.publicKey, holder: "ana", name: "Ana Admin (TEST KEY)", roles: [.admin]),
            KeyRecord(publicKey: fixtures.log.publicKey, holder: fixtures.origin, name: "log key (TEST KEY)", roles: [.log]),
        ]
        let ledger = try LedgerFile.createLedger(
            at: path, origin: fixtures.origin,
            genesis: EntryDraft(kind: .genesis, date: day, data: JSONObject([
                ("fund_name", .string("UNVTF golden test ledger")), ("currency", .string("USD")),
                ("keys", .array(records.map(\.jsonValue))),
            ])),
            keys: asAdmin, localSettings: [:], rules: .unvtf)
        for (key, holder, role) in [(fixtures.alice, "alice", Role.fundManager), (fixtures.bruno, "bruno", .fundManager), (fixtures.auditor, "audrey", .auditor)] {
            guard case .object(let data) = KeyRecord(publicKey: key.publicKey, holder: holder, name: "\(holder) (TEST KEY)", roles: [role]).jsonValue else {
                preconditionFailure("a key record is an object")
            }
            try ledger.append([EntryDraft(kind: .keyRegister, date: day, data: data)], keys: asAdmin)
        }
        for (code, type) in [("1100", "asset"), ("1100.EUR", "asset"), ("4100", "revenue"), ("5100", "expense"), ("5400", "expense")] {
            try ledger.append([EntryDraft(kind: .accountOpen, date: day, data: JSONObject([
                ("code", .string(code)), ("name", .string("Account \(code)")), ("type", .string(type)),
            ]))], keys: asAlice)
        }
        try ledger.append([try voucher("Contribution, Member State A", ref: "RCPT-1", [("1100", "250000.00", "USD", "250000.00"), ("4100", "-250000.00", "USD", "-250000.00")])], keys: asAlice)
        try ledger.append([try voucher("Contribution, Member State B", ref: "RCPT-2", [("1100.EUR", "100000.00", "EUR", "108695.65"), ("4100", "-100000.00", "EUR", "-108695.65")])], keys: asAlice)
        try ledger.append([try voucher("Grant G-01, tranche 1", ref: "PAY-1", [("5100", "20000.00", "USD", "20000.00"), ("1100", "-20000.00", "USD", "-20000.00")])], keys: asBruno)
        try cosign(ledger)
        let typo = try voucher("Bank charge (typo)", ref: nil, [("5400", "250.00", "USD", "250.00"), ("1100", "-250.00", "USD", "-250.00")])
        try ledger.append([typo], keys: asBruno)
        try ledger.append([EntryDraft(kind: .reversal, date: day, memo: "Reversal of entry 12", postings: try LedgerRules.negated(typo.postings), data: JSONObject([("reverses", .integer(12))]))], keys: asBruno)
        try ledger.append([try voucher("Bank charge", ref: nil, [("5400", "25.00", "USD", "25.00"), ("1100", "-25.00", "USD", "-25.00")])], keys: asBruno)
        try ledger.append([EntryDraft(kind: .keyRevoke, date: day, data: JSONObject([
            ("key_id", .string(fixtures.bruno.publicKey.keyID)), ("reason", .string("left the fund")),
        ]))], keys: asAdmin)
        try ledger.append([try voucher("Contribution, Blue Heart campaign", ref: "RCPT-3", [("1100", "12500.00", "USD", "12500.00"), ("4100", "-12500.00", "USD", "-12500.00")])], keys: asAlice)
        try ledger.append([try voucher("Grant G-02, tranche 1", ref: "PAY-2", [("5100", "15000.00", "USD", "15000.00"), ("1100", "-15000.00", "USD", "-15000.00")])], keys: asAlice)
        try cosign(ledger)
        return ledger
    }

    static func voucher(_ memo: String, ref: String?, _ lines: [(String, String, String, String)]) throws -> EntryDraft {
        let postings = try lines.map { account, amount, currency, value in
            let code = try Currency(code: currency)
            return Posting(
                account: try AccountCode(account), amount: try Amount(parsing: amount, currency: code, mode: .exact),
                value: try Amount(parsing: value, currency: .usd, mode: .exact))
        }
        return EntryDraft(kind: .voucher, date: try LedgerDate(parsing: date), ref: ref, memo: memo, postings: postings)
    }

    /// The test auditor cosigns the latest checkpoint.
    static func cosign(_ ledger: LedgerFile) throws {
        guard let stored = try ledger.storedNote() else { preconditionFailure("every write stores a checkpoint") }
        let text = try SignedNote.parse(stored.note).text
        let signature = try Cosignature.sign(
            checkpointText: text, name: AuditFixtures.witnessName, key: AuditFixtures.auditor,
            timestamp: AuditFixtures.cosignatureTimestamp)
        try ledger.addCosignature(size: stored.size, signature: signature)
    }
}
