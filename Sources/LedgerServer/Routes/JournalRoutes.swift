import CanonicalJSON
import Hummingbird
import LedgerStore

/// What registered keys read: the journal as `vtf journal export` writes it, and proofs as
/// `vtf prove` prints them.
struct JournalRoutes {
    let service: LedgerService

    func add(to router: Router<BasicRequestContext>) {
        router.get("v1/journal") { request, _ in try await journal(request) }
        router.get("v1/checkpoints") { request, _ in try await checkpoints(request) }
        router.get("v1/proof/inclusion") { request, _ in try await inclusion(request) }
        router.get("v1/proof/consistency") { request, _ in try await consistency(request) }
    }

    /// Entries `from` ..< `to` (default: to the end, at most ``LedgerService/journalPageLimit``).
    private func journal(_ request: Request) async throws -> Response {
        _ = try await service.requireSigner(request)
        let count = try await service.storeCall { try await service.store.entryCount() }
        let from = try Self.natural(request, "from") ?? 0
        let to = try Self.natural(request, "to") ?? min(count, from &+ LedgerService.journalPageLimit)
        guard from <= to, to <= count else {
            throw ServiceRefusal(.badRequest, "from=\(from)&to=\(to) is not a range of the journal's \(count) entries (0 ≤ from ≤ to ≤ \(count))")
        }
        guard to - from <= LedgerService.journalPageLimit else {
            throw ServiceRefusal(.badRequest, "at most \(LedgerService.journalPageLimit) entries per request: ask for from=\(from)&to=\(from + LedgerService.journalPageLimit), then the next page")
        }
        let lines = try await service.storeCall { try await service.store.exportLines(from..<to) }
        var bytes: [UInt8] = []
        for line in lines { bytes += line + [0x0A] }
        return Response.bytes(bytes, contentType: "application/jsonl; charset=utf-8")
    }

    /// The stored checkpoints of size greater than `after` (default 0), at most `limit` (at most
    /// ``LedgerService/checkpointPageLimit``, else refused), as JSON Lines `{"cosignatures", "note", "size"}`:
    /// the log's note as it signed it, and each witness's cosignature line, so that a mirror
    /// stores them as the service does.
    private func checkpoints(_ request: Request) async throws -> Response {
        _ = try await service.requireSigner(request)
        let after = try Self.natural(request, "after") ?? 0
        let limit = try Self.natural(request, "limit") ?? LedgerService.checkpointPageLimit
        guard limit <= LedgerService.checkpointPageLimit else {
            throw ServiceRefusal(.badRequest, "limit=\(limit): at most \(LedgerService.checkpointPageLimit) checkpoints per request")
        }
        let sizes = try await service.storeCall { try await service.store.storedNotes(after: after, limit: Int(limit)).map(\.size) }
        let lines = try await service.storeCall {
            try await service.store.read { snapshot in
                try sizes.map { size throws -> String in
                    guard let parts = try snapshot.checkpointParts(size: size) else {
                        throw StoreError(.damaged, "the checkpoint of size \(size) vanished while it was read; ask again")
                    }
                    return try JSONCanonicalizer.canonicalString(.object(JSONObject([
                        ("size", .integer(Int64(clamping: size))), ("note", .string(parts.note)),
                        ("cosignatures", .array(parts.cosignatureLines.map { .string($0) })),
                    ])))
                }
            }
        }
        return Response.text(lines.map { $0 + "\n" }.joined(), contentType: "application/jsonl; charset=utf-8")
    }

    private func inclusion(_ request: Request) async throws -> Response {
        _ = try await service.requireSigner(request)
        guard let seq = try Self.natural(request, "seq") else { throw ServiceRefusal(.badRequest, "name the entry: ?seq=N") }
        let size = try await treeSize(try Self.natural(request, "size"))
        let proof = try await service.storeCall { try await service.store.inclusionProof(seq: seq, size: size) }
        return Response.text(try ProofDocuments.inclusion(seq: seq, treeSize: size, leafHash: proof.leafHash, path: proof.path) + "\n", contentType: "application/json")
    }

    private func consistency(_ request: Request) async throws -> Response {
        _ = try await service.requireSigner(request)
        guard let old = try Self.natural(request, "old") else { throw ServiceRefusal(.badRequest, "name the older tree size: ?old=M&new=N") }
        let new = try await treeSize(try Self.natural(request, "new"))
        let path = try await service.storeCall { try await service.store.consistencyProof(oldSize: old, newSize: new) }
        return Response.text(try ProofDocuments.consistency(oldSize: old, newSize: new, path: path) + "\n", contentType: "application/json")
    }

    /// `size`, or the latest checkpoint's.
    private func treeSize(_ size: UInt64?) async throws -> UInt64 {
        if let size { return size }
        guard let latest = try await service.storeCall({ try await service.store.latestNote() }) else {
            throw ServiceRefusal(.notFound, "the ledger has no checkpoint yet")
        }
        return latest.size
    }

    /// The query parameter `name` as a natural number, nil when absent.
    static func natural(_ request: Request, _ name: String) throws(ServiceRefusal) -> UInt64? {
        let values = request.uri.queryParameters.getAll(name)
        guard let value = values.first else { return nil }
        guard values.count == 1, !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), value.count <= 19,
            let number = Int64(value), value == String(number)
        else {
            throw ServiceRefusal(.badRequest, "\(name)=\(values.joined(separator: ",").prefix(40)) is not one natural number in decimal (at most \(Int64.max))")
        }
        return UInt64(number)
    }
}
