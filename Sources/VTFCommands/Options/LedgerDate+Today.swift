public import LedgerCore
import LedgerJournal

extension LedgerDate {
    /// Today's date in UTC.
    public static func today() -> LedgerDate {
        do { return try LedgerDate(parsing: String(RecordingTime.now().prefix(10))) } catch {
            preconditionFailure("the clock gives a valid date: \(error)")
        }
    }
}
