import CanonicalJSON
import Foundation
public import LedgerCore
public import LedgerCrypto
public import LedgerJournal
public import LedgerStore
public import TransparencyLog

/// A ledger kept by a ledger service, as a command writes to it: reads go to the local mirror
/// (brought up to the service's checkpoint when opened), and an append is drafted and signed
/// here, against the mirror, with the person's own key, then submitted; the service checks it
/// again and records it, signing the checkpoint with the log key it alone holds. When another
/// entry was recorded first, the draft is made again on the ledger as it is then, so the person
/// does not see the race. The private key never leaves this machine.
public final class ServiceLedger: LedgerWriting {
    /// Times an append is drafted again when other entries come first: each entry names the
    /// one before it, so when many record at once only one wins each round; the others wait a
    /// random while (growing, at most a second) and draft again on the ledger as it is then.
    public static let attempts = 40

    /// The local mirror.
    public let mirror: any LedgerWriting
    /// The service.
    public let remote: RemoteLedger
    /// The mirror's lock file (``MirrorLock``), held while the mirror is brought up to date.
    public let lockPath: String?
    /// Signs drafts as the next entries of the mirror without recording them, each checked
    /// against the state the ones before it leave: the mirror store's own append path, rolled
    /// back, so that what is signed here is what an append there would sign.
    public let signUnrecorded: @Sendable ([EntryDraft], Ed25519PrivateKey) async throws -> [SignedEntry]

    /// The service `remote`, read through `mirror`, whose syncs hold the lock at `lockPath`,
    /// drafting with `signUnrecorded`.
    public init(
        mirror: any LedgerWriting, remote: RemoteLedger, lockPath: String? = nil,
        signUnrecorded: @escaping @Sendable ([EntryDraft], Ed25519PrivateKey) async throws -> [SignedEntry]
    ) {
        self.mirror = mirror
        self.remote = remote
        self.lockPath = lockPath
        self.signUnrecorded = signUnrecorded
    }

    /// Brings the mirror up to the service's checkpoint, holding its lock.
    func sync() async throws {
        let lock = try lockPath.map { try MirrorLock($0) }
        defer { lock?.release() }
        _ = try await MirrorSync.sync(remote, into: mirror)
    }

    // MARK: Recording through the service

    /// Drafts, signs and submits `drafts` (1 to ``submissionLimit``, recorded all or none);
    /// `keys.log` is not used, the service signs the checkpoint.
    public func append(_ drafts: [EntryDraft], keys: WriteKeys, origin: String?) async throws -> [SignedEntry] {
        guard origin == nil else {
            throw RemoteError(.notSupported, "a ledger is created on the service's machine (vtf init), not through the service")
        }
        guard !drafts.isEmpty, drafts.count <= Self.submissionLimit else {
            throw RemoteError(.notSupported, "this command records \(drafts.count) entries at once, which a service takes 1 to \(Self.submissionLimit) at a time; run it on the ledger itself (nothing was recorded)")
        }
        var conflicts = 0
        for _ in 0..<Self.attempts {
            // Wait for this vtf's turn to record, so that the draft is made on the ledger as the
            // service will record it, instead of drafting in vain while others record.
            let turn = try await takeTurn()
            let entries: [SignedEntry]
            do {
                try await sync()
                entries = try await signUnrecorded(drafts, keys.author)
            } catch {
                // Refused here (the rules, the mirror): give the turn back at once.
                if let turn { _ = try? await remote.post("/v1/turn/end", body: Array(turn.utf8), contentType: "text/plain") }
                throw error
            }
            guard let entry = entries.last else { preconditionFailure("drafts make entries") }
            var lines: [UInt8] = []
            for signed in entries {
                lines += try JournalRows.exportLine(seq: signed.body.seq, body: signed.bodyBytes, signature: signed.signature) + [0x0A]
            }
            let status: Int
            let answer: [UInt8]
            do {
                (status, answer) = try await remote.post("/v1/entries", body: lines, contentType: "application/jsonl", headers: turn.map { [("Vtf-Turn", $0)] } ?? [])
            } catch let error as RemoteError where error.code == .unreachable {
                // The answer was lost: if the service recorded the entry, it is in the mirror now.
                if (try? await sync()) != nil,
                    try await mirror.entry(at: entry.body.seq)?.bodyBytes == entry.bodyBytes
                {
                    return entries
                }
                throw error
            }
            switch status {
            case 201:
                try await sync()
                return entries
            case 409:
                conflicts += 1
                let ceiling = min(1000, 10 << min(conflicts, 7))
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...ceiling)))
                continue
            default:
                throw RemoteError(.refused, "\(remote.location) did not record it (\(status)): \(RemoteLedger.message(of: answer)) (nothing was recorded)")
            }
        }
        throw RemoteError(.unreachable, "other entries kept coming first at \(remote.location) (\(Self.attempts) drafts); run the command again (nothing was recorded)")
    }

    /// A turn to record from the service (its token), or nil from a service that gives none.
    /// A service gives a key one place: while another command of the same key holds the turn or
    /// waits for it (409), this one asks again, for up to a minute, instead of failing.
    func takeTurn() async throws -> String? {
        var conflicts = 0
        while true {
            let (status, answer) = try await remote.post("/v1/turn", body: [], contentType: "text/plain")
            switch status {
            case 200: return String(decoding: answer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            case 404: return nil
            case 409 where conflicts < 60:
                conflicts += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 500...1500)))
            default: throw RemoteError(.refused, "\(remote.location) gave no turn to record (\(status)): \(RemoteLedger.message(of: answer)) (nothing was recorded)")
            }
        }
    }

    /// The most entries one submission holds (an import through a service is one submission,
    /// recorded all or none).
    public static let submissionLimit = 1000

    /// An import through the service: every draft signed here against the mirror, sent as one
    /// submission that the service records all or none; at most ``submissionLimit`` entries
    /// (a larger import runs on the service's machine).
    public func appendBulk(
        _ makeSource: @escaping @Sendable () throws -> any DraftSource, keys: WriteKeys, batchSize: Int, threads: Int,
        progress: (@Sendable (UInt64) -> Void)?
    ) async throws -> Range<UInt64> {
        var source = try makeSource()
        var drafts: [EntryDraft] = []
        while let (draft, _) = try source.next() {
            guard drafts.count < Self.submissionLimit else {
                throw RemoteError(.notSupported, "an import through a service holds at most \(Self.submissionLimit) entries; split the file, or import it on the service's machine (nothing was recorded)")
            }
            drafts.append(draft)
        }
        guard !drafts.isEmpty else { throw RemoteError(.notSupported, "the file holds no entries (nothing was recorded)") }
        let entries = try await append(drafts, keys: keys, origin: nil)
        progress?(UInt64(entries.count))
        return entries[0].body.seq..<(entries[entries.count - 1].body.seq + 1)
    }

    /// Entries signed elsewhere go to a ledger with `vtf store copy`, not through a service.
    public func appendSigned(_ entries: [SignedEntry], checkpoints: [StoredNote]) async throws {
        throw RemoteError(.notSupported, "a service records entries its people sign, one at a time; copy a ledger with vtf store copy on the service's machine (nothing was recorded)")
    }

    /// Sends an auditor's cosignature (made here, with their key) to the service, which checks
    /// it against the auditor's registered key and stores it; the mirror stores it too.
    public func addCosignature(size: UInt64, signature: NoteSignature) async throws {
        let body = try JSONCanonicalizer.canonicalBytes(.object(JSONObject([
            ("size", .integer(Int64(clamping: size))), ("cosignature", .string(String(signature.line.dropLast(signature.line.hasSuffix("\n") ? 1 : 0)))),
        ])))
        let (status, answer) = try await remote.post("/v1/cosignatures", body: body, contentType: "application/json")
        guard status == 201 else {
            throw RemoteError(.refused, "\(remote.location) did not store the cosignature (\(status)): \(RemoteLedger.message(of: answer))")
        }
        try await mirror.addCosignature(size: size, signature: signature)
    }

    /// The service's ledger's local settings are its own.
    public func setLocalSetting(_ name: String, _ value: String) async throws {
        throw RemoteError(.notSupported, "the settings of a served ledger are set on the service's machine (nothing was changed)")
    }

    // MARK: Reading: the mirror

    /// The mirror's rules.
    public var rules: LedgerRules { mirror.rules }
    /// The mirror's.
    public func settings() async throws -> LedgerSettings? { try await mirror.settings() }
    /// The mirror's.
    public func entryCount() async throws -> UInt64 { try await mirror.entryCount() }
    /// The mirror's.
    public func entry(at seq: UInt64) async throws -> SignedEntry? { try await mirror.entry(at: seq) }
    /// The mirror's.
    public func entries(ofKinds kinds: [EntryKind]) async throws -> [EntryBody] { try await mirror.entries(ofKinds: kinds) }
    /// The mirror's.
    public func entries(posting account: AccountCode, from: LedgerDate, through: LedgerDate) async throws -> [MovingEntry] {
        try await mirror.entries(posting: account, from: from, through: through)
    }
    /// The mirror's.
    public func exportLines(_ seqs: Range<UInt64>) async throws -> [[UInt8]] { try await mirror.exportLines(seqs) }
    /// The mirror's.
    public func accounts() async throws -> [AccountState] { try await mirror.accounts() }
    /// The mirror's.
    public func keys() async throws -> [KeyState] { try await mirror.keys() }
    /// The mirror's.
    public func trialBalance(asOf date: LedgerDate?) async throws -> [TrialBalanceRow] { try await mirror.trialBalance(asOf: date) }
    /// The mirror's.
    public func trialBalances(asOf first: LedgerDate, _ second: LedgerDate) async throws -> (first: [TrialBalanceRow], second: [TrialBalanceRow]) {
        try await mirror.trialBalances(asOf: first, second)
    }
    /// The mirror's.
    public func postingTotals(from: LedgerDate?, through: LedgerDate?, excluding: [EntryKind]) async throws -> [TrialBalanceRow] {
        try await mirror.postingTotals(from: from, through: through, excluding: excluding)
    }
    /// The mirror's.
    public func kindTotals(_ kinds: [EntryKind], from: LedgerDate, through: LedgerDate) async throws -> [TrialBalanceRow] {
        try await mirror.kindTotals(kinds, from: from, through: through)
    }
    /// The mirror's.
    public func lastSeqWithPostings(through date: LedgerDate) async throws -> UInt64? { try await mirror.lastSeqWithPostings(through: date) }
    /// The mirror's.
    public func fundRecords(_ collection: String) async throws -> [StateRecord] { try await mirror.fundRecords(collection) }
    /// The mirror's.
    public func fundRecord(_ collection: String, _ id: String) async throws -> StateRecord? { try await mirror.fundRecord(collection, id) }
    /// The mirror's.
    public func allFundRecords() async throws -> [StateRecord] { try await mirror.allFundRecords() }
    /// The mirror's.
    public func withRuleState<T: Sendable>(_ body: @escaping @Sendable (any LedgerStateReading) throws -> T) async throws -> T {
        try await mirror.withRuleState(body)
    }
    /// The mirror's.
    public func storedNote(size: UInt64?) async throws -> StoredNote? { try await mirror.storedNote(size: size) }
    /// The mirror's.
    public func storedNotes(after size: UInt64, limit: Int) async throws -> [StoredNote] { try await mirror.storedNotes(after: size, limit: limit) }
    /// The mirror's.
    public func cosignedCheckpoint(atLeast size: UInt64) async throws -> StoredNote? { try await mirror.cosignedCheckpoint(atLeast: size) }
    /// The mirror's.
    public func logVerifierKey() async throws -> String { try await mirror.logVerifierKey() }
    /// The mirror's.
    public func inclusionProof(seq: UInt64, size: UInt64) async throws -> (leafHash: SHA256Digest, path: [SHA256Digest]) {
        try await mirror.inclusionProof(seq: seq, size: size)
    }
    /// The mirror's.
    public func consistencyProof(oldSize: UInt64, newSize: UInt64) async throws -> [SHA256Digest] {
        try await mirror.consistencyProof(oldSize: oldSize, newSize: newSize)
    }
    /// The mirror's.
    public func root(size: UInt64) async throws -> SHA256Digest { try await mirror.root(size: size) }
    /// The mirror's.
    public func verify(threads: Int) async throws -> StoreVerification { try await mirror.verify(threads: threads) }
    /// The mirror's.
    public func verify(threads: Int, progress: (@Sendable (UInt64) -> Void)?) async throws -> StoreVerification {
        try await mirror.verify(threads: threads, progress: progress)
    }
    /// The mirror's.
    public func reconcileDerived(threads: Int) async throws -> StoreVerification { try await mirror.reconcileDerived(threads: threads) }
    /// The mirror's.
    public func reconcileDerived(threads: Int, progress: (@Sendable (UInt64) -> Void)?) async throws -> StoreVerification {
        try await mirror.reconcileDerived(threads: threads, progress: progress)
    }
    /// The mirror's.
    public func localSetting(_ name: String) async throws -> String? { try await mirror.localSetting(name) }
    /// The mirror's.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreSnapshot) throws -> T) async throws -> T { try await mirror.read(body) }
}
