public import ArgumentParser
import Foundation
import LedgerStore
public import SQLiteStore
import TrustFundRules
import TransparencyLog
import SafeIO

/// Names the ledger a command works on: ``GlobalOptions`` (commands that record, with --key) and
/// ``LedgerOptions`` (commands that only read, which offer no --key).
public protocol LedgerLocating {
    /// The ledger file given with --ledger; nil when absent (then $VTF_LEDGER names it).
    var ledger: String? { get }
}

/// `--ledger` alone: the options of a command that only reads the ledger, so its help does not
/// offer a --key it would never use.
public struct LedgerOptions: ParsableArguments, LedgerLocating {
    @Option(help: ArgumentHelp("The ledger file (default: $VTF_LEDGER).", valueName: "path"))
    /// The ledger file given with --ledger; nil when absent (then $VTF_LEDGER names it).
    public var ledger: String?

    /// No --ledger yet; the parser fills it.
    public init() {}
}

extension LedgerLocating {
    func ledgerPath() throws -> String {
        guard let path = ledger ?? GlobalOptions.environment["VTF_LEDGER"], !path.isEmpty else {
            throw InputError("which ledger? Pass --ledger PATH or set VTF_LEDGER")
        }
        return path
    }

    /// Opens the ledger; read-only commands pass `readOnly` and never write a byte of it.
    public func openLedger(readOnly: Bool = false) throws -> LedgerFile {
        let path = try ledgerPath()
        if FileManager.default.fileExists(atPath: path), let problem = InputFile.problem(path) {
            throw InputError("--ledger \(path) \(problem): give the ledger file")
        }
        return try LedgerFile.open(at: path, mode: readOnly ? .readOnly : .readWrite, rules: .unvtf)
    }

    /// Opens the ledger through the store seam: the commands moved onto `LedgerReading` /
    /// `LedgerWriting` open it here, so another store (PostgreSQL, chosen by the `--ledger` URL)
    /// plugs in at this one place.
    func openStore(readOnly: Bool = false) throws -> any LedgerWriting {
        try openLedger(readOnly: readOnly).store
    }
}
