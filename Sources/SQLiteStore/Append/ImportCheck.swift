import GRDB
import LedgerCore
import LedgerJournal
import LedgerStore

/// A draft the import's check completed and accepted: its body (without recording time, and
/// with the prev of the tip the check started from) and the effects the rules gave it.
struct CheckedDraft {
    let body: EntryBody
    let effects: [LedgerEffect]
    let origin: String
}

extension LedgerFile {
    /// How many checked drafts an import keeps for its commit (a few hundred bytes each);
    /// beyond that the commit reads the input again and checks it again, so memory stays bounded.
    static let checkedDraftsKept = 250_000

    /// Checks every draft of `source` in a read snapshot (no write lock), keeping their effects
    /// in memory; returns the tip the drafts were checked against and, unless the import is too
    /// long or holds kinds whose rules read the recording time, the checked drafts, so that the
    /// commit parses and checks nothing again while that tip is still the ledger's.
    func checkImport(_ source: any DraftSource, keys: WriteKeys, keep: Int = LedgerFile.checkedDraftsKept) throws -> ImportSnapshot {
        var source = source
        return try read { db in
            let state = try StoreState(db, dryRun: true)
            guard let settings = state.settings else { throw StoreError(.noGenesis, "the ledger has no genesis entry") }
            let start = try Tip.read(db)
            var tip = start
            let signer = keys.author.publicKey.keyID
            // The time now: the commit's is as late or later, and checks the date against it again.
            let time = RecordingTime.now()
            var checked: [CheckedDraft]? = []
            while let (draft, origin) = try source.next() {
                do {
                    let body = try rules.drafting(
                        draft, ledger: settings.origin, seq: tip.size, prev: tip.hash, time: time, signer: signer, against: state)
                    let accepted = try rules.check(body, against: state)
                    precondition(accepted.signerKey == keys.author.publicKey, "the rules resolve the signer by its key id")
                    try state.apply(body, effects: accepted.effects)
                    // Only vouchers are kept: of the two members the commit fills in, their rules
                    // read prev not at all and the time only for the date's limit, which the
                    // commit checks again (a year's close reads the time).
                    if checked != nil, body.kind == .voucher, checked!.count < keep {
                        checked!.append(CheckedDraft(body: body, effects: accepted.effects, origin: origin))
                    } else {
                        checked = nil
                    }
                } catch let violation as RuleViolation {
                    throw violation.with(message: "\(origin): \(JournalVerifier.strip(violation.message, seq: tip.size)) (nothing was recorded)")
                }
                tip = Tip(size: tip.size + 1, hash: tip.hash)
            }
            return ImportSnapshot(tip: start, count: tip.size - start.size, checked: checked)
        }
    }
}
