import CanonicalJSON
import LedgerCore
package import LedgerCrypto
package import LedgerJournal
package import TransparencyLog

// Store-independent pieces of what every store does with its rows: the comparison of derived
// tables with a replay, the checkpoint note, the export line, the log key of a genesis entry and
// the check of a cosignature row. SQLite and PostgreSQL read their rows their own way, then call
// these, so `vtf verify` and `vtf reconcile ledger` mean the same on both.

/// The derived tables a store holds (besides postings and Merkle nodes, which are compared a
/// batch at a time during the replay), as read from the store.
package struct DerivedTables {
    package var settings: LedgerSettings?
    package var keys: [KeyState]
    package var accounts: [AccountState]
    /// Sorted by account and currency.
    package var balances: [(BalanceKey, BalanceTotals)]
    /// Ordered by collection and id.
    package var records: [StateRecord]
    package var reversals: [UInt64: UInt64]

    package init(
        settings: LedgerSettings?, keys: [KeyState], accounts: [AccountState], balances: [(BalanceKey, BalanceTotals)],
        records: [StateRecord], reversals: [UInt64: UInt64]
    ) {
        self.settings = settings
        self.keys = keys
        self.accounts = accounts
        self.balances = balances
        self.records = records
        self.reversals = reversals
    }

    /// Where these tables differ from the state a replay of the journal produced, one sentence each.
    package func differences(from snapshot: LedgerSnapshot) -> [String] {
        var differences: [String] = []
        if settings != snapshot.settings {
            differences.append("ledger_settings table differs from the genesis entry")
        }
        let keyIDs = Set(keys.map(\.record.keyID))
        for key in keys where snapshot.keys[key.record.keyID] != key {
            differences.append("keys table: key \(key.record.keyID.prefix(16))… (\(key.record.name)) differs from the journal")
        }
        for id in snapshot.keys.keys.sorted() where !keyIDs.contains(id) {
            differences.append("keys table: key \(id.prefix(16))… is missing")
        }
        for account in accounts where snapshot.accounts[account.code] != account {
            differences.append("accounts table: account \(account.code) differs from the journal")
        }
        let codes = Set(accounts.map(\.code))
        for code in snapshot.accounts.keys.sorted() where !codes.contains(code) {
            differences.append("accounts table: account \(code) is missing")
        }
        differences += balanceDifferences(from: snapshot)
        differences += recordDifferences(from: snapshot)
        if reversals != snapshot.reversals {
            differences.append("reversals table differs from the journal's reversal entries")
        }
        return differences
    }

    private func balanceDifferences(from snapshot: LedgerSnapshot) -> [String] {
        var differences: [String] = []
        for (key, totals) in balances where snapshot.balances[key] != totals {
            let want = snapshot.balances[key] ?? BalanceTotals()
            differences.append(
                "balances table: \(key.account) \(key.currency) is \(Amount(minorUnits: totals.amountMinor, currency: key.currency).decimalString), the journal gives \(Amount(minorUnits: want.amountMinor, currency: key.currency).decimalString)")
        }
        let storedKeys = Set(balances.map(\.0))
        for key in snapshot.balances.keys.sorted() where !storedKeys.contains(key) {
            differences.append("balances table: the line for \(key.account) \(key.currency) is missing")
        }
        return differences
    }

    private func recordDifferences(from snapshot: LedgerSnapshot) -> [String] {
        var differences: [String] = []
        var seen: Set<String> = []
        for stored in records {
            seen.insert(stored.collection + "/" + stored.id)
            guard let replayed = snapshot.record(stored.collection, stored.id) else {
                differences.append("fund_records table: \(stored.collection) \(stored.id) is not in the journal")
                continue
            }
            if replayed.seq != stored.seq || replayed.canonicalFields != stored.canonicalFields {
                differences.append("fund_records table: \(stored.collection) \(stored.id) differs from the journal (entry \(replayed.seq))")
            }
        }
        for (collection, records) in snapshot.fundRecords.sorted(by: { $0.key < $1.key }) {
            for id in records.keys.sorted() where !seen.contains(collection + "/" + id) {
                differences.append("fund_records table: \(collection) \(id) is missing")
            }
        }
        return differences
    }

    /// The difference between a stored Merkle frontier and the replay's tree, if any.
    package static func treeDifferences(frontier: () throws -> MerkleFrontier, entryCount: UInt64, root: SHA256Digest) -> [String] {
        guard entryCount > 0 else { return [] }
        let stored: MerkleFrontier
        do { stored = try frontier() } catch {
            return ["tree_state table: \(error)"]
        }
        guard stored.size == entryCount, stored.root == root else {
            return ["tree_state table: the stored Merkle frontier (size \(stored.size)) does not match the journal (size \(entryCount))"]
        }
        return []
    }
}

/// The rows of the journal and the log as every store writes and reads them.
package enum JournalRows {
    /// The C2SP checkpoint note: `origin\nsize\nbase64(root)\n`, signed with key name = origin.
    package static func signedNote(origin: String, size: UInt64, root: SHA256Digest, logKey: Ed25519PrivateKey) throws -> String {
        let text = "\(origin)\n\(size)\n\(Base64.encode(root.bytes))\n"
        let signer = try NoteSigner(name: origin, key: logKey)
        return try SignedNote.sign(text: text, with: [signer]).serialized
    }

    /// The export line (DESIGN §3) of entry `seq`: its canonical JSON with its `sig`.
    package static func exportLine(seq: UInt64, body: [UInt8], signature: [UInt8]) throws -> [UInt8] {
        guard case .object(var object) = try JSONParser.parse(body) else {
            throw StoreError(.damaged, "entry \(seq) is not a JSON object; run vtf verify")
        }
        object["sig"] = .string(Base64.encode(signature))
        return try JSONCanonicalizer.canonicalBytes(.object(object))
    }

    /// The log key named by the genesis entry (its bytes), as a note verifier.
    package static func logVerifier(genesis bytes: [UInt8]) throws -> NoteVerifier {
        let genesis = try EntryBody(json: try JSONParser.parse(bytes), fundCurrency: nil)
        let accepted = try LedgerRules.core.check(genesis, against: LedgerSnapshot(lookup: { _ in nil }))
        for case .registerKey(let key) in accepted.effects where key.record.roles.contains(.log) {
            return try NoteVerifier(verifierKey: NoteVerifier.ed25519VerifierKey(name: genesis.ledger, publicKey: key.record.publicKey))
        }
        throw RuleViolation(.genesis, "the genesis entry names no log key")
    }

    /// What is wrong with one cosignature row, or nil when it is a valid cosignature by a
    /// registered auditor key (revoked later or not).
    package static func cosignatureProblem(
        line: String, name: String, keyID: String, checkpointText: String, size: UInt64, keys: [KeyState]
    ) -> String? {
        let signature: NoteSignature
        do { signature = try NoteSignature(line: line) } catch { return "its line is not a note signature line (\(error))" }
        guard signature.name == name, keyIDText(signature.keyID) == keyID else {
            return "its name or key_id column differs from its signature line"
        }
        do {
            _ = try Cosignature.checkAuditor(signature, checkpointText: checkpointText, size: size, keys: keys)
        } catch {
            return error.isForged ? error.description : nil
        }
        return nil
    }

    /// A note key id as stored in the cosignatures table: 8 hex digits.
    package static func keyIDText(_ keyID: UInt32) -> String {
        let hex = String(keyID, radix: 16)
        return String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }
}

/// Refs checked against the journal table itself: one query over its (kind, ref) columns
/// (``query``, the same SQL on SQLite and PostgreSQL) finds every entry whose ref an earlier
/// entry of the same kind used. Verification compares those columns with each entry's bytes, so
/// the answer is exact, and it costs no memory or query per entry.
package final class JournalRefIndex: RefIndex {
    /// The seqs of the entries whose ref an earlier entry of the same kind used.
    package static let query = """
        SELECT journal.seq FROM journal JOIN (
            SELECT kind, ref, MIN(seq) AS first FROM journal WHERE ref IS NOT NULL
            GROUP BY kind, ref HAVING COUNT(*) > 1) AS repeated
        ON journal.kind = repeated.kind AND journal.ref = repeated.ref AND journal.seq > repeated.first
        """

    private let repeated: Set<UInt64>

    /// The index over the seqs ``query`` returned.
    package init(repeated: Set<UInt64>) { self.repeated = repeated }

    package func contains(kind: EntryKind, ref: String, before seq: UInt64) -> Bool { repeated.contains(seq) }

    package func insert(kind: EntryKind, ref: String, seq: UInt64) {}
}
