import AsyncHTTPClient
import NIOCore
import NIOSSL

/// One HTTP request on a client of its own (no redirects), shut down before returning, so
/// nothing is left to close: how vtf talks to a ledger service and to witnesses.
enum HTTPExchange {
    /// Runs `request`, trusting the certificates of `trustRoots` (a PEM file) for https when
    /// given, else the system's, and reads at most `limit` bytes of the answer.
    static func run(
        _ request: HTTPClientRequest, trustRoots: String?, limit: Int
    ) async throws -> (status: Int, contentType: String?, body: [UInt8]) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        var tls = TLSConfiguration.makeClientConfiguration()
        if let trustRoots { tls.trustRoots = .file(trustRoots) }
        configuration.tlsConfiguration = tls
        configuration.timeout = .init(connect: .seconds(15), read: .seconds(120))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let response = try await client.execute(request, timeout: .seconds(120))
            let body = try await response.body.collect(upTo: limit)
            try await client.shutdown()
            return (Int(response.status.code), response.headers.first(name: "Content-Type"), Array(body.readableBytesView))
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
