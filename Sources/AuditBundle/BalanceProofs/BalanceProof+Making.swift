import CanonicalJSON
public import LedgerCore
import LedgerCrypto
import LedgerJournal
public import LedgerStore

extension BalanceProof {
    /// The proof of `account`'s balance in `currency` by the latest `balances.seal` as of
    /// `asOf` in `store` (or by the seal entry `seal`, which must be as of `asOf`), to the latest
    /// checkpoint, checked with the log's key before it is returned. The leaf and its path are
    /// read from the tree the seal entry kept in the derived state (`SealTiles`). Throws
    /// ``BalanceProofError`` `.noSeal` when no seal is as of that date, when no checkpoint covers
    /// it, or, unless `seal` names the seal, when the books' balance as of `asOf` is no longer the
    /// seal's (an entry dated on or before it was recorded after it).
    public static func make(
        _ store: any LedgerReading, account: AccountCode, currency: Currency, asOf: LedgerDate, seal: UInt64? = nil
    ) async throws -> BalanceProof {
        let proof = try await store.read { snapshot in
            try make(snapshot, account: account, currency: currency, asOf: asOf, seal: seal)
        }
        _ = try proof.check(vkey: try await store.logVerifierKey())
        return proof
    }

    static func make(
        _ snapshot: any StoreSnapshot, account: AccountCode, currency: Currency, asOf: LedgerDate, seal: UInt64? = nil
    ) throws -> BalanceProof {
        let seals = try snapshot.entries(ofKinds: [.balancesSeal]).filter { $0.data["as_of"]?.stringValue == asOf.description }
        let chosen = seal.map { seq in seals.first { $0.seq == seq } } ?? seals.max(by: { $0.seq < $1.seq })
        guard let sealBody = chosen, let entry = try snapshot.entry(at: sealBody.seq) else {
            if let seal {
                throw BalanceProofError(.noSeal, "entry \(seal) is not a balances seal as of \(asOf) (those as of that day: \(seals.map { String($0.seq) }.joined(separator: ", ")))")
            }
            throw BalanceProofError(.noSeal, "no balances seal is as of \(asOf): write one with vtf seal --as-of \(asOf)")
        }
        guard let note = try snapshot.storedNote(size: nil), note.size > sealBody.seq else {
            throw BalanceProofError(.noSeal, "no checkpoint covers the seal (entry \(sealBody.seq)) yet")
        }
        // The seal's tree as its entry kept it in the derived state: a few tiles read, nothing
        // computed again, whatever was recorded after the seal.
        guard let tiles = try SealTileReader(snapshot, seq: sealBody.seq) else {
            throw BalanceProofError(.failed, "seal \(sealBody.seq)'s tree is not in the ledger's tables (run vtf verify)")
        }
        let evidence = try tiles.evidence((account.rawValue, currency.code))
        if seal == nil { try checkCurrent(evidence, snapshot, account: account, currency: currency, asOf: asOf, seal: sealBody.seq) }
        return BalanceProof(
            account: account, currency: currency, asOf: asOf, evidence: evidence, sealEntry: String(decoding: entry.exportLine(), as: UTF8.self),
            sealPath: try snapshot.inclusionProof(seq: sealBody.seq, size: note.size).path, checkpoint: note.note)
    }

    /// The seal's balance is the books' balance as of its date now: an entry dated on or before it
    /// and recorded after the seal would make the proof true of the seal but not of the books,
    /// so the maker, which holds the journal, refuses it and names the seal to write.
    static func checkCurrent(
        _ evidence: Evidence, _ snapshot: any StoreSnapshot, account: AccountCode, currency: Currency, asOf: LedgerDate, seal: UInt64
    ) throws {
        // The account's lines from the postings index (its range only), not the whole trial balance.
        let lines = try snapshot.withRuleState { state in try state.balanceLines(under: account, asOf: asOf) }
        let books = lines.first { $0.account == account && $0.amount.currency == currency }
            .flatMap { $0.amount.isZero && $0.value.isZero ? nil : BalanceLeaf($0) }
        let sealed: BalanceLeaf? = if case .present(let proven) = evidence { proven.leaf } else { nil }
        guard books != sealed else { return }
        let now = books.map { "\($0.amount) \(currency.code) (value \($0.value))" } ?? "zero"
        let then = sealed.map { "\($0.amount) \(currency.code) (value \($0.value))" } ?? "zero"
        throw BalanceProofError(.noSeal, """
            the seal as of \(asOf) (entry \(seal)) holds \(account) at \(then), but the books now hold \(now) as of \(asOf): \
            an entry dated on or before \(asOf) was recorded after the seal; seal again (vtf seal --as-of \(asOf)), then prove, \
            or prove what that seal held with --seal \(seal)
            """)
    }
}
