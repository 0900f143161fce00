import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TransparencyLog
import Testing

/// Builds small signed journals in memory with fixed keys (RFC 8032-style seeds).
private struct Journal {
    static func key(_ byte: UInt8) -> Ed25519PrivateKey {
        do { return try Ed25519PrivateKey(seed: [UInt8](repeating: byte, count: 32)) } catch {
            preconditionFailure("32-byte seed")
        }
    }

    let admin = key(1)
    let log = key(2)
    let alice = key(3)
    let auditor = key(4)
    /// Shared with the snapshot's look-back (reversals read earlier entries).
    final class Entries: @unchecked Sendable { var list: [SignedEntry] = [] }
    let store = Entries()
    var entries: [SignedEntry] {
        get { store.list }
        nonmutating set { store.list = newValue }
    }
    var snapshot: LedgerSnapshot

    static let origin = "test.example/ledger"
    static let date = try! LedgerDate(parsing: "2026-02-01")

    init() throws {
        let store = self.store
        snapshot = LedgerSnapshot(lookup: { seq in
            seq < UInt64(store.list.count) ? (store.list[Int(seq)].body.kind, store.list[Int(seq)].body.date, store.list[Int(seq)].body.postings) : nil
        })
        let records = [
            KeyRecord(publicKey: admin.publicKey, holder: "ana", name: "Ana", roles: [.admin]),
            KeyRecord(publicKey: log.publicKey, holder: "log", name: "log", roles: [.log]),
        ]
        try append(EntryDraft(kind: .genesis, date: Self.date, data: JSONObject([
            ("fund_name", .string("Test")), ("currency", .string("USD")), ("keys", .array(records.map(\.jsonValue))),
        ])), by: admin)
        try append(register(alice, holder: "alice", roles: [.fundManager]), by: admin)
        try append(register(auditor, holder: "audrey", roles: [.auditor]), by: admin)
        for (code, type) in [("1100", "asset"), ("4100", "revenue")] {
            try append(EntryDraft(kind: .accountOpen, date: Self.date, data: JSONObject([
                ("code", .string(code)), ("name", .string("Account \(code)")), ("type", .string(type)),
            ])), by: alice)
        }
    }

    func register(_ key: Ed25519PrivateKey, holder: String, roles: [Role]) -> EntryDraft {
        guard case .object(let data) = KeyRecord(publicKey: key.publicKey, holder: holder, name: holder, roles: roles).jsonValue else {
            preconditionFailure("a key record is an object")
        }
        return EntryDraft(kind: .keyRegister, date: Self.date, data: data)
    }

    static func voucher(_ minor: Int64, ref: String? = nil, memo: String = "voucher") -> EntryDraft {
        let usd = Currency.usd
        let postings = [
            Posting(account: try! AccountCode("1100"), amount: Amount(minorUnits: minor, currency: usd), value: Amount(minorUnits: minor, currency: usd)),
            Posting(account: try! AccountCode("4100"), amount: Amount(minorUnits: -minor, currency: usd), value: Amount(minorUnits: -minor, currency: usd)),
        ]
        return EntryDraft(kind: .voucher, date: date, ref: ref, memo: memo, postings: postings)
    }

    /// Checks the draft with the rules (as the store does), signs and appends it.
    mutating func append(_ draft: EntryDraft, by key: Ed25519PrivateKey) throws {
        let body = draft.body(
            ledger: Self.origin, seq: UInt64(entries.count), prev: entries.last?.leafHash ?? EntryBody.zeroHash,
            time: "2026-02-01T10:00:00Z", signer: key.publicKey.keyID)
        let accepted = try LedgerRules.core.check(body, against: snapshot)
        try snapshot.apply(body, effects: accepted.effects)
        appendUnchecked(body, by: key)
    }

    /// Signs and appends without asking the rules (to build bad journals).
    mutating func appendUnchecked(_ body: EntryBody, by key: Ed25519PrivateKey) {
        let bytes = body.canonicalBytes()
        entries.append(SignedEntry(body: body, bodyBytes: bytes, signature: try! key.signature(for: bytes)))
    }

    func nextBody(_ draft: EntryDraft, signer: Ed25519PrivateKey) -> EntryBody {
        draft.body(ledger: Self.origin, seq: UInt64(entries.count), prev: entries.last?.leafHash ?? EntryBody.zeroHash,
                   time: "2026-02-01T10:00:00Z", signer: signer.publicKey.keyID)
    }

    var raw: [RawEntry] { entries.enumerated().map { RawEntry(bodyBytes: $1.bodyBytes, signature: $1.signature, position: UInt64($0)) } }
}

/// A journal held in memory.
private final class MemoryReader: JournalReader {
    let entries: [RawEntry]
    init(_ entries: [RawEntry]) { self.entries = entries }

    func readEntries(from start: UInt64, limit: Int) -> [RawEntry] {
        guard start < UInt64(entries.count) else { return [] }
        return Array(entries[Int(start)..<min(entries.count, Int(start) + limit)])
    }

    func readEntry(at seq: UInt64) -> RawEntry? { seq < UInt64(entries.count) ? entries[Int(seq)] : nil }
}

private func verify(_ entries: [RawEntry], threads: Int = 2, batchSize: Int = 4) throws -> VerificationReport {
    try JournalVerifier(rules: .core, threads: threads, batchSize: batchSize).verify(MemoryReader(entries))
}

/// The verifier stops at `seq` with a failure of class `code` (and, for a rule, the rule `rule`),
/// whatever the threads and batch size.
private func expectFailure(
    _ entries: [RawEntry], at seq: UInt64, _ code: VerificationFailure.Code, rule: RuleViolation.Code? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for (threads, batchSize) in [(1, 1000), (2, 3), (2, 1)] {
        do {
            _ = try verify(entries, threads: threads, batchSize: batchSize)
            Issue.record("verification passed (threads \(threads), batch \(batchSize))", sourceLocation: sourceLocation)
        } catch let failure as VerificationFailure {
            #expect(failure.seq == seq, "\(failure)", sourceLocation: sourceLocation)
            #expect(failure.code == code && failure.ruleCode == rule, "\(failure.code) \(failure.ruleCode?.rawValue ?? "-"): \(failure)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }
}

@Suite("Journal entries and the verifier")
struct JournalTests {
    @Test func directCanonicalBytesEqualTheCanonicalizer() throws {
        var journal = try Journal()
        try journal.append(Journal.voucher(12_345, ref: "R/\"1\"", memo: "Café \"quoted\" \\ / 😂 \u{2028} דּ"), by: journal.alice)
        for entry in journal.entries {
            #expect(entry.bodyBytes == (try JSONCanonicalizer.canonicalBytes(entry.body.jsonValue)))
            let reparsed = try EntryBody(json: try JSONParser.parse(entry.bodyBytes), fundCurrency: entry.body.seq == 0 ? nil : .usd)
            #expect(reparsed == entry.body)
        }
    }

    @Test func validJournalVerifiesWithTheMerkleRootOfItsLeaves() throws {
        var journal = try Journal()
        for index in 1...20 { try journal.append(Journal.voucher(Int64(index) * 100), by: journal.alice) }
        var frontier = MerkleFrontier()
        for entry in journal.entries { frontier.append(leafHash: MerkleHash.leaf(entry.bodyBytes)) }
        for (threads, batchSize) in [(1, 1000), (2, 3), (2, 1), (4, 7)] {
            let report = try verify(journal.raw, threads: threads, batchSize: batchSize)
            #expect(report.entryCount == 25)
            #expect(report.root == frontier.root)
            #expect(report.snapshot.balances[BalanceKey(account: try AccountCode("1100"), currency: .usd)]?.amountMinor == 21_000)
        }
    }

    @Test func exportLineRoundTrip() throws {
        let journal = try Journal()
        for (index, entry) in journal.entries.enumerated() {
            let raw = try RawEntry(exportLine: entry.exportLine(), lineNumber: UInt64(index + 1))
            #expect(raw.bodyBytes == entry.bodyBytes && raw.signature == entry.signature)
        }
        // A space makes the line non-canonical: the verifier refuses the entry.
        var line = journal.entries[1].exportLine()
        line.insert(UInt8(ascii: " "), at: 1)
        var raw = journal.raw
        raw[1] = try RawEntry(exportLine: line, lineNumber: 2)
        expectFailure(raw, at: 1, .canonicalForm)
        // The signature must sit where canonical order puts it, in canonical base64.
        let moved = String(decoding: journal.entries[1].exportLine(), as: UTF8.self)
            .replacingOccurrences(of: ",\"signer\":", with: ",\"zzz\":1,\"signer\":")
        #expect(throws: RuleViolation.self) { try RawEntry(exportLine: Array(moved.utf8), lineNumber: 2) }
        #expect(throws: RuleViolation.self) { try RawEntry(exportLine: Array(#"{"v":1}"#.utf8), lineNumber: 2) }
    }

    @Test func flippedByteIsNamed() throws {
        var journal = try Journal()
        for index in 1...8 { try journal.append(Journal.voucher(Int64(index) * 100, memo: "memo \(index)"), by: journal.alice) }
        var raw = journal.raw
        var bytes = raw[9].bodyBytes
        let position = try #require(bytes.firstIndex(of: UInt8(ascii: "m")))
        bytes[position] = UInt8(ascii: "n")
        raw[9] = RawEntry(bodyBytes: bytes, signature: raw[9].signature, position: 9)
        expectFailure(raw, at: 9, .signature)
    }

    @Test func reorderedEntriesAreNamed() throws {
        var journal = try Journal()
        for index in 1...8 { try journal.append(Journal.voucher(Int64(index) * 100), by: journal.alice) }
        var raw = journal.raw
        raw.swapAt(7, 8)
        expectFailure(raw, at: 7, .chain)
    }

    @Test func droppedEntryIsNamed() throws {
        var journal = try Journal()
        for index in 1...8 { try journal.append(Journal.voucher(Int64(index) * 100), by: journal.alice) }
        var raw = journal.raw
        raw.remove(at: 6)
        expectFailure(raw, at: 6, .chain)
    }

    @Test func forgedSignatureIsNamed() throws {
        var journal = try Journal()
        for index in 1...8 { try journal.append(Journal.voucher(Int64(index) * 100), by: journal.alice) }
        var raw = journal.raw
        let body = raw[10].bodyBytes
        raw[10] = RawEntry(bodyBytes: body, signature: try journal.auditor.signature(for: body), position: 10)
        expectFailure(raw, at: 10, .signature)
    }

    @Test func keyWithoutTheRoleIsNamed() throws {
        var journal = try Journal()
        journal.appendUnchecked(journal.nextBody(Journal.voucher(500), signer: journal.auditor), by: journal.auditor)
        expectFailure(journal.raw, at: 5, .rule, rule: .signerRole)
    }

    @Test func keyUsedAfterRevocationIsNamed() throws {
        var journal = try Journal()
        let aliceID = journal.alice.publicKey.keyID
        try journal.append(EntryDraft(kind: .keyRevoke, date: Journal.date, data: JSONObject([
            ("key_id", .string(aliceID)), ("reason", .string("left")),
        ])), by: journal.admin)
        #expect(throws: RuleViolation.self) { try journal.append(Journal.voucher(100), by: journal.alice) }
        journal.appendUnchecked(journal.nextBody(Journal.voucher(100), signer: journal.alice), by: journal.alice)
        expectFailure(journal.raw, at: 6, .rule, rule: .keyRevoked)
    }

    @Test func unbalancedEntryIsNamed() throws {
        var journal = try Journal()
        var draft = Journal.voucher(100)
        draft.postings[1] = Posting(account: draft.postings[1].account, amount: Amount(minorUnits: -99, currency: .usd), value: Amount(minorUnits: -99, currency: .usd))
        #expect(throws: RuleViolation.self) { try journal.append(draft, by: journal.alice) }
        journal.appendUnchecked(journal.nextBody(draft, signer: journal.alice), by: journal.alice)
        expectFailure(journal.raw, at: 5, .rule, rule: .unbalanced)
    }

    @Test func reversalMustNegateExactlyAndOnce() throws {
        var journal = try Journal()
        try journal.append(Journal.voucher(700), by: journal.alice)
        let original = journal.entries[5].body.postings
        let reversal = EntryDraft(kind: .reversal, date: Journal.date, memo: "undo", postings: try LedgerRules.negated(original), data: JSONObject([("reverses", .integer(5))]))
        var wrong = reversal
        wrong.postings = original
        #expect(throws: RuleViolation.self) { try journal.append(wrong, by: journal.alice) }
        try journal.append(reversal, by: journal.alice)
        #expect(throws: RuleViolation.self) { try journal.append(reversal, by: journal.alice) }
        let report = try verify(journal.raw)
        #expect(report.snapshot.reversals[5] == 6)
        #expect(report.snapshot.balances[BalanceKey(account: try AccountCode("1100"), currency: .usd)]?.isZero == true)
    }

    @Test func genesisRules() throws {
        let journal = try Journal()
        // Signed by the log key instead of the admin key.
        let body = journal.entries[0].body
        var byLog = body
        byLog.signer = journal.log.publicKey.keyID
        #expect(throws: RuleViolation.self) { try LedgerRules.core.check(byLog, against: LedgerSnapshot(lookup: { _ in nil })) }
        // A second genesis.
        var second = body
        second.seq = 5
        #expect(throws: RuleViolation.self) { try LedgerRules.core.check(second, against: journal.snapshot) }
        // Entry 0 of another kind.
        #expect(throws: RuleViolation.self) {
            try LedgerRules.core.check(journal.nextBodyAtZero(Journal.voucher(1)), against: LedgerSnapshot(lookup: { _ in nil }))
        }
    }

    @Test func duplicateRefIsRefused() throws {
        var journal = try Journal()
        try journal.append(Journal.voucher(100, ref: "V-1"), by: journal.alice)
        #expect(throws: RuleViolation.self) { try journal.append(Journal.voucher(200, ref: "V-1"), by: journal.alice) }
        journal.appendUnchecked(journal.nextBody(Journal.voucher(200, ref: "V-1"), signer: journal.alice), by: journal.alice)
        expectFailure(journal.raw, at: 6, .rule, rule: .duplicateRef)
    }
}

extension Journal {
    func nextBodyAtZero(_ draft: EntryDraft) -> EntryBody {
        draft.body(ledger: Self.origin, seq: 0, prev: EntryBody.zeroHash, time: "2026-02-01T10:00:00Z", signer: admin.publicKey.keyID)
    }
}

@Suite("Recording time")
struct RecordingTimeTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (1_679_315_147, "2023-03-20T12:25:47Z"), (951_782_400, "2000-02-29T00:00:00Z"),
    ])
    func format(seconds: Int64, expected: String) {
        #expect(RecordingTime.format(secondsSince1970: seconds) == expected)
        #expect(RecordingTime.isValid(expected))
    }

    @Test(arguments: ["2026-11-29T01:03:20", "2026-11-29 01:03:20Z", "2026-13-01T00:00:00Z", "2026-11-29T24:00:00Z", "2026-11-29T01:03:20.Z", ""])
    func invalid(text: String) {
        #expect(!RecordingTime.isValid(text))
    }
}
