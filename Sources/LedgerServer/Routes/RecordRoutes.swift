import CanonicalJSON
import Foundation
import HTTPMessageSignatures
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import TransparencyLog

/// Recording through the service (`POST /v1/entries`): a person's `vtf` drafts and signs an
/// entry on their own machine, against its mirror of the ledger, and submits it; the service
/// checks it again (the next seq and prev, canonical bytes, a registered key's signature, the
/// rules: `LedgerWriting.appendSigned`), signs the new checkpoint with the log key it alone
/// holds, and commits. When another entry came first, it answers 409 and changes nothing; the
/// person's `vtf` drafts again.
struct RecordRoutes {
    let service: LedgerService

    /// The most bytes one submission may hold (1,000 entries of a few KiB).
    static let maxBody = 8 << 20
    /// The most entries one submission may hold.
    static let maxEntries = 1000

    /// The header a submission names its turn in.
    static let turnHeader = HTTPField.Name("Vtf-Turn")!

    func add(to router: Router<BasicRequestContext>) {
        router.post("v1/turn") { request, _ in try await turn(request) }
        router.post("v1/turn/end") { request, _ in try await endTurn(request) }
        router.post("v1/entries") { request, _ in try await submit(request) }
        router.post("v1/cosignatures") { request, _ in try await cosign(request) }
    }

    /// An auditor's cosignature on a stored checkpoint (`{"size": N, "cosignature": LINE}`),
    /// made on the auditor's machine with their own key: stored when the request's signer is a
    /// registered auditor key in force and the line is that key's valid cosignature of the
    /// checkpoint of `size`.
    private func cosign(_ request: Request) async throws -> Response {
        let (_, writer) = try recording()
        let (body, signer) = try await signedBody(request, upTo: 16 << 10, "a cosignature, a small JSON object,")
        guard signer.record.roles.contains(.auditor) else {
            throw ServiceRefusal(.forbidden, "only a key registered with role auditor cosigns checkpoints")
        }
        let value = try? JSONParser.parse(body)
        guard case .object(let object)? = value, let size = object["size"]?.integerValue, size > 0,
            case .string(let line)? = object["cosignature"], let signature = try? NoteSignature(line: line)
        else {
            throw ServiceRefusal(.badRequest, "send {\"size\": N, \"cosignature\": \"— NAME BASE64\"}")
        }
        guard let parts = try await service.storeCall({ try await service.store.read { try $0.checkpointParts(size: UInt64(size)) } }) else {
            throw ServiceRefusal(.notFound, "there is no checkpoint of size \(size)")
        }
        let text = try SignedNote.parse(parts.note).text
        do {
            _ = try Cosignature.checkAuditor(signature, checkpointText: text, size: UInt64(size), keys: [signer])
        } catch {
            throw ServiceRefusal(.badRequest, "\(error)")
        }
        do {
            try await writer.addCosignature(size: UInt64(size), signature: signature)
        } catch let violation as RuleViolation {
            throw ServiceRefusal(.conflict, violation.message)
        }
        service.logger.info("cosigned", metadata: ["size": "\(size)", "by": "\(signer.record.holder)"])
        return Response.text("cosigned \(size)\n", status: .created)
    }

    /// A turn to record: the token, once it is this client's turn (``RecordingTurns``).
    private func turn(_ request: Request) async throws -> Response {
        _ = try recording()
        let (_, signer) = try await signedBody(request, upTo: 1024, "a request for a turn")
        try Self.checkRecords(signer)
        let now = service.now()
        guard await service.turns.firstUse(of: request.headers[.init("Signature")!] ?? "", until: now + Self.signatureLifetime, now: now) else {
            throw ServiceRefusal(.conflict, "this signed request for a turn was served already: a request for a turn is used once; sign a new one")
        }
        return Response.text(try await takeTurn(for: signer) + "\n")
    }

    /// How long a signature stays valid, and a served request for a turn is remembered (seconds):
    /// the verifier's age limit plus its clock skew.
    static let signatureLifetime = 360

    /// Refuses a key that records no entries (an auditor's, a donor's).
    static func checkRecords(_ signer: KeyState) throws(ServiceRefusal) {
        guard signer.record.roles.contains(where: recordingRoles.contains) else {
            throw ServiceRefusal(.forbidden, "a turn to record is for a key that records entries (\(recordingRoles.map(\.rawValue).sorted().joined(separator: ", "))); \(signer.record.holder)'s key does not")
        }
    }

    /// The roles whose keys sign journal entries, and so may take a turn to record.
    static let recordingRoles: Set<Role> = [.admin, .fundManager, .certifyingOfficer, .approvingOfficer]

    /// A turn for `signer`'s key, once it comes; refused when the line is full or the wait too
    /// long, and when the key holds the turn or waits already (one place per key).
    private func takeTurn(for signer: KeyState) async throws(ServiceRefusal) -> String {
        switch await service.turns.take(for: signer.record.keyID) {
        case .success(let token): return token
        case .failure(.busy): throw ServiceRefusal(.storeFailed, "too many are recording at once; try again in a moment")
        case .failure(.alreadyQueued):
            throw ServiceRefusal(.conflict, """
                \(signer.record.holder)'s key holds the turn to record or waits for it already (one place per key): submit with \
                the turn's token in the Vtf-Turn header, or give it back (POST /v1/turn/end), then ask again
                """)
        }
    }

    /// Gives back a turn its client will not use (its draft was refused on its own machine).
    private func endTurn(_ request: Request) async throws -> Response {
        let (body, signer) = try await signedBody(request, upTo: 1024, "a turn's token")
        try Self.checkRecords(signer)
        // Only the key the turn was given to gives it back.
        await service.turns.end(String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), by: signer.record.keyID)
        return Response.text("ended\n")
    }

    private func submit(_ request: Request) async throws -> Response {
        let (logKey, writer) = try recording()
        let (body, signer) = try await signedBody(request, upTo: Self.maxBody, "a submission of journal lines")
        guard let settings = try await service.storeCall({ try await service.store.settings() }) else {
            throw ServiceRefusal(.notFound, "the ledger has no genesis entry")
        }
        try Self.checkRecords(signer)
        let entries = try Self.entries(body, signer: signer.record.keyID, currency: settings.currency)
        try Self.checkTimes(entries, now: service.now())
        let token: String
        if let given = request.headers[Self.turnHeader] {
            guard await service.turns.holds(given, key: signer.record.keyID) else {
                throw ServiceRefusal(.conflict, "your turn to record has passed (\(RecordingTurns.duration) each); draft again")
            }
            token = given
        } else {
            token = try await takeTurn(for: signer)
        }
        defer { Task { await service.turns.end(token) } }
        do {
            let size = try await service.storeCall { try await service.store.entryCount() }
            guard entries[0].body.seq <= size else {
                // Nothing came first: the entry was drafted against a journal this one never had.
                throw ServiceRefusal(.badRequest, "the entry given is seq \(entries[0].body.seq), ahead of the ledger, which holds \(size) entries: draft it against this ledger's journal (its next seq is \(size))")
            }
            guard entries[0].body.seq == size else {
                throw ServiceRefusal(.conflict, "the ledger holds \(size) entries now, the entry given is seq \(entries[0].body.seq): another entry came first; draft again")
            }
            var frontier = try await self.frontier(size: size)
            for entry in entries { frontier.append(leafHash: entry.leafHash) }
            let note = try JournalRows.signedNote(origin: settings.origin, size: frontier.size, root: frontier.root, logKey: logKey)
            do {
                try await writer.appendSigned(entries, checkpoints: [StoredNote(size: frontier.size, note: note)])
            } catch {
                if let now = try? await service.store.entryCount(), now != size {
                    throw ServiceRefusal(.conflict, "another entry came first; draft again")
                }
                throw Self.refusal(error)
            }
            service.logger.info("recorded", metadata: ["seq": "\(entries[0].body.seq)", "count": "\(entries.count)", "signer": "\(signer.record.holder)"])
            await service.checkpointRecorded?()
            return Response.text(note, contentType: "text/plain; charset=utf-8", status: .created)
        }
    }

    /// The log key and the writer of a service that records; refused for one that only reads.
    private func recording() throws(ServiceRefusal) -> (Ed25519PrivateKey, any LedgerWriting) {
        guard let logKey = service.logKey, let writer = service.writer else {
            throw ServiceRefusal(.readOnly, "this service records nothing: it was started without the ledger's log key (vtf serve --log-key FILE)")
        }
        return (logKey, writer)
    }

    /// The body of `request` (at most `limit` bytes, else refused naming `what`) and the key
    /// that signed both.
    /// The body of `request` (at most `limit` bytes) and the key that signed both. The signature
    /// is checked first, on the headers (it covers `content-digest`), and a `Content-Length`
    /// over the limit is refused there too: no body is read for a request a registered key did
    /// not sign (an outside trial held 150 unsigned 8 MiB uploads open: over 1 GB of memory).
    private func signedBody(_ request: Request, upTo limit: Int, _ what: String) async throws -> (body: [UInt8], signer: KeyState) {
        let tooLarge = ServiceRefusal(.badRequest, "\(what) holds at most \(limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes")")
        let signer = try await service.requireBodySigner(request)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        let body = try await Self.collect(request, upTo: limit, orRefuse: tooLarge)
        try service.access.checkBody(of: request, body)
        return (body, signer)
    }

    /// How long a body may take to arrive once its headers are in.
    static let bodyDeadline: Duration = .seconds(30)

    /// The body of `request`, at most `limit` bytes (else `tooLarge`), read within
    /// ``bodyDeadline``: an outside trial sent a signed request's body a byte every 20 s on 520
    /// connections, and recording stopped (SIGTERM, waiting for them, did not end the service).
    static func collect(_ request: Request, upTo limit: Int, orRefuse tooLarge: ServiceRefusal) async throws -> [UInt8] {
        let reading = Task {
            var request = request
            return Array(try await request.collectBody(upTo: limit).readableBytesView)
        }
        let deadline = Task {
            try await Task.sleep(for: bodyDeadline)
            reading.cancel()
        }
        defer { deadline.cancel() }
        do {
            let body = try await reading.value
            guard !reading.isCancelled else { throw CancellationError() }
            return body
        } catch is CancellationError where !Task.isCancelled {
            throw ServiceRefusal(.badRequest, "the body did not arrive within \(bodyDeadline); send it at once")
        } catch let refusal as ServiceRefusal {
            throw refusal
        } catch {
            if reading.isCancelled { throw ServiceRefusal(.badRequest, "the body did not arrive within \(bodyDeadline); send it at once") }
            throw tooLarge
        }
    }

    /// The journal lines of `body` as signed entries, each signed by `signer`.
    static func entries(_ body: [UInt8], signer: String, currency: Currency) throws -> [SignedEntry] {
        let lines = body.split(separator: 0x0A, omittingEmptySubsequences: true)
        guard !lines.isEmpty, lines.count <= maxEntries else {
            throw ServiceRefusal(.badRequest, "send 1 to \(maxEntries) journal lines (as vtf journal export writes them)")
        }
        return try lines.enumerated().map { index, line in
            let entry: SignedEntry
            do {
                let raw = try RawEntry(exportLine: Array(line), lineNumber: UInt64(index + 1))
                entry = SignedEntry(body: try EntryBody(storedBytes: raw.bodyBytes, fundCurrency: currency), bodyBytes: raw.bodyBytes, signature: raw.signature)
            } catch {
                throw ServiceRefusal(.badRequest, "line \(index + 1) is not a journal line: \(error)")
            }
            guard entry.body.signer == signer else {
                throw ServiceRefusal(.badRequest, "line \(index + 1) is signed by key \(entry.body.signer), the request by \(signer): submit your own entries")
            }
            return entry
        }
    }

    /// Each entry's recording time within five minutes of the service's clock.
    static func checkTimes(_ entries: [SignedEntry], now: Int) throws(ServiceRefusal) {
        for entry in entries {
            guard let time = RecordingTime.seconds(entry.body.time), abs(time - now) <= 300 else {
                throw ServiceRefusal(.badRequest, "entry \(entry.body.seq) is recorded at \(entry.body.time), more than five minutes from the service's clock: check this machine's clock, then record again")
            }
        }
    }

    /// The frontier of the tree of `size` leaves: the roots of its complete subtrees, largest first.
    private func frontier(size: UInt64) async throws -> MerkleFrontier {
        try await service.storeCall {
            try await service.store.read { snapshot in
                var hashes: [SHA256Digest] = []
                var start: UInt64 = 0
                for level in stride(from: 63, through: 0, by: -1) where size >> UInt64(level) & 1 == 1 {
                    let index = start >> UInt64(level)
                    hashes += try snapshot.treeHashes(level: level, index..<(index + 1))
                    start += 1 << UInt64(level)
                }
                return try MerkleFrontier(size: size, hashes: hashes)
            }
        }
    }

    /// What the store refused, as the service's refusal.
    static func refusal(_ error: any Error) -> ServiceRefusal {
        switch error {
        case let violation as RuleViolation: ServiceRefusal(.ruleRefused, violation.message)
        case let failure as VerificationFailure: ServiceRefusal(.badRequest, "\(failure)")
        case let store as StoreError where store.kind == .input: ServiceRefusal(.badRequest, store.message)
        case let refusal as ServiceRefusal: refusal
        default: ServiceRefusal(.storeFailed, "the ledger could not record it: \(error)")
        }
    }
}
