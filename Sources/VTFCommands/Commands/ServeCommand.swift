public import ArgumentParser
import Foundation
import SafeIO
import LedgerClient
public import LedgerServer
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
            and writes nothing, unless given the ledger's log key (--log-key): then people record through it \
            (POST /v1/entries: entries drafted and signed on their own machines, checked again here), and it \
            alone signs checkpoints. It stops gracefully on SIGTERM or Ctrl-C. Serve HTTPS with --tls-cert and \
            --tls-key, or put it behind a TLS proxy (Scripts/serve/nginx.conf) to serve beyond this machine.
            Example:  vtf serve --ledger fund.ledger --listen 127.0.0.1:8080
            """)

    @OptionGroup var global: LedgerOptions

    @Option(help: ArgumentHelp("Where to listen, HOST:PORT (port 0: any free port).", valueName: "host:port"))
    var listen: String = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("The scheme clients use to reach the service: http, or https behind a TLS proxy.", valueName: "scheme"))
    var publicScheme: String = "http"

    @OptionGroup var https: HTTPSOptions

    @Option(help: ArgumentHelp(
        "The ledger's log key (default: $VTF_LOG_KEY): with it the service records the entries people sign on their own machines and signs each checkpoint; without it, it only reads.",
        valueName: "path"))
    var logKey: String?

    @Option(help: ArgumentHelp(
        "A witness to send each new checkpoint to (C2SP tlog-witness, e.g. vtf witness serve), storing the cosignatures it returns; repeat for several. Needs --log-key.",
        valueName: "url"))
    var witness: [String] = []

    func run() async throws {
        let (host, port) = try Self.address(listen)
        guard ["http", "https"].contains(publicScheme) else {
            throw InputError("--public-scheme \(publicScheme): give http or https")
        }
        let tls = try https.tls()
        if tls == nil, !RemoteLocation.loopback.contains(host) {
            Terminal.note("vtf: serving plain http on \(host): put a TLS proxy in front (Scripts/serve/nginx.conf, --public-scheme https) or give --tls-cert and --tls-key; vtf's clients reach plain http on loopback only")
        }
        var logger = Logger(label: "vtf.serve")
        logger.logLevel = .info
        let witnesses = try witness.map { url -> WitnessEndpoint in
            do { return try WitnessEndpoint(url) } catch let error as RemoteError { throw InputError("--witness \(error.message)") }
        }
        var service: LedgerService
        if let path = logKey ?? GlobalOptions.environment["VTF_LOG_KEY"], !path.isEmpty {
            let key = try GlobalOptions.readPrivateKey(at: path, passphraseVariable: "VTF_LOG_KEY_PASSPHRASE")
            let store = try await global.openWriting()
            let logKeys = try await store.keys().filter { $0.revokedSeq == nil && $0.record.roles.contains(.log) }
            guard logKeys.contains(where: { $0.record.publicKey == key.publicKey }) else {
                throw InputError("--log-key \(path) is not this ledger's log key; give the key vtf init made for it")
            }
            service = LedgerService(store: store, writer: store, logKey: key, access: SignedRequests(scheme: tls == nil ? publicScheme : "https"))
            if !witnesses.isEmpty {
                let pusher = WitnessPusher(store: store, witnesses: witnesses, trustRoots: GlobalOptions.environment["VTF_CA_FILE"]) { [logger] line in
                    logger.info("\(line)")
                }
                service.checkpointRecorded = { await pusher.checkpointRecorded() }
                await pusher.checkpointRecorded()
            }
        } else {
            guard witnesses.isEmpty else {
                throw InputError("--witness needs --log-key: a service that records nothing has no new checkpoints to send")
            }
            let store = try await global.openReading()
            _ = try await store.entryCount()
            service = LedgerService(store: store, access: SignedRequests(scheme: tls == nil ? publicScheme : "https"))
        }
        try await ServiceRunner.run(service, host: host, port: port, tls: tls, logger: logger) { [recording = service.logKey != nil, scheme = tls == nil ? "http" : "https"] address in
            // Unbuffered, so that a script waiting for this line sees it at once.
            Terminal.standardOutput(TerminalText.inert("serving \(scheme)://\(address) (\(recording ? "recording" : "reading only"); Ctrl-C or SIGTERM stops)\n"))
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

/// `--tls-cert` and `--tls-key`: HTTPS served by vtf itself (`vtf serve`, `vtf witness serve`,
/// `vtf demo --serve`).
public struct HTTPSOptions: ParsableArguments {
    /// `--tls-cert`: a PEM certificate chain.
    @Option(help: ArgumentHelp("A PEM certificate chain to serve HTTPS with (with --tls-key).", valueName: "file"))
    public var tlsCert: String?

    /// `--tls-key`: the certificate's PEM private key, readable by its owner alone.
    @Option(help: ArgumentHelp("The PEM private key of --tls-cert (mode 0600).", valueName: "file"))
    public var tlsKey: String?

    /// The parser makes it and fills the options.
    public init() {}

    /// The TLS files, both or neither; the key a regular file only its owner may read. Throws
    /// ``InputError`` naming the option and the fix otherwise.
    public func tls() throws -> ServiceTLS? {
        switch (tlsCert, tlsKey) {
        case (nil, nil): return nil
        case (let certificate?, let key?):
            try InputFile.check(certificate, option: "--tls-cert")
            try InputFile.check(key, option: "--tls-key")
            if let mode = (try? FileManager.default.attributesOfItem(atPath: key))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
                throw InputError("--tls-key \(key) may be read by others (mode \(String(mode, radix: 8))); run chmod 600 \(key)")
            }
            do { return try ServiceTLS(certificatePath: certificate, keyPath: key) } catch { throw InputError(error.message) }
        default:
            throw InputError("give --tls-cert and --tls-key together, or neither (then put a TLS proxy in front)")
        }
    }
}
