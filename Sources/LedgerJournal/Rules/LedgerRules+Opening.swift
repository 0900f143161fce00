import LedgerCore

extension LedgerRules {
    /// Nothing is dated before the ledger's opening (its genesis entry's date). The template's
    /// chart, settings and keys take effect on that date, so an earlier entry would meet a fund
    /// without its settings (PSC, reserve) and be refused later, or worse, half-accepted: it is
    /// refused at once, with the fix. Writer and verifier both run this, after the closed-year
    /// rule (an entry dated in a closed year is told to move after the close).
    static func checkOpening(_ body: EntryBody, settings: LedgerSettings) throws(RuleViolation) {
        guard let opening = settings.openingDate, body.date < opening else { return }
        throw RuleViolation(.wrongDate, 
            "entry \(body.seq): dated \(body.date), before the ledger's opening on \(opening) (the date of its genesis entry); a ledger holds nothing dated before it opened — to record \(body.date.year), create the ledger with `vtf init --date \(body.date.year)-01-01` (the first day of the earliest financial year it must hold)")
    }
}
