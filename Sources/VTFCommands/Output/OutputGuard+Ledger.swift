import SafeIO

extension LedgerLocating {
    /// The guard for this command's outputs: the ledger it names (and that ledger's -wal and
    /// -shm) are never written, under any spelling of their paths.
    func outputGuard() -> OutputGuard {
        guard let path = try? ledgerPath() else { return OutputGuard() }
        return OutputGuard(protecting: [path] + OutputGuard.sqliteSuffixes.map { path + $0 })
    }
}
