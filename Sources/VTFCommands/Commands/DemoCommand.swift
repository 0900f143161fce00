import ArgumentParser
import Foundation
import LedgerStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a small example ledger in a fresh folder, showing each command as it runs.",
        discussion: """
            Makes keys for an admin, a log key and two fund managers, creates the ledger, opens \
            accounts, records contributions in USD and EUR and a grant payment, corrects a mistake \
            with a reversal, shows a refusal, verifies everything, prints the trial balance and the \
            signed checkpoint, has an auditor cosign it, and exports an audit bundle that it verifies \
            offline. Every step is an ordinary vtf command, printed before it runs.
            """)

    @Option(help: ArgumentHelp("The folder to create (default: vtf-demo, or vtf-demo-2, … if taken).", valueName: "dir"))
    var dir: String?

    func run() throws {
        let folder = try Self.freshFolder(dir)
        let ledger = "\(folder)/unvtf.ledger"
        let script = DemoScript(folder: folder, ledger: ledger)
        try script.run()
    }

    static func freshFolder(_ requested: String?) throws -> String {
        let manager = FileManager.default
        if let requested {
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

/// The demo's steps: each runs the real command in process and prints it first.
struct DemoScript {
    let folder: String
    let ledger: String

    func say(_ text: String) { print("\n== \(text)") }

    /// Runs `vtf ARGS`; `expect` is the exit status the step should have.
    func vtf(_ arguments: [String], expect: Int32 = 0) throws {
        let shown = arguments.map { $0.contains(" ") || $0.isEmpty ? "\"\($0)\"" : $0 }.joined(separator: " ")
        print("$ vtf \(shown)")
        fflush(nil)
        let status = VTFMain.execute(arguments: arguments)
        fflush(nil)
        guard status == expect else {
            throw InputError("demo step `vtf \(shown)` exited \(status), expected \(expect)")
        }
    }

    func run() throws {
        let key = { (name: String) in "\(folder)/\(name).pem" }
        let l = ["--ledger", ledger]
        print("Building an example ledger in \(folder)/ …")
        say("1. Each person makes their own key; the ledger has its own log key.")
        for (file, label) in [("admin", "Ana Admin"), ("log", "UNVTF log key"), ("alice", "Alice Martin"), ("bruno", "Bruno Okafor")] {
            try vtf(["key", "generate", "--out", key(file), "--name", label])
        }
        say("2. The admin creates the ledger: its genesis entry names the fund, its currency and first keys.")
        try vtf(["init"] + l + ["--origin", "example.org/unvtf-demo", "--fund-name", "UNVTF (demo)",
                               "--admin-key", key("admin"), "--log-key", key("log"), "--date", "2026-01-01"])
        say("3. The admin registers the fund managers' keys with their roles.")
        try vtf(["key", "register"] + l + ["--key", key("admin"), "--public-key", key("alice") + ".pub", "--holder", "alice",
                                          "--role", "fund-manager", "--date", "2026-01-02"])
        try vtf(["key", "register"] + l + ["--key", key("admin"), "--public-key", key("bruno") + ".pub", "--holder", "bruno",
                                          "--role", "fund-manager", "--date", "2026-01-02"])
        try vtf(["key", "list"] + l)
        say("4. Alice opens accounts (codes from the UN chart of accounts; 1100.EUR is euro cash).")
        let accounts: [(String, String, String)] = [
            ("1100", "Cash - main cash pool (USD)", "asset"), ("1100.EUR", "Cash - main cash pool (EUR)", "asset"),
            ("4100", "Contributions - Member States", "revenue"), ("4110", "Contributions - private sector", "revenue"),
            ("5100", "Grants to CSOs", "expense"), ("5400", "Bank charges", "expense"),
        ]
        for (code, name, type) in accounts {
            try vtf(["account", "open", code] + l + ["--key", key("alice"), "--name", name, "--type", type, "--date", "2026-01-05"])
        }
        say("5. Alice records contributions, in USD and in EUR (with its USD value at the UN rate of 0.92 EUR per USD).")
        try vtf(["post"] + l + ["--key", key("alice"), "--date", "2026-02-10", "--memo", "Contribution, Member State A",
                               "--ref", "RCPT-2026-001", "--posting", "1100:250000.00", "--posting", "4100:-250000.00"])
        try vtf(["post"] + l + ["--key", key("alice"), "--date", "2026-03-04", "--memo", "Contribution, Member State B (EUR 100,000.00)",
                               "--ref", "RCPT-2026-002", "--posting", "1100.EUR:100000.00:EUR:108695.65", "--posting", "4100:-100000.00:EUR:-108695.65"])
        try vtf(["post"] + l + ["--key", key("bruno"), "--date", "2026-03-20", "--memo", "Blue Heart campaign proceeds",
                               "--ref", "RCPT-2026-003", "--posting", "1100:12500.00", "--posting", "4110:-12500.00"])
        say("6. Bruno pays a grant instalment, and records a bank charge - with a typo.")
        try vtf(["post"] + l + ["--key", key("bruno"), "--date", "2026-04-15", "--memo", "Grant G-01, tranche 1",
                               "--ref", "PAY-2026-001", "--posting", "5100:20000.00", "--posting", "1100:-20000.00"])
        try vtf(["post"] + l + ["--key", key("bruno"), "--date", "2026-04-15", "--memo", "Bank charge on PAY-2026-001",
                               "--posting", "5400:250.00", "--posting", "1100:-250.00"])
        say("7. Nothing is ever edited: the typo is corrected by a reversal and a new entry.")
        let typo = try LedgerFile.open(at: ledger, readOnly: true).entryCount() - 1
        try vtf(["reverse", "\(typo)"] + l + ["--key", key("bruno"), "--date", "2026-04-16", "--memo", "Bank charge was 25.00, not 250.00"])
        try vtf(["post"] + l + ["--key", key("bruno"), "--date", "2026-04-16", "--memo", "Bank charge on PAY-2026-001",
                               "--posting", "5400:25.00", "--posting", "1100:-25.00"])
        say("8. The ledger refuses what breaks a rule, and changes nothing (exit status 2).")
        try vtf(["post"] + l + ["--key", key("alice"), "--date", "2026-04-20", "--memo", "Does not balance",
                               "--posting", "5100:100.00", "--posting", "1100:-90.00"], expect: 2)
        try vtf(["post"] + l + ["--key", key("alice"), "--date", "2026-04-20", "--memo", "Same receipt twice",
                               "--ref", "RCPT-2026-001", "--posting", "1100:1.00", "--posting", "4100:-1.00"], expect: 2)
        say("9. Anyone with the public keys can verify every signature, the chain and the derived tables.")
        try vtf(["verify"] + l)
        say("10. The trial balance (debits positive; the USD values balance to zero).")
        try vtf(["balance"] + l)
        say("11. After every write the log key signs a checkpoint: the number of entries and their Merkle root.")
        try vtf(["checkpoint"] + l)
        say("12. An auditor cosigns it, after checking it extends what they cosigned before.")
        try vtf(["key", "generate", "--out", key("auditor"), "--name", "Board of Auditors (demo)"])
        try vtf(["checkpoint", "cosign"] + l + ["--key", key("auditor"), "--name", "example.org/board-of-auditors"])
        say("13. The whole history goes to the auditors as a bundle they verify offline, trusting only the log's key.")
        try vtf(["audit", "export", "\(folder)/audit-bundle"] + l)
        let vkey = try LedgerFile.open(at: ledger, readOnly: true).logVerifierKey()
        try vtf(["audit", "verify", "\(folder)/audit-bundle", "--vkey", vkey])
        print("""

            Done. The ledger is \(ledger); the keys are in \(folder)/.
            Try next:
              .build/debug/vtf balance --ledger \(ledger) --as-of 2026-03-31 --format json
              .build/debug/vtf prove inclusion 9 --ledger \(ledger)
              .build/debug/vtf post --help
              Audit/verify-with-openssl.sh \(folder)/audit-bundle      (the same checks with openssl alone)
            and read Audit/AUDITOR-GUIDE.md.
            """)
    }
}
