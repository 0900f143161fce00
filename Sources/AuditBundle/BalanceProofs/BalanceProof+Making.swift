import CanonicalJSON
public import LedgerCore
import LedgerCrypto
import LedgerJournal
public import LedgerStore

extension BalanceProof {
    /// The proof of `account`'s balance in `currency` by the latest `balances.seal` as of
    /// `asOf` in `store`, to the latest checkpoint, checked with the log's key before it is
    /// returned. The leaf and its path are read from the tree the seal entry kept in the derived
    /// state (`SealTiles`), so an entry recorded after the seal, even dated before it, changes
    /// nothing. Throws ``BalanceProofError`` `.noSeal` when no seal is as of that date or no
    /// checkpoint covers it.
    public static func make(
        _ store: any LedgerReading, account: AccountCode, currency: Currency, asOf: LedgerDate
    ) async throws -> BalanceProof {
        let proof = try await store.read { snapshot in
            try make(snapshot, account: account, currency: currency, asOf: asOf)
        }
        _ = try proof.check(vkey: try await store.logVerifierKey())
        return proof
    }

    static func make(_ snapshot: any StoreSnapshot, account: AccountCode, currency: Currency, asOf: LedgerDate) throws -> BalanceProof {
        let seals = try snapshot.entries(ofKinds: [.balancesSeal]).filter { $0.data["as_of"]?.stringValue == asOf.description }
        guard let sealBody = seals.max(by: { $0.seq < $1.seq }), let entry = try snapshot.entry(at: sealBody.seq) else {
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
        return BalanceProof(
            account: account, currency: currency, asOf: asOf, evidence: evidence, sealEntry: String(decoding: entry.exportLine(), as: UTF8.self),
            sealPath: try snapshot.inclusionProof(seq: sealBody.seq, size: note.size).path, checkpoint: note.note)
    }
}
