public import LedgerCore
public import LedgerJournal

/// Fresh refs for the requests people record without naming one: `PREFIX-YEAR-NNNN`, e.g.
/// `PAY-2026-0007`, the first number after the requests already recorded that no request holds.
/// The numbers count all requests (of every prefix), so a ref says roughly how many came before.
///
/// The writer numbers a request inside its write transaction (``FundRuleSet``'s
/// `freshRef`, asked for by a draft's `refPrefix`), so that people recording at the same time,
/// on one file or through a ledger service, never draw the same ref.
public enum RequestRefNumbering {
    /// The first ref `prefix-YEAR-NNNN` of `date`'s year not in `taken`, counting from the number
    /// of refs taken plus one (four digits at least; more when the count needs them).
    public static func next(_ prefix: String, date: LedgerDate, taken: Set<String>) -> String {
        var number = taken.count + 1
        while true {
            let digits = String(number)
            let ref = "\(prefix)-\(date.year)-\(String(repeating: "0", count: max(0, 4 - digits.count)))\(digits)"
            if !taken.contains(ref) { return ref }
            number += 1
        }
    }

    /// The next free ref for a request recorded after `state` (its requests' refs are taken).
    public static func next(_ prefix: String, date: LedgerDate, state: some LedgerStateReading) throws -> String {
        next(prefix, date: date, taken: Set(try state.records(RequestRecord.collection).map(\.id)))
    }
}
