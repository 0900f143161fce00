/// MT942 interim transaction reports look like MT940 (`:20:`, `:25:`, `:28C:`, `:61:`, `:86:`)
/// but carry a floor limit `:34F:` and a date-time `:13D:` instead of the booked balances
/// `:60F:` and `:62F:`. They are refused by name, at their first MT942-only field, so the
/// message is never "no opening balance".
enum MT942Report {
    /// The fields only an MT942 has.
    static let tags: Set<String> = ["34F", "13D", "13", "90D", "90C"]

    static func refusal(tag: String) -> FieldIssue {
        FieldIssue(
            "this is an MT942 interim transaction report (it has :\(tag):), not an MT940 statement: it has no booked"
                + " opening or closing balance to check and cannot be committed as a reconciliation;"
                + " reconcile the day's MT940 (or camt.053) statement instead")
    }
}
