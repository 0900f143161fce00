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
    @Option(help: ArgumentHelp("The ledger: a file, postgresql://USER@HOST[:PORT]/DB?schema=NAME, or a service's https://HOST[:PORT] read as your key (VTF_KEY) (default: $VTF_LEDGER).", valueName: "ledger"))
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

    /// Where the ledger is kept (``StoreLocation``): --ledger, else $VTF_LEDGER.
    func storeLocation() throws -> StoreLocation { try StoreLocation(try ledgerPath()) }

    /// Opens the ledger through the store seam to read only (never writing a byte of it): the
    /// commands on `LedgerReading` open it here, and ``StoreLocation`` picks the store.
    func openReading() async throws -> any LedgerReading {
        try await storeLocation().openReading(rules: .unvtf)
    }

    /// Opens the ledger through the store seam to write: the commands on `LedgerWriting` open it
    /// here, and ``StoreLocation`` picks the store.
    func openWriting() async throws -> any LedgerWriting {
        try await storeLocation().openWriting(rules: .unvtf, keyPath: (self as? GlobalOptions)?.key)
    }

    /// Opens the ledger file; read-only commands pass `readOnly` and never write a byte of it.
    /// For the commands not yet on the store seam; a location that is no file is refused.
    public func openLedger(readOnly: Bool = false) throws -> LedgerFile {
        switch try storeLocation() {
        case .sqliteFile(let path):
            try StoreLocation.checkFile(path)
            return try LedgerFile.open(at: path, mode: readOnly ? .readOnly : .readWrite, rules: .unvtf)
        case .postgres, .service:
            throw InputError("--ledger: this command works on a ledger file only; give the path of one (vtf store copy makes a file from a PostgreSQL ledger)")
        }
    }
}
