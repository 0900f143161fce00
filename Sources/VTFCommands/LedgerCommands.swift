public import ArgumentParser

/// The ledger's commands, in the groups `vtf --help` shows them: everything `vtf` does except the
/// demo and the benchmarks (VTFDemo), which run these commands. VTFCLI's root command `VTF` lists
/// these groups; the demo and the write fuzz run command lines against ``LedgerCommands``.
public enum LedgerCommandGroups {
    /// Set up, record, donors and income, grants and approval, year end, read and report, check and audit.
    public static let all: [CommandGroup] = [
        CommandGroup(name: "Set up", subcommands: [InitCommand.self, KeyCommand.self, AccountCommand.self, SettingCommand.self, StoreCommand.self]),
        CommandGroup(name: "Record entries", subcommands: [
            PostCommand.self, ReverseCommand.self, ImportCommand.self,
        ]),
        CommandGroup(name: "Donors and income", subcommands: [
            DonorCommand.self, PledgeCommand.self, AgreementCommand.self, ReceiveCommand.self, ReceivableCommand.self,
            RatesCommand.self, CashCommand.self, FXCommand.self, InterestCommand.self,
        ]),
        CommandGroup(name: "Grants, budgets and two-person approval", subcommands: [
            GrantCommand.self, BudgetCommand.self, SecretariatCommand.self, CertifyCommand.self, ApproveCommand.self, RejectCommand.self, PendingCommand.self,
        ]),
        CommandGroup(name: "Year end", subcommands: [ReserveCommand.self, YearCommand.self]),
        CommandGroup(name: "Read and report", subcommands: [
            BalanceCommand.self, FundsCommand.self, FundReportCommand.self, StatementCommand.self, JournalCommand.self, ExportCommand.self, PublishCommand.self,
        ]),
        CommandGroup(name: "Check, prove and audit", subcommands: [
            VerifyCommand.self, ReconcileCommand.self, CheckpointCommand.self, LogCommand.self, ProveCommand.self,
            ProofCommand.self, SealCommand.self, AuditCommand.self,
        ]),
        CommandGroup(name: "Serve", subcommands: [ServeCommand.self, WitnessCommand.self]),
    ]
}

/// A root for running the ledger's commands in process (``CommandRunner``): `vtf` without the demo
/// and the benchmarks. The `vtf` executable's root is VTFCLI's `VTF`.
public struct LedgerCommands: AsyncParsableCommand {
    /// `vtf` with the groups of ``LedgerCommandGroups``.
    public static let configuration = CommandConfiguration(
        commandName: "vtf",
        abstract: "The ledger's commands of vtf, run in process.",
        groupedSubcommands: LedgerCommandGroups.all
    )

    /// The parser makes it; it only dispatches to a subcommand.
    public init() {}
}
