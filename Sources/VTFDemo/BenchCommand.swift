public import ArgumentParser
import Foundation
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import VTFCommands

/// Measurements used by Scripts/bench that need one process (not shown in --help).
public struct BenchCommand: ParsableCommand {
    /// `vtf bench-proofs`: its name, help and discussion.
    public static let configuration = CommandConfiguration(
        commandName: "bench-proofs",
        abstract: "Time inclusion and consistency proofs on this ledger (used by Scripts/bench).",
        discussion: """
            Builds --count inclusion proofs of random entries, checking each, and --count consistency proofs \
            from random earlier sizes, and prints the time per proof. Reads only.
            Example:  vtf bench-proofs --ledger bench.ledger --count 1000
            """,
        shouldDisplay: false)

    @OptionGroup var global: LedgerOptions

    @Option(help: "How many proofs of each kind.")
    var count: Int = 1000

    /// The parser makes it and fills the options.
    public init() {}

    /// Runs the command; errors go to VTFCommands' `CommandRunner`, which maps them to exit statuses.
    public func run() throws {
        let ledger = try global.openLedger(readOnly: true)
        let size = try ledger.entryCount()
        guard size > 1, count > 0 else { throw InputError("the ledger needs at least 2 entries") }
        let root = try ledger.root(size: size)
        var generator = SplitMix64(seed: size)
        var started = Date()
        for _ in 0..<count {
            let seq = generator.next() % size
            let proof = try ledger.inclusionProof(seq: seq, size: size)
            try MerkleVerifier.verifyInclusion(
                leafIndex: seq, treeSize: size, leafHash: proof.leafHash.bytes, proof: proof.path.map(\.bytes), root: root.bytes)
        }
        let inclusion = Date().timeIntervalSince(started) / Double(count)
        started = Date()
        for _ in 0..<count {
            let old = 1 + generator.next() % (size - 1)
            let path = try ledger.consistencyProof(oldSize: old, newSize: size)
            _ = path.count
        }
        let consistency = Date().timeIntervalSince(started) / Double(count)
        print(String(format: "proofs at %llu entries: inclusion %.3f ms, consistency %.3f ms (mean of %d, each verified)", size, inclusion * 1000, consistency * 1000, count))
    }
}

/// A small deterministic generator, so benchmark runs pick the same entries.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
