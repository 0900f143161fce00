import Hummingbird
public import Logging
import NIOCore

/// Runs the ledger service until SIGTERM or SIGINT, then stops gracefully: it takes no new
/// connections and lets the requests in flight finish.
public enum ServiceRunner {
    /// Serves `service` on `host`:`port` (0: a free port); `onRunning` gets the address bound.
    public static func run(
        _ service: LedgerService, host: String, port: Int, logger: Logger,
        onRunning: @escaping @Sendable (String) async -> Void = { _ in }
    ) async throws {
        let router = service.router(logLevel: .info)
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "vtf"),
            onServerRunning: { channel in
                let address = channel.localAddress.map { "\($0.ipAddress ?? host):\($0.port ?? port)" } ?? "\(host):\(port)"
                await onRunning(address)
            },
            logger: logger)
        try await app.runService()
    }
}
