public import ArgumentParser
import VTFCommands
import VTFDemo

/// The `vtf` command: the root of every subcommand, the ledger's (VTFCommands) and the demo's and
/// benchmarks' (VTFDemo).
public struct VTF: AsyncParsableCommand {
    /// The name, the version, and the subcommands in the groups `vtf --help` shows.
    public static let configuration = CommandConfiguration(
        commandName: "vtf",
        abstract: "The books of a voluntary trust fund, as a signed, append-only, double-entry journal.",
        discussion: """
            Every entry is signed by the key of the person who records it, chained to the entry before \
            it, and covered by a checkpoint signed with the ledger's log key. Nothing is ever updated or \
            deleted: corrections are reversals. Auditors check everything with `vtf verify`.

            Most commands need --ledger PATH (or VTF_LEDGER) and, when they write, --key PATH \
            (or VTF_KEY): your own private key.

            A fund ledger (vtf init --template unvtf) adds donors, pledges, UN exchange rates, \
            agreements, receipts, grants with two-person approval (vtf certify, vtf approve, \
            vtf pending), PSC, the operating reserve, the year-end close and the IPSAS reports \
            (vtf report NAME).

            Start here:  vtf demo            (builds a year of the fund and explains it)
            Exit status: 0 ok; 1 a check found problems; 2 bad input or a rule refused (nothing written); \
            3 storage or system failure.
            """,
        version: VTF.version,
        subcommands: [DemoCommand.self, BenchCommand.self, BenchCheckedReadCommand.self, BenchWritersCommand.self, BenchSealCommand.self],
        groupedSubcommands: LedgerCommandGroups.all
    )

    /// The release this source is; `vtf --version` adds the commit (see ``BuildInfo``).
    public static let version = "0.13.0"

    /// The root command; swift-argument-parser makes it from the command line.
    public init() {}
}
