import CanonicalJSON
import Foundation
import LedgerClient
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import TrustFund
import TrustFundRules

// The write path of the commands on the store seam: the keys a write needs, recording an entry,
// and what a fund command shares. Everything here sees the ledger as `any LedgerReading` /
// `any LedgerWriting` only, whichever store holds it (`StoreLocation`).

extension GlobalOptions {
    /// The author's key plus the ledger's log key ($VTF_LOG_KEY, else the path `vtf init` recorded
    /// in the store's local settings).
    func writeKeys(for store: any LedgerReading) async throws -> WriteKeys {
        let author = try authorKey()
        // Through a service, the service signs the checkpoint with the log key it alone holds:
        // no log key is read here, and the one WriteKeys carries is never used.
        if store is ServiceLedger { return WriteKeys(author: author, log: author) }
        return WriteKeys(author: author, log: try await Self.logKey(for: store))
    }

    /// The ledger's log key: $VTF_LOG_KEY, else the path `vtf init` recorded.
    static func logKey(for store: any LedgerReading) async throws -> Ed25519PrivateKey {
        let recorded: String? = if let given = environment["VTF_LOG_KEY"] { given } else { try await store.localSetting(LocalSettings.logKeyPath) }
        guard let path = recorded else {
            throw InputError("this ledger does not know where its log key is; set VTF_LOG_KEY to its path")
        }
        do {
            return try readPrivateKey(at: path, passphraseVariable: "VTF_LOG_KEY_PASSPHRASE")
        } catch let error as InputError where environment["VTF_LOG_KEY"] == nil {
            // A copied ledger still names the log key vtf init was given, perhaps in another folder.
            throw InputError("\(error.message) (the log key's path as vtf init recorded it; set VTF_LOG_KEY to where the log key is now)")
        }
    }

    /// Signs `draft` with your key and appends it (checkpoint signed by the log key); in JSON
    /// mode prints the entry as written.
    @discardableResult
    func record(_ draft: EntryDraft, in store: any LedgerWriting) async throws -> SignedEntry {
        let entries = try await record([draft], in: store)
        guard let entry = entries.first else { preconditionFailure("one draft appends one entry") }
        return entry
    }

    /// Signs `drafts` with your key and appends them in one write: all, or none. On a fund set
    /// up with `--seal monthly`, the month ends the drafts move past are sealed first, in the
    /// same write, when your key may seal (a fund manager's or an approving officer's).
    @discardableResult
    func record(_ drafts: [EntryDraft], in store: any LedgerWriting) async throws -> [SignedEntry] {
        let keys = try await writeKeys(for: store)
        let seals = try await Self.monthlySeals(before: drafts, in: store, author: keys.author.publicKey.keyID)
        let written = try await store.append(seals + drafts, keys: keys, origin: nil)
        let entries = Array(written.suffix(drafts.count))
        for seal in written.prefix(seals.count) {
            Terminal.note("sealed the balances as of \(seal.body.data["as_of"]?.stringValue ?? "?") (entry \(seal.body.seq)): this fund seals every month end")
        }
        JSONOutput.wrote(entries)
        return entries
    }

    /// The seals of the month ends `drafts` move past, on a fund set up with `--seal monthly`
    /// (``MonthlySeals``); none when the author's key may not seal.
    static func monthlySeals(before drafts: [EntryDraft], in store: any LedgerReading, author: String) async throws -> [EntryDraft] {
        guard let latest = drafts.map(\.date).max(), let setup = try await store.fundRecord("fund", "setup"),
            setup.fields["seal"]?.stringValue == "monthly", let opening = try await store.settings()?.openingDate
        else { return [] }
        let roles = try await store.keys().first { $0.record.keyID == author && $0.revokedSeq == nil }?.record.roles ?? []
        guard !Set(roles).isDisjoint(with: EntryKind.balancesSeal.coreRoles ?? []) else { return [] }
        let sealed = Set(try await store.entries(ofKinds: [.balancesSeal]).compactMap { body in
            body.data["as_of"]?.stringValue.flatMap { try? LedgerDate(parsing: $0) }
        })
        return MonthlySeals.due(opening: opening, latest: latest, sealed: sealed).map { end in
            .balancesSeal(asOf: end, date: end, memo: "Month end \(end)")
        }
    }

    /// Records `draft` and prints `summary` with the entry and its postings.
    @discardableResult
    func recordFund(_ draft: EntryDraft, in store: any LedgerWriting, settings: LedgerSettings, _ summary: String) async throws -> SignedEntry {
        let entry = try await record(draft, in: store)
        FundOutput.recorded(entry, summary, settings: settings)
        return entry
    }

    /// Records a controlled action's request and says who must act next.
    @discardableResult
    func recordRequest(_ draft: EntryDraft, in store: any LedgerWriting, settings: LedgerSettings, _ what: String) async throws -> SignedEntry {
        let entry = try await record(draft, in: store)
        let ref = entry.body.ref ?? "?"
        let action = entry.body.data["action"]?.stringValue ?? ""
        let controlled = try await FundSettings.alwaysControlled.contains(action) ? true : StoreRecords.isControlled(action, in: store)
        print("""
            requested \(what)
              REF \(ref)  (entry \(entry.body.seq), dated \(entry.body.date))
            """)
        Terminal.note("""
            next: \(controlled ? "a certifying officer runs  vtf certify \(ref)\n      then an approving officer (another person) runs  vtf approve \(ref)" : "an approving officer runs  vtf approve \(ref)")
            nothing is posted until it is approved; vtf pending lists what waits
            """)
        return entry
    }
}

extension LedgerLocating {
    /// Opens the ledger to write and checks it is a fund ledger (made with --template).
    func openWritingFund() async throws -> (any LedgerWriting, LedgerSettings) {
        let store = try await openWriting()
        return (store, try await checkFund(store))
    }

    /// Opens the ledger to read only and checks it is a fund ledger (made with --template).
    func openReadingFund() async throws -> (any LedgerReading, LedgerSettings) {
        let store = try await openReading()
        return (store, try await checkFund(store))
    }

    /// The ledger's settings, when it is a fund ledger.
    private func checkFund(_ store: any LedgerReading) async throws -> LedgerSettings {
        guard let settings = try await store.settings() else { throw InputError("the ledger has no genesis entry") }
        guard try await store.fundRecord("fund", "setup") != nil else {
            throw InputError("\(try ledgerPath()) is not a fund ledger (it was created without --template unvtf, which cannot be added later): create a fund ledger in a new file with vtf init --ledger NEW.ledger --template unvtf …")
        }
        return settings
    }
}

/// The fund's records read through the seam, as typed values.
enum StoreRecords {
    /// Whether `action` needs two-person approval on this ledger (its fund.setup policy).
    static func isControlled(_ action: String, in store: any LedgerReading) async throws -> Bool {
        try await store.fundRecord("fund", "setup")?.fields["two_person"]?.arrayValue?.contains(.string(action)) ?? false
    }

    /// Every approval request, by ref.
    static func requests(in store: any LedgerReading) async throws -> [RequestRecord] {
        try await store.fundRecords(RequestRecord.collection).map { try RequestRecord($0) }
    }

    /// The request `ref`; nil when there is none.
    static func request(_ ref: String, in store: any LedgerReading) async throws -> RequestRecord? {
        try await store.fundRecord(RequestRecord.collection, ref).map { try RequestRecord($0) }
    }

    /// The agreement `ref`; nil when there is none.
    static func agreement(_ ref: String, in store: any LedgerReading) async throws -> AgreementRecord? {
        try await store.fundRecord(AgreementRecord.collection, ref).map { try AgreementRecord($0) }
    }

    /// Every grant, by id.
    static func grants(in store: any LedgerReading) async throws -> [GrantRecord] {
        try await store.fundRecords(GrantRecord.collection).map { try GrantRecord($0) }
    }

    /// The grant `id`; nil when there is none.
    static func grant(_ id: String, in store: any LedgerReading) async throws -> GrantRecord? {
        try await store.fundRecord(GrantRecord.collection, id).map { try GrantRecord($0) }
    }

}

/// Finds a key by its id or a unique prefix of at least 8 hex digits, through the seam.
func resolveKey(_ text: String, in store: any LedgerReading) async throws -> KeyState {
    let prefix = text.lowercased()
    guard prefix.count >= 8, prefix.allSatisfy(\.isHexDigit) else {
        throw InputError("key id \"\(text)\": give the key id, or at least its first 8 hex digits (see vtf key list)")
    }
    let matches = try await store.keys().filter { $0.record.keyID.hasPrefix(prefix) }
    guard matches.count == 1, let key = matches.first else {
        throw InputError(matches.isEmpty ? "no key \(text) in this ledger (see vtf key list)" : "key id prefix \(text) is ambiguous; give more digits")
    }
    return key
}

extension StoreRecords {
    /// The currency of agreement `ref`, or a clear error when it is not recorded.
    static func agreementCurrency(_ ref: String, in store: any LedgerReading) async throws -> String {
        guard let code = try await agreement(ref, in: store)?.currency.code else {
            throw InputError("agreement \(ref) is not recorded (vtf agreement list shows them)")
        }
        return code
    }
}
