import ArgumentParser
import Testing
import VTFCLI
import VTFCommands

/// Issue 13 point 4: the demo and the benchmarks live in VTFDemo; VTFCommands holds the ledger's
/// commands only, and VTFCLI's root command `VTF` puts both together.
@Suite("Command targets")
struct CommandTargetsTests {
    static let demoAndBench: Set = ["demo", "bench-proofs", "bench-checked-read", "bench-writers", "bench-seal"]

    @Test func theLedgersCommandsHoldNoDemoOrBench() {
        let names = Set(LedgerCommands.configuration.subcommands.map { $0._commandName })
        #expect(names.isDisjoint(with: Self.demoAndBench), "\(names.sorted())")
        #expect(names.contains("verify") && names.contains("init"))
    }

    @Test func vtfIsTheLedgersCommandsPlusTheDemoAndBench() {
        let ledger = LedgerCommands.configuration.subcommands.map { $0._commandName }
        let vtf = VTF.configuration.subcommands.map { $0._commandName }
        #expect(Set(vtf) == Set(ledger).union(Self.demoAndBench))
        #expect(vtf.count == ledger.count + Self.demoAndBench.count)
    }

    /// The demo and the write fuzz run command lines through CommandRunner in process, against the
    /// ledger's commands: `demo` is not one of them there, and is refused with status 2.
    @Test func theRunnerRunsTheLedgersCommandsWithoutTheDemo() async {
        #expect(await CommandRunner.execute(arguments: ["demo", "--dir", "/nonexistent/x"]) == 2)
    }
}
