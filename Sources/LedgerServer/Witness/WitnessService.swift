public import AuditBundle
import Foundation
public import Hummingbird
public import Logging
public import Prometheus
import TransparencyLog

/// A witness on the network (`vtf witness serve`), speaking C2SP tlog-witness: `POST
/// /add-checkpoint` with the old size, a consistency proof and the log's new checkpoint; the
/// answer is the witness's cosignature line, or the protocol's status for a refusal (404 another
/// log, 403 not the log's signature, 409 another old size — the body, `text/x.tlog.size`, is the
/// size cosigned last — or a split view, 422 a failed consistency proof, 400 a malformed
/// request). No request needs a signature: the checkpoint's own signature is what the witness
/// checks. Also `GET /healthz` (the size cosigned last) and `GET /metrics`.
public struct WitnessService: Sendable {
    /// The witness: its key, the log key it trusts and its state.
    public let witness: NetworkWitness
    /// The registry `/metrics` emits.
    public let metrics: PrometheusCollectorRegistry
    /// The time cosignatures carry (seconds since 1970).
    public var now: @Sendable () -> UInt64
    /// Where the witness logs what it cosigns and refuses.
    public var logger = Logger(label: "vtf.witness")

    /// The service of `witness`.
    public init(
        witness: NetworkWitness, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        now: @escaping @Sendable () -> UInt64 = { UInt64(LedgerService.clock()) }
    ) {
        self.witness = witness
        self.metrics = metrics
        self.now = now
    }

    /// The router, with request metrics, each request logged at `logLevel` when given.
    public func router(logLevel: Logger.Level? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        if let logLevel { router.add(middleware: LogRequestsMiddleware(logLevel)) }
        router.add(middleware: RequestMetrics(registry: metrics))
        router.get("healthz") { _, _ in Response.text("ok: cosigned size \(await witness.cosignedSize)\n") }
        router.get("metrics") { _, _ in
            var bytes: [UInt8] = []
            metrics.emit(into: &bytes)
            return Response.bytes(bytes, contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.post("add-checkpoint") { request, _ in try await add(request) }
        router.add(middleware: UnservedRequests(router))
        return router
    }

    private func add(_ request: Request) async throws -> Response {
        var request = request
        let body: [UInt8]
        do { body = Array(try await request.collectBody(upTo: AddCheckpoint.maxBytes).readableBytesView) } catch {
            return Response.text("an add-checkpoint request holds at most \(AddCheckpoint.maxBytes >> 10) KiB\n", status: .badRequest)
        }
        do {
            let signature = try await witness.add(body, timestamp: now())
            logger.info("cosigned", metadata: ["line": "\(signature.line.prefix(80))"])
            return Response.text(signature.line.hasSuffix("\n") ? signature.line : signature.line + "\n")
        } catch let error as WitnessError {
            logger.notice("refused", metadata: ["code": "\(error.code.rawValue)", "why": "\(error.message)"])
            if error.code == .oldSizeMismatch {
                return Response.text("\(await witness.cosignedSize)\n", contentType: "text/x.tlog.size", status: .conflict)
            }
            return Response.text(error.message + "\n", status: HTTPResponse.Status(code: error.httpStatus))
        }
    }
}
