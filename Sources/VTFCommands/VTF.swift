public import ArgumentParser

/// The `vtf` command: the root of every subcommand.
public struct VTF: ParsableCommand {
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
        version: "0.1.0",
        subcommands: [
            InitCommand.self, KeyCommand.self, AccountCommand.self, PostCommand.self, ReverseCommand.self,
            ImportCommand.self, BalanceCommand.self, FundReportCommand.self, JournalCommand.self, VerifyCommand.self,
            CheckpointCommand.self, LogCommand.self, ProveCommand.self, ProofCommand.self, AuditCommand.self,
            DonorCommand.self, PledgeCommand.self, RatesCommand.self, AgreementCommand.self, ReceiveCommand.self, CashCommand.self,
            GrantCommand.self, CertifyCommand.self, ApproveCommand.self, RejectCommand.self, PendingCommand.self,
            ReceivableCommand.self, FXCommand.self, InterestCommand.self, ReserveCommand.self, YearCommand.self,
            SettingCommand.self, BudgetCommand.self, FundsCommand.self, ReconcileCommand.self, StatementCommand.self, DemoCommand.self, BenchCommand.self,
            BenchCheckedReadCommand.self,
        ]
    )

    public init() {}
}
