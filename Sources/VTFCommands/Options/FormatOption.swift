import ArgumentParser
import CanonicalJSON
import LedgerJournal
import TrustFundRules
import TransparencyLog
import SafeIO

/// `--format text|json` of the list and status commands and of the commands that write.
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The shared `--format text|json` option (issue 12 item 11). A list or status command prints
/// its JSON document (schema: Schemas/json/COMMAND.schema.json) instead of its table; a command
/// that writes prints each entry it wrote as one line of `vtf journal export` (schema:
/// journal-entry.schema.json) on stdout, and its sentences for people on stderr.
struct FormatOption: ParsableArguments {
    @Option(help: "Output format: text, or json (the entries written, or the list, with its schema in Schemas/json).")
    var format: TextOrJSON = .text

    var isJSON: Bool { format == .json }
}

/// A command with the shared ``FormatOption``; ``OutputMode/run(_:)`` puts its choice in force
/// while it runs.
protocol FormatSelecting {
    var output: FormatOption { get }
}

/// Whether the running command answers in JSON. When it does, the module's `print` (talk for
/// people) goes to stderr and stdout carries only JSON (``JSONOutput``).
enum OutputMode {
    @TaskLocal static var json = false

    /// Runs `command` with its `--format` in force: awaits an `AsyncParsableCommand`'s `run()`,
    /// calls a `ParsableCommand`'s (on the main actor, see ``CommandRunner``), so commands of
    /// both kinds coexist under one root.
    @MainActor
    static func run(_ command: sending any ParsableCommand) async throws {
        guard let selecting = command as? any FormatSelecting, selecting.output.isJSON else {
            try await dispatch(command)
            return
        }
        try await $json.withValue(true) { try await dispatch(command) }
    }

    @MainActor
    private static func dispatch(_ command: sending any ParsableCommand) async throws {
        if var asynchronous = command as? any AsyncParsableCommand {
            try await asynchronous.run()
        } else {
            var synchronous = command
            try synchronous.run()
        }
    }
}

/// What a command in JSON mode puts on stdout.
enum JSONOutput {
    /// One JSON document (canonical form, RFC 8785), on one line.
    static func document(_ value: JSONValue) throws {
        Swift.print(TerminalText.inert(try JSONCanonicalizer.canonicalString(value)))
    }

    /// The entries a command wrote, one `vtf journal export` line each, when it answers in JSON.
    static func wrote(_ entries: [SignedEntry]) {
        guard OutputMode.json else { return }
        for entry in entries { Swift.print(TerminalText.inert(String(decoding: entry.exportLine(), as: UTF8.self))) }
    }
}
