import LedgerJournal
import TrustFundRules
import TransparencyLog

/// A journal held in memory, for the tests that replace an entry by a forged one (re-signed, so
/// every signature is valid) and check that `JournalVerifier` catches it at that entry.
final class Entries: JournalReader {
    let entries: [RawEntry]
    init(_ entries: [RawEntry]) { self.entries = entries }
    func readEntries(from start: UInt64, limit: Int) -> [RawEntry] {
        guard start < UInt64(entries.count) else { return [] }
        return Array(entries[Int(start)..<min(entries.count, Int(start) + limit)])
    }
    func readEntry(at seq: UInt64) -> RawEntry? { seq < UInt64(entries.count) ? entries[Int(seq)] : nil }
}
