import ArgumentParser
import LedgerJournal
import TrustFundRules
import TransparencyLog

/// `--threads N`: how many cores a verification may use, from 1 to ``maximum``. Zero or a
/// negative count is refused when the arguments are read (it used to trap the verifier).
struct ThreadsOption: ParsableArguments {
    /// The most threads any command starts.
    static let maximum = 1024

    @Option(name: .customLong("threads"), help: "How many cores to use, 1 to 1024 (default: all).")
    var requested: Int?

    /// The count to use: the one asked for, else every core.
    var count: Int { requested ?? Parallel.coreCount }

    func validate() throws {
        guard let requested else { return }
        guard (1...Self.maximum).contains(requested) else {
            throw ValidationError("--threads \(requested): give a number of cores from 1 to \(Self.maximum)")
        }
    }
}
