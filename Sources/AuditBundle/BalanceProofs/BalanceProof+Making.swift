import CanonicalJSON
public import LedgerCore
import LedgerCrypto
public import LedgerJournal
public import LedgerStore

extension BalanceProof {
    /// The proof of `account`'s balance in `currency` by the latest `balances.seal` as of
    /// `asOf` in `store`, to the latest checkpoint, checked with the log's key before it is
    /// returned. `kinds` are the kinds the ledger's rules define (for the rare seal whose
    /// balances later back-dated entries changed, recomputed from the journal). Throws
    /// ``BalanceProofError`` `.noSeal` when no seal is as of that date or no checkpoint covers it.
    public static func make(
        _ store: any LedgerReading, account: AccountCode, currency: Currency, asOf: LedgerDate, kinds: [EntryKind]
    ) async throws -> BalanceProof {
        let proof = try await store.read { snapshot in
            try make(snapshot, account: account, currency: currency, asOf: asOf, kinds: kinds)
        }
        _ = try proof.check(vkey: try await store.logVerifierKey())
        return proof
    }

    static func make(_ snapshot: any StoreSnapshot, account: AccountCode, currency: Currency, asOf: LedgerDate, kinds: [EntryKind]) throws -> BalanceProof {
        let seals = try snapshot.entries(ofKinds: [.balancesSeal]).filter { $0.data["as_of"]?.stringValue == asOf.description }
        guard let sealBody = seals.max(by: { $0.seq < $1.seq }), let entry = try snapshot.entry(at: sealBody.seq) else {
            throw BalanceProofError(.noSeal, "no balances seal is as of \(asOf): write one with vtf seal --as-of \(asOf)")
        }
        guard let note = try snapshot.storedNote(size: nil), note.size > sealBody.seq else {
            throw BalanceProofError(.noSeal, "no checkpoint covers the seal (entry \(sealBody.seq)) yet")
        }
        let seal = try balances(of: sealBody, in: snapshot, kinds: kinds)
        let evidence: Evidence
        if let index = seal.index(of: account, currency: currency) {
            evidence = .present(try proven(index, in: seal))
        } else {
            let position = seal.position(of: account, currency: currency)
            evidence = .absent(
                before: position > 0 ? try proven(position - 1, in: seal) : nil,
                after: position < seal.leaves.count ? try proven(position, in: seal) : nil)
        }
        return BalanceProof(
            account: account, currency: currency, asOf: asOf, evidence: evidence, sealEntry: String(decoding: entry.exportLine(), as: UTF8.self),
            sealPath: try snapshot.inclusionProof(seq: sealBody.seq, size: note.size).path, checkpoint: note.note)
    }

    static func proven(_ index: Int, in seal: BalanceSeal) throws -> ProvenLeaf {
        ProvenLeaf(index: UInt64(index), leaf: seal.leaves[index], path: try seal.tree.inclusionProof(leafIndex: UInt64(index)))
    }

    /// The balances `seal` committed to. Usually those of the ledger now, as of its date (read
    /// from the store's tables); when entries recorded after the seal were dated on or before
    /// it, recomputed from the entries before the seal. Either way they must give the seal's root.
    static func balances(of seal: EntryBody, in snapshot: any StoreSnapshot, kinds: [EntryKind]) throws -> BalanceSeal {
        let fields = try JSONFields(.object(seal.data), context: "entry \(seal.seq) data")
        let asOf = try fields.date("as_of")
        let root = try fields.string("root")
        let now = try snapshot.withRuleState { try BalanceSeal(asOf: asOf, state: $0) }
        if now.root.hex == root { return now }
        guard let settings = try snapshot.settings() else { throw BalanceProofError(.noSeal, "the ledger has no genesis entry") }
        var sums: [BalanceKey: BalanceTotals] = [:]
        for body in try snapshot.entries(ofKinds: kinds, from: settings.openingDate ?? asOf, through: asOf) where body.seq < seal.seq {
            for posting in body.postings {
                try sums[BalanceKey(account: posting.account, currency: posting.amount.currency), default: BalanceTotals()].add(posting)
            }
        }
        let then = BalanceSeal(asOf: asOf, lines: sums.map { key, totals in
            BalanceLine(
                account: key.account, amount: Amount(minorUnits: totals.amountMinor, currency: key.currency),
                value: Amount(minorUnits: totals.valueMinor, currency: settings.currency))
        })
        guard then.root.hex == root else {
            throw BalanceProofError(.failed, "seal \(seal.seq)'s root is not that of the balances before it: the store's tables differ from the journal (run vtf verify)")
        }
        return then
    }
}
