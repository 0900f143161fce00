import ArgumentParser
import Foundation
import SafeIO
import LedgerServer
import LedgerStore
import Logging

/// `vtf serve`: the ledger service over HTTP (issue 15), read side.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ledger over HTTP: the log to anyone, the journal to registered keys.",
        discussion: """
            Public: GET /checkpoint and /tile/<L>/<N> (a C2SP tlog-tiles log any tlog client can check), \
            /v1/log/vkey, /healthz, /metrics (Prometheus). For requests signed with a registered key \
            (RFC 9421 HTTP Message Signatures, Ed25519): /tile/entries/<N>, /v1/journal?from=N&to=M, \
            /v1/proof/inclusion?seq=S and /v1/proof/consistency?old=M&new=N. The service holds no key \
            and writes nothing. It stops gracefully on SIGTERM or Ctrl-C. Put it behind a TLS proxy \
            (Scripts/serve/nginx.conf) to serve beyond this machine.
            Example:  vtf serve --ledger fund.ledger --listen 127.0.0.1:8080
            """)

    @OptionGroup var global: LedgerOptions

    @Option(help: ArgumentHelp("Where to listen, HOST:PORT (port 0: any free port).", valueName: "host:port"))
    var listen: String = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("The scheme clients use to reach the service: http, or https behind a TLS proxy.", valueName: "scheme"))
    var publicScheme: String = "http"

    func run() async throws {
        let (host, port) = try Self.address(listen)
        guard ["http", "https"].contains(publicScheme) else {
            throw InputError("--public-scheme \(publicScheme): give http or https")
        }
        let store = try await global.openReading()
        _ = try await store.entryCount()
        var logger = Logger(label: "vtf.serve")
        logger.logLevel = .info
        let service = LedgerService(store: store, access: SignedRequests(scheme: publicScheme))
        try await ServiceRunner.run(service, host: host, port: port, logger: logger) { address in
            // Unbuffered, so that a script waiting for this line sees it at once.
            FileHandle.standardOutput.write(Data(TerminalText.inert("serving http://\(address) (Ctrl-C or SIGTERM stops)\n").utf8))
        }
    }

    /// HOST:PORT, or [IPv6]:PORT.
    static func address(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":") else {
            throw InputError("--listen \(text): give HOST:PORT, e.g. 127.0.0.1:8080")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
            throw InputError("--listen \(text): give HOST:PORT with a port from 0 to 65535, e.g. 127.0.0.1:8080")
        }
        return (host, port)
    }
}
