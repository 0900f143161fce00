/// Which of a `Stmt`'s balances are its opening and its closing. The booked ones come first:
/// opening `OPBD` (else `PRCD`), closing `CLBD`. A page of a statement split over several
/// carries interim booked balances (`ITBD`) instead: the first stands for the opening when
/// there is no booked one and another balance closes the page, the last for the closing when
/// there is no `CLBD`.
struct CamtPageBalances {
    let opening: CamtBalanceDraft?
    let closing: CamtBalanceDraft?
    /// Whether an interim balance stands for the opening or the closing.
    let interim: Bool

    init(_ balances: [CamtBalanceDraft]) {
        let booked = balances.first { $0.type == "OPBD" } ?? balances.first { $0.type == "PRCD" }
        let clbd = balances.first { $0.type == "CLBD" }
        let interims = balances.enumerated().filter { $0.element.type == "ITBD" }
        var opening = booked
        var closing = clbd
        var openingIndex: Int?
        if opening == nil, let first = interims.first, clbd != nil || interims.count > 1 {
            opening = first.element
            openingIndex = first.offset
        }
        if closing == nil, let last = interims.last, last.offset != openingIndex {
            closing = last.element
        }
        self.opening = opening
        self.closing = closing
        interim = (booked == nil && opening != nil) || (clbd == nil && closing != nil)
    }
}
