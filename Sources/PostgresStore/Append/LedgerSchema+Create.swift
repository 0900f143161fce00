import LedgerJournal
import LedgerStore

extension LedgerSchema {
    /// Writes a new ledger into this (migrated, empty) schema: the genesis entry, then `more`,
    /// and the local settings, in one transaction under the ledger's lock: all of it, or
    /// nothing. Refuses a schema that holds a ledger already (`StoreError.Code.exists`).
    func createLedger(
        origin: String, genesis: EntryDraft, then more: [EntryDraft], keys: WriteKeys, localSettings: [String: String]
    ) throws {
        precondition(genesis.kind == .genesis, "a ledger starts with its genesis entry")
        try writeTransaction {
            guard try tip().size == 0 else {
                throw StoreError(.exists, "\(session.settings) already holds a ledger; a new ledger needs a new schema (?schema=NAME)")
            }
            let state = try PostgresStoreState(self)
            var position = try AppendPosition(self)
            _ = try appendBatch([genesis] + more, keys: keys, origin: origin, state: state, position: &position)
            for (name, value) in localSettings.sorted(by: { $0.key < $1.key }) {
                try session.execute("INSERT INTO local_config (name, value) VALUES ($1, $2)", [.text(name), .text(value)])
            }
        }
    }
}
