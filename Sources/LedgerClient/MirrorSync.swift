import CanonicalJSON
import Foundation
import LedgerCore
import LedgerJournal
public import LedgerStore
import TransparencyLog

/// Keeps a local mirror of a service's ledger in step: the entries the mirror lacks, a page at a
/// time, with the service's checkpoints and cosignatures, each page appended as a store copy
/// appends (`LedgerWriting.appendSigned(_:checkpoints:)`): every entry must be the next of the
/// mirror's chain, in canonical form, signed by a key the journal registered and accepted by the
/// rules, and every checkpoint signed by the ledger's log key over the mirror's own root. So a
/// service can add to the mirror only what the ledger's keys signed, and never change what the
/// mirror holds; a command then reads the mirror as a local ledger.
public enum MirrorSync {
    /// Entries fetched and appended per page (one transaction of the mirror each).
    public static let entryPage: UInt64 = 1000

    /// What one sync did.
    public struct Outcome: Equatable, Sendable {
        /// Entries the mirror holds now.
        public let entryCount: UInt64
        /// Entries this sync added.
        public let added: UInt64
    }

    /// Brings `mirror` up to the service's latest checkpoint; `progress` gets a line per page.
    ///
    /// - Throws: ``RemoteError`` when the service cannot be reached or answers what it must not
    ///   (fewer entries than the mirror holds, lines that are not entries); the mirror's
    ///   `VerificationFailure`, `RuleViolation` or `StoreError` when an entry or checkpoint does
    ///   not check. A page that fails leaves the mirror as it was before that page.
    public static func sync(
        _ remote: RemoteLedger, into mirror: any LedgerWriting, progress: (@Sendable (String) -> Void)? = nil
    ) async throws -> Outcome {
        let latest = try checkpointText(try await remote.get("/checkpoint"), from: remote)
        let start = try await mirror.entryCount()
        guard latest.size >= start else {
            throw RemoteError(.badAnswer, "\(remote.location) signs \(latest.size) entries, fewer than the \(start) this mirror holds: it is not serving the ledger mirrored here, or its ledger was rewritten; keep this mirror and tell the fund")
        }
        var have = start
        var currency = try await mirror.settings()?.currency
        while have < latest.size {
            let end = min(have + entryPage, latest.size)
            let lines = try await remote.get("/v1/journal", query: "from=\(have)&to=\(end)")
            let entries = try parse(lines, from: have, count: end - have, currency: &currency, remote: remote)
            let checkpoints = try await self.checkpoints(remote, after: have, through: end)
            do {
                try await mirror.appendSigned(entries, checkpoints: checkpoints.map { StoredNote(size: $0.size, note: $0.note) })
                for checkpoint in checkpoints {
                    for line in checkpoint.cosignatures {
                        try await mirror.addCosignature(size: checkpoint.size, signature: try NoteSignature(line: line))
                    }
                }
            } catch let error as VerificationFailure {
                throw refusal(remote, have..<end, error)
            } catch let error as RuleViolation {
                throw refusal(remote, have..<end, error)
            } catch let error as NoteError {
                throw refusal(remote, have..<end, error)
            } catch let error as StoreError where error.kind == .input {
                // What the mirror's append refuses as a copy's bad input: a signature, a chain.
                throw refusal(remote, have..<end, error)
            }
            have = end
            progress?("mirrored \(have) of \(latest.size) entries")
        }
        guard let stored = try await mirror.storedNote(size: latest.size), try SignedNote.parse(stored.note).text == latest.text else {
            throw RemoteError(.badAnswer, "\(remote.location)'s checkpoint of \(latest.size) entries is not the one it served for the mirror; sync again, and tell the fund if it persists")
        }
        return Outcome(entryCount: have, added: have - start)
    }

    /// A page the mirror refused: the service served what the ledger's keys did not sign so.
    static func refusal(_ remote: RemoteLedger, _ range: Range<UInt64>, _ error: any Error) -> RemoteError {
        RemoteError(.badAnswer, "\(remote.location) served entries \(range.lowerBound)..<\(range.upperBound) that do not check (\(error)); the mirror keeps the \(range.lowerBound) entries it had. Tell the fund: its service holds a changed ledger")
    }

    /// The signed text and size of a checkpoint note.
    static func checkpointText(_ bytes: [UInt8], from remote: RemoteLedger) throws -> (text: String, size: UInt64) {
        do {
            let note = try SignedNote.parse(String(decoding: bytes, as: UTF8.self))
            let lines = note.text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count >= 3, let size = UInt64(lines[1]) else { throw RemoteError(.badAnswer, "no size") }
            return (note.text, size)
        } catch {
            throw RemoteError(.badAnswer, "\(remote.location)/checkpoint is not a checkpoint note (\(error))")
        }
    }

    /// Export lines `from` ..< `from + count` as signed entries; `currency` is the fund's (read
    /// from the genesis entry when the mirror is new).
    static func parse(_ bytes: [UInt8], from: UInt64, count: UInt64, currency: inout Currency?, remote: RemoteLedger) throws -> [SignedEntry] {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
        guard UInt64(lines.count) == count else {
            throw RemoteError(.badAnswer, "\(remote.location) sent \(lines.count) journal lines for entries \(from)..<\(from + count)")
        }
        return try lines.enumerated().map { offset, line in
            let seq = from + UInt64(offset)
            let raw: RawEntry
            let body: EntryBody
            do {
                raw = try RawEntry(exportLine: Array(line), lineNumber: seq + 1)
                body = try EntryBody(storedBytes: raw.bodyBytes, fundCurrency: currency)
            } catch {
                throw RemoteError(.badAnswer, "\(remote.location) sent a journal line for entry \(seq) that is not an entry: \(error)")
            }
            guard body.seq == seq else {
                throw RemoteError(.badAnswer, "\(remote.location) sent entry \(body.seq) where entry \(seq) belongs")
            }
            if currency == nil, body.kind == .genesis, case .string(let code)? = body.data["currency"] {
                currency = try Currency(code: code)
            }
            return SignedEntry(body: body, bodyBytes: raw.bodyBytes, signature: raw.signature)
        }
    }

    /// A checkpoint as the service serves it for a mirror.
    struct ServedCheckpoint {
        let size: UInt64
        let note: String
        let cosignatures: [String]
    }

    /// The service's checkpoints of size in `after` ... `through` (after excluded).
    static func checkpoints(_ remote: RemoteLedger, after: UInt64, through: UInt64) async throws -> [ServedCheckpoint] {
        var found: [ServedCheckpoint] = []
        var cursor = after
        while true {
            let bytes = try await remote.get("/v1/checkpoints", query: "after=\(cursor)&limit=4096")
            let page = try bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map { line -> ServedCheckpoint in
                let value = try JSONParser.parse(Array(line))
                guard case .object(let object) = value,
                    let size = object["size"]?.integerValue, size > 0, case .string(let note)? = object["note"],
                    case .array(let lines)? = object["cosignatures"]
                else { throw RemoteError(.badAnswer, "\(remote.location) sent a checkpoint line that is not {size, note, cosignatures}") }
                let cosignatures = try lines.map { value -> String in
                    guard case .string(let text) = value else { throw RemoteError(.badAnswer, "a cosignature is not a line of text") }
                    return text
                }
                return ServedCheckpoint(size: UInt64(size), note: note, cosignatures: cosignatures)
            }
            guard let last = page.last, last.size > cursor else { return found }
            found += page.filter { $0.size <= through }
            if last.size >= through { return found }
            cursor = last.size
        }
    }
}
