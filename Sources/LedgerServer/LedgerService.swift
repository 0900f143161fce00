import Foundation
public import Hummingbird
public import LedgerStore
public import Logging
public import Prometheus
public import LedgerCrypto
import LedgerJournal

/// The ledger service's routes over one store (`vtf serve`).
///
/// Public, as a C2SP tlog-tiles log publishes them: `GET /checkpoint` (the latest checkpoint
/// with its witnesses' cosignatures), `GET /tile/<L>/<N>[.p/<W>]` (hash tiles) and
/// `GET /v1/log/vkey`, plus `GET /healthz` and `GET /metrics`. For requests signed by a
/// registered key (``SignedRequests``): `GET /tile/entries/<N>[.p/<W>]` (entry bundles: the
/// entries' signed bytes, which name grantees), `GET /v1/journal?from=N&to=M` (JSON Lines as
/// `vtf journal export` writes them), `GET /v1/checkpoints?after=N[&limit=L]` (the stored
/// checkpoints and their cosignatures, for a mirror), `GET /v1/proof/inclusion?seq=S[&size=N]` and
/// `GET /v1/proof/consistency?old=M&new=N` (as `vtf prove` prints them). Donor statements
/// (`GET /v1/statement?donor=ID`), signed by the service with the log key, are for the fund's
/// keys and for that donor's own key (role donor) alone.
///
/// Without a log key the service reads through `LedgerReading` only and writes nothing. With
/// the ledger's log key and the store opened to write, it also records (`POST /v1/entries`,
/// `RecordRoutes`): entries people drafted and signed on their own machines, checked again
/// by the store's `appendSigned`, each with a checkpoint it signs.
public struct LedgerService: Sendable {
    /// The most entries one `/v1/journal` request returns.
    public static let journalPageLimit: UInt64 = 10_000
    /// The most checkpoints one `/v1/checkpoints` request returns.
    public static let checkpointPageLimit: UInt64 = 4096

    /// The ledger served.
    public let store: any LedgerReading
    /// The ledger's log key, when this service records entries (it alone signs checkpoints);
    /// nil for a service that only reads.
    public let logKey: Ed25519PrivateKey?
    /// Where entries are recorded (the store, opened to write), when ``logKey`` is given.
    let writer: (any LedgerWriting)?
    /// Whose turn it is to record, in this process (others wait, rather than conflict).
    let turns = RecordingTurns()
    /// Where the service logs what it records.
    public var logger = Logger(label: "vtf.serve")
    /// Who may read what is not public.
    public var access: SignedRequests
    /// The registry `/metrics` emits.
    public let metrics: PrometheusCollectorRegistry
    /// The time signatures are checked at (seconds since 1970).
    public var now: @Sendable () -> Int
    /// Called after each write this service records (its new checkpoint is the latest):
    /// `vtf serve --witness` sends it to the witnesses.
    public var checkpointRecorded: (@Sendable () async -> Void)?

    /// A service over `store`: it records entries when `writer` (the same ledger, opened to
    /// write) and `logKey` are given, and only reads otherwise.
    public init(
        store: any LedgerReading, writer: (any LedgerWriting)? = nil, logKey: Ed25519PrivateKey? = nil,
        access: SignedRequests = SignedRequests(),
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        now: @escaping @Sendable () -> Int = LedgerService.clock
    ) {
        self.store = store
        self.writer = writer
        self.logKey = writer == nil ? nil : logKey
        self.access = access
        self.metrics = metrics
        self.now = now
    }

    /// The system clock, in seconds since 1970.
    public static let clock: @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }

    /// The router of every route, with request metrics, and each request logged at `logLevel`
    /// (method, path, status; never a header, so never a signature) when given.
    public func router(logLevel: Logger.Level? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        if let logLevel { router.add(middleware: LogRequestsMiddleware(logLevel)) }
        router.add(middleware: RequestMetrics(registry: metrics))
        router.get("healthz") { _, _ in try await health() }
        router.get("metrics") { _, _ in metricsText() }
        LogRoutes(service: self).add(to: router)
        JournalRoutes(service: self).add(to: router)
        RecordRoutes(service: self).add(to: router)
        StatementRoutes(service: self).add(to: router)
        router.add(middleware: UnservedRequests(router))
        return router
    }

    /// The key that signed `request`, refused unless registered and in force, and, unless
    /// `donorsAllowed`, one of the fund's (a donor's key reads its own statements only).
    @discardableResult
    func requireSigner(_ request: Request, donorsAllowed: Bool = false) async throws -> KeyState {
        let keys = try await storeCall { try await store.keys() }
        let key = try access.signer(of: request, now: now(), keys: keys)
        if !donorsAllowed, key.record.roles.contains(.donor) {
            throw ServiceRefusal(.forbidden, "a donor's key reads that donor's statements only (GET /v1/statement?donor=\(key.record.holder)); the journal, entries and proofs are for the fund's keys")
        }
        return key
    }

    /// The key that signed `request`, its signature covering `content-digest`: checked before
    /// the body is read (``SignedRequests/signer(ofBodyOf:now:keys:)``).
    func requireBodySigner(_ request: Request) async throws -> KeyState {
        let keys = try await storeCall { try await store.keys() }
        let key = try access.signer(ofBodyOf: request, now: now(), keys: keys)
        if key.record.roles.contains(.donor) {
            throw ServiceRefusal(.forbidden, "a donor's key records nothing")
        }
        return key
    }

    /// Runs a store call, turning the store's refusals into the service's.
    func storeCall<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            switch error.code {
            case .notFound: throw ServiceRefusal(.notFound, error.message)
            case .badInput: throw ServiceRefusal(.badRequest, error.message)
            default: throw ServiceRefusal(.storeFailed, "the ledger could not be read: \(error.message)")
            }
        }
    }

    private func health() async throws -> Response {
        let size = try await storeCall { try await store.entryCount() }
        return Response.text("ok: \(size) entries\n")
    }

    private func metricsText() -> Response {
        var bytes: [UInt8] = []
        metrics.emit(into: &bytes)
        return Response.bytes(bytes, contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}

extension Response {
    /// A response (200 unless `status` says otherwise) of UTF-8 text.
    static func text(_ text: String, contentType: String = "text/plain; charset=utf-8", status: HTTPResponse.Status = .ok) -> Response {
        bytes(Array(text.utf8), contentType: contentType, status: status)
    }

    /// A response (200 unless `status` says otherwise) of `bytes`.
    static func bytes(_ bytes: [UInt8], contentType: String, cacheControl: String = "no-cache", status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = cacheControl
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

