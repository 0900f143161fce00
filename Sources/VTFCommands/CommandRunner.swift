public import ArgumentParser
import Foundation
import CanonicalJSON
import LedgerClient
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import SafeIO
import Spreadsheets
import AuditBundle
import BankReconciliationBooking

/// Runs a command line in process and maps every outcome to the exit statuses of DESIGN §6:
/// 0 success; 1 a check found problems; 2 bad input, usage, or a rule refused; 3 storage or system failure.
/// The `vtf` executable runs its root command (VTFCLI's `VTF`) through it; the demo and the write
/// fuzz run the ledger's commands (``LedgerCommands``) through it.
///
/// It runs on the main actor: a command still synchronous (a `ParsableCommand`, one still on the
/// ledger file) runs there, on the main thread, as before the commands became asynchronous, so
/// its blocking SQLite calls never hold a thread of Swift's cooperative pool; an
/// `AsyncParsableCommand` is awaited and runs wherever its store calls take it.
public enum CommandRunner {
    /// Parses `arguments` (the process's when nil) as `root`'s, runs the command (awaiting it when
    /// it is an `AsyncParsableCommand`), and returns its exit status.
    @MainActor
    public static func execute(arguments: [String]? = nil, root: any ParsableCommand.Type = LedgerCommands.self) async -> Int32 {
        do {
            let given = NegativeValues.joined(arguments ?? Array(CommandLine.arguments.dropFirst()))
            try TextFlags.check(given)
            if let problem = CommandSuggestion.unknownHelpTopic(in: given, root: root) { throw InputError(problem) }
            let command: any ParsableCommand
            do { command = try root.parseAsRoot(given) } catch {
                if let suggestion = CommandSuggestion.unknownCommand(in: given, root: root) { throw InputError(suggestion) }
                throw error
            }
            try RepeatedOptions.check(given, command: type(of: command))
            try await OutputMode.run(command)
            return 0
        } catch {
            return report(error, root: root)
        }
    }

    static func report(_ error: any Error, root: any ParsableCommand.Type = LedgerCommands.self) -> Int32 {
        if let exitCode = error as? ExitCode { return exitCode.rawValue }
        let (status, message) = classify(error, root: root)
        if status == 0 {
            if !message.isEmpty { print(message) }
        } else if !message.isEmpty {
            Terminal.error(message)
        }
        return status
    }

    /// A refused entry was never written, so its would-be seq only confuses: "entry 16: x" → "x",
    /// "entry 16 data: payee is empty" → "payee is empty" (the member named is the option or
    /// JSON member the person gave), "entry 16 posting 2: x" → "posting 2: x".
    static func withoutEntryNumber(_ message: String) -> String {
        message.replacing(#/^entry \d+(?: data)?: /#, with: "").replacing(#/^entry \d+ (posting \d+)/#) { String($0.1) }
    }

    /// "Error: Unknown option '--x'" → "Unknown option '--x'".
    static func withoutErrorPrefix(_ message: String) -> String {
        message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
    }

    static func classify(_ error: any Error, root: any ParsableCommand.Type = LedgerCommands.self) -> (Int32, String) {
        switch error {
        case is ReaderGone: return (0, "")
        case let failure as VerificationFailure: return (1, "verification failed: \(failure)")
        case let failure as CheckFailure: return (1, "check failed: \(failure.message)")
        case let witness as WitnessError: return witness.kind == .checkFailed ? (1, "check failed: \(witness.message)") : (2, witness.message)
        case is NoteError, is MerkleError: return (2, "\(error)")
        case let violation as RuleViolation: return (2, "refused: \(withoutEntryNumber(violation.message))")
        case let store as StoreError: return (store.kind == .input ? 2 : 3, store.message)
        case let input as InputError: return (2, input.message)
        case let remote as RemoteError: return (remote.code == .badAnswer ? 1 : remote.isInput || remote.code == .refused ? 2 : 3, remote.message)
        case let bank as BankReconciliationError: return (2, bank.message)
        case let file as InputFileError: return (2, file.message)
        case let file as OutputFileError: return (file.code == .unwritable ? 3 : 2, file.message)
        case let keyFile as KeyFileError: return (2, "\(keyFile)")
        case let crypto as CryptoError: return (2, "\(crypto)")
        case is AmountError, is DateError, is CurrencyError, is AccountCodeError, is BalanceError, is JSONParseError:
            return (2, "\(error)")
        case is CocoaError, is POSIXError: return (3, "system failure: \(error.localizedDescription)")
        case let spreadsheet as SpreadsheetError: return (3, "system failure: \(spreadsheet)")
        default:
            let code = root.exitCode(for: error)
            // The parser's "Error: " would follow our "vtf: ": one prefix is enough.
            let message = withoutErrorPrefix(root.fullMessage(for: error))
            if code == .success { return (0, message) }
            if code == .validationFailure { return (2, message) }
            if message.isEmpty { return (code.rawValue, "") }
            return (3, "failure: \(message)")
        }
    }
}

/// Bad input to a command (a file, an option's value), with what was wrong and where. Exit status 2.
public struct InputError: Error, CustomStringConvertible {
    /// What was wrong, where, and the fix; printed after `vtf: `.
    public let message: String

    /// An input error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
