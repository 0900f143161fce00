import ArgumentParser
import AuditBundle
import Foundation
import LedgerServer
import Logging
import SafeIO

/// `vtf witness serve`: an auditor's witness on the network (C2SP tlog-witness), which the
/// ledger service sends each new checkpoint to (`vtf serve --witness URL`).
struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Run a witness on the network: cosign the log's checkpoints that extend the ones cosigned before.",
        discussion: """
            An auditor's witness speaks C2SP tlog-witness: the ledger service (vtf serve --witness URL) \
            sends it each new checkpoint with a consistency proof, and stores the cosignature it returns. \
            vtf checkpoint cosign does the same at the ledger itself.
            Example:
              vtf witness serve --key boa.pem --name un.org/boa --log-vkey VKEY \\
                  --listen 127.0.0.1:8090
            """,
        subcommands: [Serve.self])

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answer C2SP tlog-witness add-checkpoint requests with your cosignature, after checking them.",
            discussion: """
                The witness holds no copy of the ledger. It trusts one log key (--log-vkey, the fund's \
                vtf log vkey, got through a channel you trust; afterwards the state file remembers it) and \
                cosigns a checkpoint signed by that key only when the consistency proof sent with it shows \
                that it extends the checkpoint it cosigned last: a rewritten history (422), a split view or \
                a rollback (409) is refused and nothing is cosigned. The state file is the one vtf checkpoint \
                cosign keeps. For the fund's books to count the cosignatures as audits, the admin registers \
                your public key with role auditor (vtf key register --role auditor); the ledger service is \
                then started with --witness URL and stores what you return. Stops on SIGTERM or Ctrl-C.
                Example:
                  vtf witness serve --key boa.pem --name un.org/boa \\
                      --log-vkey "$(vtf log vkey --ledger fund.ledger)" \\
                      --listen 127.0.0.1:8090
                """)

        @Option(help: ArgumentHelp("Your private key as a witness (mode 0600; default: $VTF_KEY).", valueName: "path"))
        var key: String?

        @Option(help: "Your witness name, e.g. un.org/board-of-auditors/witness (no spaces or '+').")
        var name: String

        @Option(help: ArgumentHelp("Your state file (default: KEY.witness.json).", valueName: "file"))
        var state: String?

        @Option(help: ArgumentHelp("The log's verifier key to trust, as vtf log vkey prints it (needed the first time).", valueName: "vkey"))
        var logVkey: String?

        @Option(help: ArgumentHelp("Where to listen, HOST:PORT (port 0: any free port).", valueName: "host:port"))
        var listen: String = "127.0.0.1:8090"

        @OptionGroup var https: HTTPSOptions

        func run() async throws {
            let (host, port) = try ServeCommand.address(listen)
            let tls = try https.tls()
            guard let keyPath = key ?? GlobalOptions.environment["VTF_KEY"], !keyPath.isEmpty else {
                throw InputError("give your witness key with --key (or VTF_KEY)")
            }
            let privateKey = try GlobalOptions.readPrivateKey(at: keyPath, passphraseVariable: "VTF_KEY_PASSPHRASE")
            let witness = try NetworkWitness(key: privateKey, name: name, statePath: state ?? keyPath + ".witness.json", logVerifierKey: logVkey)
            var logger = Logger(label: "vtf.witness")
            logger.logLevel = .info
            let service = WitnessService(witness: witness)
            let vkey = await witness.verifierKey
            let size = await witness.cosignedSize
            try await ServiceRunner.run(service, host: host, port: port, tls: tls, logger: logger) { [scheme = tls == nil ? "http" : "https"] address in
                Terminal.standardOutput(TerminalText.inert("""
                    witnessing \(scheme)://\(address) (POST /add-checkpoint; cosigned size \(size); Ctrl-C or SIGTERM stops)
                    your witness vkey: \(vkey)

                    """))
            }
        }
    }
}
