public import LedgerCore
public import LedgerStore

/// Donor statements as `vtf statement` and the ledger service make them: built in one snapshot
/// of the ledger after one checked read of it (`CheckedJournal`), so that what is signed rests on
/// that check.
public enum DonorStatements {
    /// The statements of `donors` (every donor when nil) for `start` ... `end`, issued `issued`.
    ///
    /// - Throws: ``StatementError`` for a donor the ledger does not know or a period that is not
    ///   one; the check's `VerificationFailure` when the journal does not match its checkpoint.
    public static func build(
        _ store: any LedgerReading, donors: [String]?, from start: LedgerDate, to end: LedgerDate, issued: LedgerDate
    ) async throws -> [DonorStatement] {
        try await store.read { ledger in
            let checked = try CheckedJournal.check(ledger)
            return try (donors ?? ledger.fundRecords("donor").map(\.id)).map { id in
                try StatementBuilder.build(ledger, checked: checked, donor: id, from: start, to: end, issued: issued)
            }
        }
    }
}
