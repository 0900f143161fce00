import Foundation
import Testing

/// An encrypted key's passphrase (issue 12 item 13): asked on the terminal with echo off when
/// standard input is a terminal and the variable is not set; scripts keep the variable.
@Suite("Passphrase prompt")
struct PassphrasePromptTests {
    static let passphrase = "correct horse battery"
    static let script = "/usr/bin/script"

    /// A ledger where carol's key is encrypted and registered as a fund manager.
    private func ledgerWithEncryptedKey() throws -> TestLedger {
        let ledger = try TestLedger()
        let generate = try CLI.vtf(["key", "generate", "--out", "carol.pem", "--passphrase-env", "PW"], in: ledger.dir,
                                   environment: ["PW": Self.passphrase])
        #expect(generate.status == 0, "\(generate.stderr)")
        let register = try ledger.vtf(["key", "register", "--public-key", ledger.key("carol") + ".pub", "--holder", "carol",
                                       "--name", "Carol", "--role", "fund-manager"], as: "admin")
        #expect(register.status == 0, "\(register.stderr)")
        return ledger
    }

    /// Standard input not a terminal (a script, a pipe): no prompt, no wait; the refusal names the
    /// variable and nothing is written.
    @Test func withoutATerminalItSaysWhichVariableToSet() throws {
        let ledger = try ledgerWithEncryptedKey()
        defer { ledger.remove() }
        let before = try ledger.fileBytes()
        let refused = try ledger.post(["1100:1.00", "4100:-1.00"], as: "carol")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("carol.pem is encrypted: put its passphrase in $VTF_KEY_PASSPHRASE, or run the command on a terminal"),
                "\(refused.stderr)")
        #expect(!refused.stderr.contains("Enter passphrase") && !refused.stdout.contains("Enter passphrase"))
        #expect(try ledger.fileBytes() == before)
        let scripted = try ledger.vtf(["post", "--memo", "m", "--posting", "1100:1", "--posting", "4100:-1", "--date", "2026-02-01"], as: "carol",
                                      environment: ["VTF_KEY_PASSPHRASE": Self.passphrase])
        #expect(scripted.status == 0, "the variable still works for scripts: \(scripted.stderr)")
    }

    /// On a pseudo-terminal (util-linux `script`): the prompt names the key file, what is typed is
    /// not echoed, and the entry is signed.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func onATerminalItAsksWithoutEcho() throws {
        let ledger = try ledgerWithEncryptedKey()
        defer { ledger.remove() }
        let session = try terminalSession(ledger, typing: Self.passphrase)
        #expect(session.status == 0, "\(session.transcript)")
        #expect(session.transcript.contains("Enter passphrase for \(ledger.key("carol")): "), "\(session.transcript)")
        #expect(session.transcript.contains("posted entry"), "\(session.transcript)")
        #expect(!session.transcript.contains(Self.passphrase), "the passphrase is never echoed: \(session.transcript)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func aWrongPassphraseTypedIsRefusedWithoutEcho() throws {
        let ledger = try ledgerWithEncryptedKey()
        defer { ledger.remove() }
        let before = try ledger.fileBytes()
        let session = try terminalSession(ledger, typing: "not the passphrase")
        #expect(session.status == 2, "\(session.transcript)")
        #expect(session.transcript.contains("the passphrase typed is not the passphrase of \(ledger.key("carol"))"), "\(session.transcript)")
        #expect(!session.transcript.contains("not the passphrase\r") && !session.transcript.contains("not the passphrase\n"))
        #expect(try ledger.fileBytes() == before)
    }

    /// Runs `vtf post` as carol under `script` (a pseudo-terminal is its standard input), types
    /// `typed` once the prompt shows, and returns the terminal's transcript.
    private func terminalSession(_ ledger: TestLedger, typing typed: String) throws -> (status: Int32, transcript: String) {
        try Self.terminalSession(
            [CLI.binary, "post", "--memo", "m", "--posting", "1100:1", "--posting", "4100:-1", "--date", "2026-02-01"],
            in: ledger.dir, environment: ["VTF_LEDGER": ledger.ledger, "VTF_KEY": ledger.key("carol")], typing: [typed])
    }

    /// Runs `command` under `script`; types the n-th string of `typing` once the n-th "Enter …"
    /// prompt shows, as a person would.
    static func terminalSession(
        _ command: [String], in directory: String, environment: [String: String], typing: [String]
    ) throws -> (status: Int32, transcript: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.script)
        process.arguments = ["-q", "-e", "-c", command.map { "'\($0)'" }.joined(separator: " "), "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        for name in ["VTF_LEDGER", "VTF_KEY", "VTF_KEY_PASSPHRASE", "VTF_LOG_KEY_PASSPHRASE", "VTF_LOG_KEY"] { env[name] = nil }
        env.merge(environment) { $1 }
        process.environment = env
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let transcript = Transcript(output.fileHandleForReading)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        for (index, text) in typing.enumerated() {
            while transcript.text.components(separatedBy: "Enter ").count - 1 <= index, process.isRunning, Date() < deadline {
                usleep(20_000)
            }
            // Each prompt is written after echo is off.
            try input.fileHandleForWriting.write(contentsOf: Data((text + "\r").utf8))
        }
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        usleep(100_000)
        return (process.terminationStatus, transcript.text)
    }

    /// `key generate --encrypt` asks twice with echo off; the key then opens with that passphrase.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func keyGenerateEncryptAsksTwiceWithoutEcho() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let made = try Self.terminalSession([CLI.binary, "key", "generate", "--out", dir + "/dana.pem", "--encrypt"], in: dir,
                                            environment: [:], typing: [Self.passphrase, Self.passphrase])
        #expect(made.status == 0, "\(made.transcript)")
        #expect(made.transcript.contains("Enter a passphrase for \(dir)/dana.pem: ") && made.transcript.contains("Enter the same passphrase again: "),
                "\(made.transcript)")
        #expect(!made.transcript.contains(Self.passphrase), "\(made.transcript)")
        #expect(try String(contentsOfFile: dir + "/dana.pem", encoding: .utf8).contains("ENCRYPTED PRIVATE KEY"))
        let differ = try Self.terminalSession([CLI.binary, "key", "generate", "--out", dir + "/erin.pem", "--encrypt"], in: dir,
                                              environment: [:], typing: [Self.passphrase, "something else"])
        #expect(differ.status == 2 && differ.transcript.contains("the two passphrases typed differ; nothing was written"), "\(differ.transcript)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/erin.pem"))
    }

    /// Ctrl-C at the prompt ends vtf, and the terminal has its echo back (the shell that ran
    /// it ignores SIGINT and prints the terminal's settings afterwards).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func ctrlCAtThePromptGivesTheTerminalItsEchoBack() throws {
        let ledger = try ledgerWithEncryptedKey()
        defer { ledger.remove() }
        let before = try ledger.fileBytes()
        let post = "\(CLI.binary) post --memo m --posting 1100:1 --posting 4100:-1 --date 2026-02-01"
        let session = try Self.terminalSession(
            ["/bin/sh", "-c", "trap \"\" INT; \(post); echo exit=$?; stty -a"], in: ledger.dir,
            environment: ["VTF_LEDGER": ledger.ledger, "VTF_KEY": ledger.key("carol")], typing: ["\u{3}"])
        #expect(session.transcript.contains("exit=130"), "vtf ended by SIGINT: \(session.transcript)")
        #expect(session.transcript.contains(#/(^|\s)echo(\s|$)/#) && !session.transcript.contains(#/(^|\s)-echo(\s|$)/#),
                "echo is on again: \(session.transcript)")
        #expect(try ledger.fileBytes() == before)
    }

    @Test func keyGenerateEncryptWithoutATerminalPointsToTheVariable() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let refused = try CLI.vtf(["key", "generate", "--out", "frank.pem", "--encrypt"], in: dir)
        #expect(refused.status == 2 && refused.stderr.contains("in a script use --passphrase-env VAR"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/frank.pem"))
        let both = try CLI.vtf(["key", "generate", "--out", "frank.pem", "--encrypt", "--passphrase-env", "PW"], in: dir, environment: ["PW": "x"])
        #expect(both.status == 2 && both.stderr.contains("give one of them"), "\(both.stderr)")
        // A careless user's one-letter passphrase would be guessed offline in moments.
        let short = try CLI.vtf(["key", "generate", "--out", "frank.pem", "--passphrase-env", "PW"], in: dir, environment: ["PW": "a"])
        #expect(short.status == 2 && short.stderr.contains("the passphrase has 1 character, too few"), "\(short.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/frank.pem"))
    }
}

/// Collects what a pipe delivers, readable while the writer runs.
private final class Transcript: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                lock.withLock { data.append(chunk) }
            }
        }
    }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
