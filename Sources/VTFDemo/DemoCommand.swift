public import ArgumentParser
import Foundation
import LedgerStore
import SQLiteStore
import TrustFundRules
import TransparencyLog
import VTFCommands

/// `vtf demo`: builds a year of the fund (`DemoScript`) in a fresh folder and explains each step.
public struct DemoCommand: AsyncParsableCommand {
    /// `vtf demo`: its name, help and discussion.
    public static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a year of the fund (2025) in a fresh folder, showing the commands as they run.",
        discussion: """
            A fund manager, a certifying officer and an approving officer each make a key; the admin \
            creates a ledger with the UNVTF template (chart of accounts, PSC 13 %, a 15 % operating \
            reserve, two-person approval). Then a year: UN operational rates for EUR, GBP, SEK, NOK \
            and JPY that move every month; nine donors; a pledge; agreements (one conditional, one in \
            instalments) and receipts at the day's rates, with an over-payment, a partial payment, bank \
            charges and a receipt held in suspense; a grant cycle of twelve grants of up to USD 20,000, \
            certified and approved by two people, paid in tranches, reported on with PSC, one refund \
            and five closures; the bank's first-quarter statement reconciled, with its charges \
            approved and booked; cash-pool interest; a refund to a donor; revaluation, the reserve and \
            the year-end close. Refusals along the way show the rules at work. It verifies the ledger, \
            prints the statement of financial position, and has an auditor cosign and verify the \
            history offline. Every step is an ordinary vtf command; the first of each kind is shown \
            with its output, the rest run quietly.
            """)

    @Option(help: ArgumentHelp("The folder to create (default: vtf-demo, or vtf-demo-2, … if taken).", valueName: "dir"))
    var dir: String?

    @Option(help: ArgumentHelp(
        "Where the demo keeps its ledger: a new file (default: DIR/unvtf.ledger), or a store URL such as postgresql://USER@HOST/DB?schema=NAME naming an empty schema.",
        valueName: "ledger"))
    var ledger: String?

    @Flag(help: "Once the ledger is created, record and read the rest of the year through a vtf serve the demo starts on loopback, holding the log key, as a team would.")
    var serve = false

    /// With --serve: a certificate for 127.0.0.1 (subjectAltName IP:127.0.0.1) and its key, so
    /// that the service speaks HTTPS; the demo's commands trust it (VTF_CA_FILE).
    @OptionGroup var https: HTTPSOptions

    /// The parser makes it and fills the options.
    public init() {}

    /// Runs the command; errors go to VTFCommands' `CommandRunner`, which maps them to exit statuses.
    public func run() async throws {
        // A location this build cannot use, or one that holds a ledger, is refused before the folder is made.
        if let ledger { try await StoreLocation(ledger).refuseExisting("--ledger") }
        guard serve || (https.tlsCert == nil && https.tlsKey == nil) else { throw InputError("--tls-cert and --tls-key go with --serve") }
        // The certificate and key are checked (and read) before the demo makes its folder.
        _ = try https.tls()
        let (tlsCert, tlsKey) = (https.tlsCert, https.tlsKey)
        let folder = try Self.freshFolder(dir)
        let ledger = self.ledger ?? "\(folder)/unvtf.ledger"
        let script = DemoScript(folder: folder, ledger: ledger, l: ["--ledger", ledger])
        guard serve else { return try await script.run() }
        // Through a service every command, reads too, is signed by a registered key: maria's
        // unless a step names another; mirrors stay in the demo's folder; a certificate of
        // the demo's own is trusted.
        setenv("VTF_KEY", script.key("maria"), 1)
        setenv("VTF_MIRROR_DIR", folder + "/mirrors", 1)
        if let tlsCert { setenv("VTF_CA_FILE", tlsCert, 1) }
        print("Building a year of the fund in \(folder)/, through vtf serve once the ledger is made …")
        try await script.people()
        let service = try DemoService.start(
            ledger: ledger, logKey: script.key("log"), tls: tlsCert.map { ($0, tlsKey ?? "") }, folder: folder)
        defer { service.stop() }
        try await script.year(through: service)
    }

    static func freshFolder(_ requested: String?) throws -> String {
        let manager = FileManager.default
        if let requested {
            guard !requested.isEmpty else { throw InputError("--dir is empty: give the name of a new folder, or leave --dir out") }
            if manager.fileExists(atPath: requested),
                !((try? manager.contentsOfDirectory(atPath: requested))?.isEmpty ?? false)
            {
                throw InputError("--dir \(requested) already exists and is not empty; the demo needs a fresh folder")
            }
            try manager.createDirectory(atPath: requested, withIntermediateDirectories: true)
            return requested
        }
        var candidate = "vtf-demo"
        var number = 2
        while manager.fileExists(atPath: candidate) {
            candidate = "vtf-demo-\(number)"
            number += 1
        }
        try manager.createDirectory(atPath: candidate, withIntermediateDirectories: true)
        return candidate
    }
}

