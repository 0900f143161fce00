import LedgerJournal
import TrustFundRules
import TransparencyLog

/// The bundle's cosignature lines, checked like everything else: each checkpoint note carrying
/// more than the log's signature is kept while the verifier streams the notes, and once the
/// journal is replayed every cosignature line on it must verify with a key the journal
/// registered as auditor. A line added to a note by hand (no key, or a key the ledger never
/// registered) fails the bundle, naming the file.
final class BundleCosignatures {
    private var cosigned: [(size: UInt64, note: String)] = []

    /// Keeps `note` if it has a signature line besides the log's.
    func collect(size: UInt64, note: String) {
        var lines = 0
        for line in note.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix("\u{2014} ") {
            lines += 1
        }
        if lines > 1 { cosigned.append((size, note)) }
    }

    /// Checks every kept note's cosignature lines against the journal's `keys`.
    /// - Throws: ``BundleFailure`` naming the checkpoint file and the line.
    func check(keys: [KeyState], logName: String) throws {
        for (size, note) in cosigned {
            let file = BundleLayout.checkpointPath(size: size)
            let signed: SignedNote
            do { signed = try SignedNote.parse(note) } catch { throw BundleFailure(file, "is not a signed note: \(error)") }
            for signature in signed.signatures where signature.name != logName {
                do {
                    _ = try Cosignature.checkAuditor(signature, checkpointText: signed.text, size: size, keys: keys)
                } catch where error.isForged {
                    throw BundleFailure(file, "\(error)")
                } catch {
                    continue  // a valid cosignature by an auditor key revoked later: not forged
                }
            }
        }
    }

    /// How many checkpoints carry cosignatures.
    var count: Int { cosigned.count }
}
