public import LedgerCore

/// The month ends a fund set up with `--seal monthly` seals as its books move past them: before
/// an entry dated in a later month is recorded, every month end since the ledger opened that no
/// seal is as of yet. A seal written then holds every entry recorded so far dated on or before
/// that day; one recorded later with an earlier date needs `vtf seal --as-of` again.
public enum MonthlySeals {
    /// At most this many seals are written before one write (the latest month ends), so that an
    /// entry dated far ahead does not write years of them.
    public static let limit = 24

    /// The month ends, oldest first, from the end of the opening's month up to the end of the
    /// month before `latest`'s, that are not in `sealed`; at most ``limit``, the latest ones.
    public static func due(opening: LedgerDate, latest: LedgerDate, sealed: Set<LedgerDate>) -> [LedgerDate] {
        var due: [LedgerDate] = []
        var end = monthEnd(opening)
        let firstOfLatest = latest.adding(days: 1 - latest.day)
        while end < firstOfLatest {
            if !sealed.contains(end) { due.append(end) }
            end = monthEnd(end.adding(days: 1))
        }
        return Array(due.suffix(limit))
    }

    /// The last day of `date`'s month.
    static func monthEnd(_ date: LedgerDate) -> LedgerDate {
        var day = date
        while let next = day.addingChecked(days: 1), next.month == date.month { day = next }
        return day
    }
}
