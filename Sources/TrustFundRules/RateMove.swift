import LedgerCore
import LedgerJournal

/// A UN operational rate that moves a currency by more than a quarter from its rate before
/// needs two people. One fund manager set EUR at 0.0001 to the dollar in an outside trial, and
/// converting EUR 650,000 then booked USD 6.5 billion of cash and an FX gain, against which two
/// officers certified a grant; revaluing at a made-up rate likewise shrank a receivable under the
/// write-off limit. The UN Treasury's monthly rates of the currencies donors pay in move by a few
/// percent; a real devaluation of more than 25 % is recorded as a `rates.set` request (`vtf
/// rates set … --request`), certified and approved by two other people.
enum RateMove {
    /// How far a rate may move, as a fraction: within [old × 4/5, old × 5/4].
    static let (numerator, denominator): (Int64, Int64) = (5, 4)

    /// Refuses `rate` (text `text`) for `currency` from `from` when it is more than 25 % away from
    /// the currency's rate in force the day before (or, for the first rate before others already
    /// recorded, from the next one).
    static func check(_ currency: Currency, _ rate: Decimal64, _ text: String, from: LedgerDate, _ context: FundContext) throws {
        let day = from.description
        let records = try context.state.records(FundMoney.rateCollection(currency))
        guard let neighbour = records.last(where: { $0.id < day }) ?? records.first(where: { $0.id > day }),
            let recorded = try RateRecord(neighbour)?.rate, let other = try? Decimal64(parsing: recorded), other.significand > 0
        else { return }
        guard !within(rate, of: other) else { return }
        throw context.refuse(.twoPerson, """
            \(currency.code) \(text) from \(from) is more than 25 % away from its rate from \(neighbour.id) (\(recorded), entry \
            \(neighbour.seq)): check the UN Treasury's table (units of \(currency.code) per 1 \(context.fundCurrency.code)); a real move \
            that large needs two people: vtf rates set … --request makes a request (it prints a REF), then vtf certify REF and \
            vtf approve REF
            """)
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
