import Hummingbird
import LedgerCrypto
import LedgerJournal
import LedgerStore
import TransparencyLog

/// The log as a C2SP tlog-tiles log: the checkpoint and hash tiles for anyone (hashes say
/// nothing of the entries), entry bundles for registered keys (entries name grantees).
struct LogRoutes {
    let service: LedgerService

    /// Tiles never change once served (a partial tile is named by its width).
    static let immutable = "public, max-age=31536000, immutable"

    func add(to router: Router<BasicRequestContext>) {
        router.get("checkpoint") { _, _ in try await checkpoint() }
        router.get("v1/log/vkey") { _, _ in
            Response.text(try await service.storeCall { try await service.store.logVerifierKey() } + "\n")
        }
        router.get("tile/**") { request, _ in try await tile(request) }
    }

    /// The latest checkpoint, signed by the log, with every cosignature stored for it.
    private func checkpoint() async throws -> Response {
        guard let note = try await service.storeCall({ try await service.store.latestNote() }) else {
            throw ServiceRefusal(.notFound, "the ledger has no checkpoint yet: record its genesis entry (vtf init)")
        }
        return Response.text(note.note)
    }

    private func tile(_ request: Request) async throws -> Response {
        let coordinate: TileCoordinate
        do {
            coordinate = try TileCoordinate(path: String(request.uri.path.dropFirst()))
        } catch {
            // The path is the client's: echo a bounded part of it.
            throw ServiceRefusal(.badRequest, "\(request.uri.path.prefix(120)): \(String(describing: error).prefix(300))")
        }
        let first = coordinate.index * UInt64(TileCoordinate.fullWidth)
        let range = first..<(first + UInt64(coordinate.width))
        guard let level = coordinate.level else {
            _ = try await service.requireSigner(request)
            return Response.bytes(try await bundle(range), contentType: "application/octet-stream", cacheControl: Self.immutable)
        }
        let hashes = try await service.storeCall {
            try await service.store.read { snapshot in try snapshot.treeHashes(level: level * 8, range) }
        }
        return Response.bytes(hashes.flatMap(\.bytes), contentType: "application/octet-stream", cacheControl: Self.immutable)
    }

    /// The entries of `range`: each entry's signed bytes (its leaf is SHA-256(0x00 ‖ bytes)).
    private func bundle(_ range: Range<UInt64>) async throws -> [UInt8] {
        let bodies = try await service.storeCall {
            try await service.store.read { snapshot in
                try range.map { seq in
                    guard let entry = try snapshot.entry(at: seq) else {
                        throw StoreError(.notFound, "the journal has no entry \(seq) yet")
                    }
                    return entry.bodyBytes
                }
            }
        }
        do {
            return try TileData.entryBundle(bodies)
        } catch {
            throw ServiceRefusal(.storeFailed, "\(error)")
        }
    }
}
