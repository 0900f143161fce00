import Hummingbird
import Prometheus

/// Counts requests and times them for `/metrics`, by route (the path's first part: `tile`,
/// `v1`, `checkpoint`, …) and status, never by full path (a path holds what clients chose).
struct RequestMetrics: RouterMiddleware {
    typealias Context = BasicRequestContext

    let registry: PrometheusCollectorRegistry

    static let buckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2)]
    static var requests: MetricNameDescriptor { MetricNameDescriptor(namespace: "vtf", subsystem: "http", metricName: "requests", unitName: "total", helpText: "HTTP requests by route and status") }
    static var durations: MetricNameDescriptor { MetricNameDescriptor(namespace: "vtf", subsystem: "http", metricName: "request_duration", unitName: "seconds", helpText: "HTTP request durations by route") }
    static let routes: Set<String> = ["checkpoint", "tile", "v1", "healthz", "metrics"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let first = request.uri.path.split(separator: "/").first.map(String.init) ?? ""
        let route = Self.routes.contains(first) ? first : "other"
        var status = 500
        defer {
            registry.makeCounter(descriptor: Self.requests, labels: [("route", route), ("status", String(status))]).increment()
            registry.makeDurationHistogram(descriptor: Self.durations, labels: [("route", route)], buckets: Self.buckets)
                .record(ContinuousClock.now - start)
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as any HTTPResponseError {
            status = error.status.code
            throw error
        }
    }
}
