import LedgerCore
import LedgerJournal
import LedgerStore
import TransparencyLog

/// The log's latest checkpoint as the site shows it: the signed note verbatim (with only the
/// cosignatures that verify with an auditor key the journal registered, as a donor statement
/// keeps them), its origin, size and root; the log's verifier key; and the latest checkpoints
/// an auditor cosigned.
struct SiteCheckpoint: Sendable {
    /// One checkpoint and the audits on it.
    struct Audited: Sendable {
        let size: UInt64
        let audits: [AuditorCosignature]
    }

    /// The log's name (the checkpoints' origin).
    let origin: String
    /// How many entries the latest checkpoint covers.
    let size: UInt64
    /// Its Merkle root, hex (the note carries it in base64).
    let rootHex: String
    /// The signed note, verbatim.
    let note: String
    /// The audits on it (often none: an auditor cosigns a checkpoint, and later writes add more).
    let audits: [AuditorCosignature]
    /// The log's public verifier key (`origin+hex8+base64`).
    let vkey: String
    /// The latest checkpoints an auditor cosigned, latest first (at most ``auditedMax``).
    let audited: [Audited]

    static let auditedMax = 5

    /// The latest checkpoint of `ledger`, `checked` in this run.
    init(_ ledger: any StoreSnapshot, checked: CheckedJournal) throws {
        guard let latest = try checked.note(ledger, size: checked.entryCount), try checked.isSigned(latest.note, ledger: ledger) else {
            throw SiteError("the ledger has no signed checkpoint of its \(checked.entryCount) entries: run vtf verify")
        }
        let checkpoint = try Checkpoint(noteText: try SignedNote.parse(latest.note.note).text)
        origin = checkpoint.origin
        size = checkpoint.size
        rootHex = checkpoint.rootHash.hex
        note = latest.note.note
        audits = latest.audits
        vkey = checked.logVerifierKey
        audited = try Self.audited(ledger, checked: checked)
    }

    /// The latest cosigned checkpoints signed over the checked tree with at least one audit.
    static func audited(_ ledger: any StoreSnapshot, checked: CheckedJournal) throws -> [Audited] {
        var sizes: [UInt64] = []
        var from: UInt64 = 1
        while from <= checked.entryCount {
            let page = try ledger.cosignedSizes(from: from, through: checked.entryCount, limit: 256)
            guard let last = page.last else { break }
            sizes += page
            from = last + 1
        }
        var found: [Audited] = []
        for size in sizes.reversed() where found.count < auditedMax {
            guard let (note, audits) = try checked.note(ledger, size: size), !audits.isEmpty, try checked.isSigned(note, ledger: ledger) else { continue }
            found.append(Audited(size: size, audits: audits))
        }
        return found
    }
}
