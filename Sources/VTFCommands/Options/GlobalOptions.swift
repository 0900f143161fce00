import ArgumentParser
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import SafeIO

/// `--ledger` and `--key`, for the commands that record (DESIGN §6).
struct GlobalOptions: ParsableArguments, LedgerLocating {
    @Option(help: ArgumentHelp("The ledger: a file, or postgresql://USER@HOST[:PORT]/DB?schema=NAME (default: $VTF_LEDGER).", valueName: "ledger"))
    var ledger: String?

    @Option(help: ArgumentHelp(
        "Your private key file, which signs what you record (default: $VTF_KEY). If it is encrypted, vtf asks for its passphrase on the terminal (scripts set $VTF_KEY_PASSPHRASE).",
        valueName: "path"))
    var key: String?

    /// The process's environment as it is now (the demo sets VTF_KEY and VTF_MIRROR_DIR for the
    /// commands it runs through a service).
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    func keyPath() throws -> String {
        guard let path = key ?? Self.environment["VTF_KEY"], !path.isEmpty else {
            throw InputError("this command records an entry, which you sign: pass --key PATH (your private key) or set VTF_KEY")
        }
        return path
    }

    /// The signer's private key.
    func authorKey() throws -> Ed25519PrivateKey {
        try Self.readPrivateKey(at: try keyPath(), passphraseVariable: "VTF_KEY_PASSPHRASE")
    }

    static func readPrivateKey(at path: String, passphraseVariable: String) throws -> Ed25519PrivateKey {
        try InputFile.check(path, option: passphraseVariable == "VTF_KEY_PASSPHRASE" ? "--key" : "the log key")
        if let text = try? InputFile.text(path, kind: .keyFile), text.contains("-----BEGIN PUBLIC KEY-----"),
            !text.contains("PRIVATE KEY-----")
        {
            throw InputError("\(path) holds a public key; give the private key file (the one without .pub)")
        }
        let passphrase = environment[passphraseVariable].map { Array($0.utf8) }
        do {
            return try KeyFile.readPrivateKey(at: path, passphrase: passphrase)
        } catch {
            if case .crypto(_, .passphraseRequired) = error {
                return try askPassphrase(for: path, passphraseVariable: passphraseVariable)
            }
            throw error
        }
    }

    /// An encrypted key with no passphrase in the environment: on a terminal, ask for it with
    /// echo off; otherwise (a script) say which variable to set.
    static func askPassphrase(for path: String, passphraseVariable: String) throws -> Ed25519PrivateKey {
        let hint = "put its passphrase in $\(passphraseVariable), or run the command on a terminal, which asks for it"
        guard PassphrasePrompt.canAsk, var typed = try PassphrasePrompt.ask(prompt: "Enter passphrase for \(path): ") else {
            throw InputError("\(path) is encrypted: \(hint)")
        }
        defer { PassphrasePrompt.wipe(&typed) }
        do {
            return try KeyFile.readPrivateKey(at: path, passphrase: typed)
        } catch .crypto(_, .wrongPassphrase) {
            throw InputError("the passphrase typed is not the passphrase of \(path) (or the file is damaged); nothing was done")
        }
    }
}

/// Names of local settings (kept in the ledger file, outside the journal).
enum LocalSettings {
    static let logKeyPath = "log_key_path"
}

/// `--format text|csv|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, json
}

/// Parses a `--date` value with a message naming the option.
func parseDate(_ text: String?, option: String = "--date") throws -> LedgerDate {
    guard let text else { return LedgerDate.today() }
    do { return try LedgerDate(parsing: text) } catch {
        throw InputError("\(option) \(text): \(error)")
    }
}
