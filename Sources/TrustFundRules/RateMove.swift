import LedgerCore
import LedgerJournal

/// A UN operational rate that moves a currency by more than a quarter from its rate before
/// needs two people. One fund manager set EUR at 0.0001 to the dollar in an outside trial, and
/// converting EUR 650,000 then booked USD 6.5 billion of cash and an FX gain, against which two
/// officers certified a grant; revaluing at a made-up rate likewise shrank a receivable under the
/// write-off limit. The UN Treasury's monthly rates of the currencies donors pay in move by a few
/// percent; a real devaluation of more than 25 % is recorded as a `rates.set` request (`vtf
/// rates set … --request`), certified and approved by two other people. A later trial split such a
/// move into four steps of under 25 % on four days, so a rate is compared with every rate in force
/// within a month of it, not only with the one before.
enum RateMove {
    /// How far a rate may move, as a fraction: within [old × 4/5, old × 5/4].
    static let (numerator, denominator): (Int64, Int64) = (5, 4)

    /// How many days either side of a new rate's start the rates it is compared with reach: a
    /// month, as the UN Treasury's rates are monthly.
    static let windowDays = 31

    /// Refuses `rate` (text `text`) for `currency` from `from` when it is more than 25 % away from
    /// any rate of the currency in force within ``windowDays`` days before it or starting within
    /// ``windowDays`` days after it (for the first rate before others already recorded, the next
    /// one). Comparing with every rate of the window, not only the one before, means that a move
    /// split into small steps on following days is still one move: the third step of four 25 %
    /// steps is 56 % from the first.
    static func check(_ currency: Currency, _ rate: Decimal64, _ text: String, from: LedgerDate, _ context: FundContext) throws {
        let records = try context.state.records(FundMoney.rateCollection(currency))
        for neighbour in window(records, around: from) {
            guard let recorded = try RateRecord(neighbour)?.rate, let other = try? Decimal64(parsing: recorded), other.significand > 0,
                !within(rate, of: other)
            else { continue }
            throw context.refuse(.twoPerson, """
                \(currency.code) \(text) from \(from) is more than 25 % away from its rate from \(neighbour.id) (\(recorded), entry \
                \(neighbour.seq)), in force within \(windowDays) days of it: check the UN Treasury's table (units of \(currency.code) \
                per 1 \(context.fundCurrency.code)); a real move that large, in one step or several, needs two people: vtf rates set … \
                --request makes a request (it prints a REF), then vtf certify REF and vtf approve REF
                """)
        }
    }

    /// Refuses a currency's first rate from one person: nothing comes before it to compare it
    /// with. An outside trial set CHF at 0.0001 to the dollar, received CHF 100 as USD 1,000,000
    /// of revenue, converted it into USD 1,000,000 of cash the bank never held, and two officers
    /// certified and approved a USD 1,000,000 payment against it. The first rate of a currency
    /// is recorded as a `rates.set` request, certified and approved by two other people.
    static func checkNotFirst(_ currency: Currency, _ text: String, from: LedgerDate, _ context: FundContext) throws {
        guard try context.state.records(FundMoney.rateCollection(currency)).isEmpty else { return }
        throw context.refuse(.twoPerson, """
            \(currency.code) has no rate yet: a currency's first rate (\(currency.code) \(text) from \(from)) is confirmed by two \
            people, as nothing before it can be compared with it: vtf rates set … --request makes a request (it prints a REF), \
            then vtf certify REF and vtf approve REF; later rates of \(currency.code) are compared with it
            """)
    }

    /// The rates `from`'s rate is compared with: the one in force on the day the window opens and
    /// every one starting after that day and up to ``windowDays`` days after `from` (one already
    /// recorded for `from` itself included); when there is none, the first after (however far).
    static func window(_ records: [StateRecord], around from: LedgerDate) -> [StateRecord] {
        let opens = from.addingClamped(days: -windowDays).description
        let closes = from.addingClamped(days: windowDays).description
        var compared = records.filter { $0.id > opens && $0.id <= closes }
        if let inForce = records.last(where: { $0.id <= opens }) { compared.append(inForce) }
        if compared.isEmpty, let next = records.first(where: { $0.id > from.description }) { compared.append(next) }
        return compared.sorted { $0.id > $1.id }
    }

    /// Whether `rate` lies within [old × 4/5, old × 5/4], compared exactly.
    static func within(_ rate: Decimal64, of old: Decimal64) -> Bool {
        let scale = max(rate.scale, old.scale)
        let new = Int128(rate.significand) * power(scale - rate.scale)
        let before = Int128(old.significand) * power(scale - old.scale)
        let (up, down) = (Int128(numerator), Int128(denominator))
        return new * down <= before * up && new * up >= before * down
    }

    private static func power(_ exponent: Int) -> Int128 {
        (0..<exponent).reduce(Int128(1)) { value, _ in value * 10 }
    }
}
