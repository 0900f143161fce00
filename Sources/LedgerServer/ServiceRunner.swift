import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs the ledger service until SIGTERM or SIGINT, then stops gracefully: it takes no new
/// connections and lets the requests in flight finish.
public enum ServiceRunner {
    /// Serves `service` on `host`:`port` (0: a free port), over HTTPS with `tls` when given;
    /// `onRunning` gets the address bound.
    public static func run(
        _ service: LedgerService, host: String, port: Int, tls: ServiceTLS? = nil, logger: Logger,
        onRunning: @escaping @Sendable (String) async -> Void = { _ in }
    ) async throws {
        try await run(service.router(logLevel: .info), host: host, port: port, tls: tls, logger: logger, onRunning: onRunning)
    }

    /// Serves the witness `service` (`vtf witness serve`) as ``run(_:host:port:tls:logger:onRunning:)``
    /// serves a ledger.
    public static func run(
        _ service: WitnessService, host: String, port: Int, tls: ServiceTLS? = nil, logger: Logger,
        onRunning: @escaping @Sendable (String) async -> Void = { _ in }
    ) async throws {
        try await run(service.router(logLevel: .info), host: host, port: port, tls: tls, logger: logger, onRunning: onRunning)
    }

    private static func run(
        _ router: Router<BasicRequestContext>, host: String, port: Int, tls: ServiceTLS?, logger: Logger,
        onRunning: @escaping @Sendable (String) async -> Void
    ) async throws {
        let http1 = HTTPServerBuilder.http1(configuration: HTTP1Channel.Configuration(idleTimeout: .seconds(30)))
        // A connection idle for 30 s is closed, and at most 512 are open at once: a client that
        // opens connections and sends nothing cannot hold the service.
        let app = Application(
            router: router,
            server: try tls.map { try .tls(http1, tlsConfiguration: $0.configuration) } ?? http1,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: port), serverName: "vtf",
                availableConnectionsDelegate: MaximumAvailableConnections(512, logger: logger)),
            onServerRunning: { channel in
                let address = channel.localAddress.map { "\($0.ipAddress ?? host):\($0.port ?? port)" } ?? "\(host):\(port)"
                await onRunning(address)
            },
            logger: logger)
        do {
            try await app.runService()
        } catch let error as IOError {
            throw ListenFailure(address: "\(host):\(port)", errno: error.errnoCode)
        }
    }
}

/// The service could not listen where it was asked to, and why, in words that name the fix.
public struct ListenFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// HOST:PORT as given.
    public let address: String
    /// The system's error number (EADDRINUSE, EADDRNOTAVAIL, EACCES, …).
    public let errno: Int32

    /// The failure to listen on `address`.
    public init(address: String, errno: Int32) {
        self.address = address
        self.errno = errno
    }

    /// What went wrong and what to do.
    public var description: String {
        let why = switch errno {
        case EADDRINUSE: "the address is in use (another vtf serve, or another program, listens there): choose another port with --listen"
        case EADDRNOTAVAIL: "this machine has no such address: give one of its own (127.0.0.1 for this machine only, 0.0.0.0 for every interface)"
        case EACCES: "ports below 1024 need privileges: choose a port of 1024 or more, with a proxy in front (Scripts/serve/nginx.conf)"
        default: String(cString: strerror(errno))
        }
        return "cannot listen on \(address): \(why)"
    }
}
