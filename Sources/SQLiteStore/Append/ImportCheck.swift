import GRDB
import LedgerCore
import LedgerJournal
import LedgerStore

extension LedgerFile {
    /// Checks every draft of `source` in a read snapshot (no write lock), keeping their effects
    /// in memory; returns the tip the drafts were checked against.
    func checkImport(_ source: any DraftSource, keys: WriteKeys) throws -> ImportSnapshot {
        var source = source
        return try read { db in
            let state = try StoreState(db, dryRun: true)
            guard let settings = state.settings else { throw StoreError(.noGenesis, "the ledger has no genesis entry") }
            let start = try Tip.read(db)
            var tip = start
            let signer = keys.author.publicKey.keyID
            let time = RecordingTime.now()
            while let (draft, origin) = try source.next() {
                do {
                    let body = try rules.completing(
                        draft.body(ledger: settings.origin, seq: tip.size, prev: tip.hash, time: "", signer: signer), against: state)
                    let accepted = try rules.check(body, against: state)
                    try Self.readBack(body, settings: settings, time: time)
                    try state.apply(body, effects: accepted.effects)
                } catch let violation as RuleViolation {
                    throw violation.with(message: "\(origin): \(JournalVerifier.strip(violation.message, seq: tip.size)) (nothing was recorded)")
                }
                tip = Tip(size: tip.size + 1, hash: tip.hash)
            }
            return ImportSnapshot(tip: start, count: tip.size - start.size)
        }
    }
}
