public import BankStatements

/// Matches bank lines to book lines. Pure: the same input gives the same result, in the same
/// order, and no rule ever looks at all bank × book pairs.
public enum Matcher {
    /// Applies the rules in order, each to what is still unmatched, taking only unique hits:
    ///
    /// 0. a line repeating an earlier line of another statement in bank id, amount, booking date
    ///    and direction (credit, debit, reversal) is a ``Duplicate``, never matched; `NONREF`
    ///    and `NOTPROVIDED` are no bank id;
    /// 1. ``MatchRule/bankID``: the bank id's ``MatchOptions/priorMatches`` (all still present,
    ///    summing to the bank amount);
    /// 2. ``MatchRule/reference``: an end-to-end id, structured reference or word of the text
    ///    equals a book reference, with an equal amount;
    /// 3. ``MatchRule/amountDateCounterparty``: equal amount, book date within
    ///    ``MatchOptions/windowDays`` of the value date, and a book counterparty named in the
    ///    bank line (or its account);
    /// 4. ``MatchRule/batch``: 2…``MatchOptions/maxBatchSize`` book lines of the same sign in the
    ///    window summing to the bank amount (the batch count as the size when given), unique
    ///    within the search bounds;
    /// 5. scored ``Suggestion``s for what is left, never matches.
    ///
    /// Rules 2 and 3 take a book line only when it is the bank line's one candidate and no other
    /// bank line has it as its one candidate; they repeat while that frees further lines. Rule 4
    /// takes a set only when no other bank line's set shares a line with it. Amounts are compared
    /// signed and in the same currency, so a reversal matches a book line of its own sign.
    public static func match(bank: [BankLine], book: [BookLine], options: MatchOptions = MatchOptions()) -> MatchResult {
        var run = MatchRun(bank: bank, book: book, options: options)
        run.markDuplicates()
        run.matchPriorIDs()
        run.matchUnique(.reference)
        run.matchUnique(.amountDateCounterparty)
        run.matchBatches()
        return run.result()
    }
}
