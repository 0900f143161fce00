/// The balance rule of the journal (DESIGN.md §3): an entry balances when, for every currency,
/// its postings' amounts sum to zero, and all their values (in the fund currency) sum to zero.
public enum BalanceRule {
    /// Checks `postings` against the balance rule, in this order:
    /// 1. there are at least 2 postings and at most ``Limits/postingsPerEntryMax``;
    /// 2. for each posting, in order: its value is in `fundCurrency`; when its amount is in
    ///    `fundCurrency`, its value equals its amount; its amount and value are not both zero;
    /// 3. for each currency, in code order, the amounts sum to zero;
    /// 4. the values sum to zero.
    ///
    /// Sums are exact (128-bit), so a balanced entry never fails on an intermediate overflow and
    /// the verdict does not depend on the order of the postings.
    /// - Throws: ``BalanceError`` for the first rule broken.
    public static func check(_ postings: [Posting], fundCurrency: Currency) throws(BalanceError) {
        guard postings.count >= 2 else { throw .tooFewPostings(count: postings.count) }
        guard postings.count <= Limits.postingsPerEntryMax else {
            throw .tooManyPostings(count: postings.count)
        }
        for (index, posting) in postings.enumerated() {
            try checkLine(posting, index: index, fundCurrency: fundCurrency)
        }
        // An entry has few currencies: a list searched in line beats a dictionary here (this
        // runs for every entry written and verified).
        var sums: [(currency: Currency, sum: WideSum)] = []
        var valueSum = WideSum()
        for posting in postings {
            if let known = sums.firstIndex(where: { $0.currency == posting.amount.currency }) {
                sums[known].sum.add(posting.amount.minorUnits)
            } else {
                var sum = WideSum()
                sum.add(posting.amount.minorUnits)
                sums.append((posting.amount.currency, sum))
            }
            valueSum.add(posting.value.minorUnits)
        }
        for (currency, sum) in sums.sorted(by: { $0.currency < $1.currency }) where !sum.isZero {
            guard let total = sum.int64Value else { throw .overflow(currency) }
            throw .unbalancedCurrency(currency, Amount(minorUnits: total, currency: currency))
        }
        guard valueSum.isZero else {
            guard let total = valueSum.int64Value else { throw .overflow(fundCurrency) }
            throw .unbalancedValue(Amount(minorUnits: total, currency: fundCurrency))
        }
    }

    private static func checkLine(
        _ posting: Posting,
        index: Int,
        fundCurrency: Currency
    ) throws(BalanceError) {
        guard posting.value.currency == fundCurrency else {
            throw .valueCurrency(index: index, currency: posting.value.currency)
        }
        if posting.amount.currency == fundCurrency && posting.value != posting.amount {
            throw .fundCurrencyValueMismatch(index: index)
        }
        if posting.amount.isZero && posting.value.isZero {
            throw .zeroPosting(index: index)
        }
    }
}

/// Why a set of postings breaks the balance rule.
///
/// `index` values are 0-based positions in the array given to
/// ``BalanceRule/check(_:fundCurrency:)``; messages count from 1 ("posting 3" is `index` 2).
public enum BalanceError: Error, Equatable, CustomStringConvertible {
    /// Fewer than 2 postings.
    case tooFewPostings(count: Int)
    /// More than ``Limits/postingsPerEntryMax`` postings.
    case tooManyPostings(count: Int)
    /// The amounts in `currency` do not sum to zero; `sum` is what they sum to.
    case unbalancedCurrency(Currency, Amount)
    /// The values do not sum to zero; the associated amount is what they sum to.
    case unbalancedValue(Amount)
    /// A posting's value is not in the fund currency.
    case valueCurrency(index: Int, currency: Currency)
    /// A posting in the fund currency has a value different from its amount.
    case fundCurrencyValueMismatch(index: Int)
    /// A posting whose amount and value are both zero.
    case zeroPosting(index: Int)
    /// The amounts of `currency` (or the values, in the fund currency) sum beyond `Int64` minor
    /// units; such postings cannot balance.
    case overflow(Currency)

    /// The message for people, e.g.
    /// `postings do not balance in EUR: they sum to 12.50 (debits must equal credits)`.
    public var description: String {
        switch self {
        case .tooFewPostings(let count):
            "an entry with postings needs at least 2 of them, this one has \(count)"
        case .tooManyPostings(let count):
            "an entry has at most \(Limits.postingsPerEntryMax) postings, this one has \(count)"
        case .unbalancedCurrency(let currency, let sum):
            "postings do not balance in \(currency.code): they sum to \(sum.decimalString) "
                + "(debits must equal credits)"
        case .unbalancedValue(let sum):
            "posting values do not balance: they sum to \(sum.decimalString) "
                + "\(sum.currency.code) (values in the fund currency must also sum to zero)"
        case .valueCurrency(let index, let currency):
            "posting \(index + 1): its value is in \(currency.code), "
                + "but values must be in the fund currency"
        case .fundCurrencyValueMismatch(let index):
            "posting \(index + 1): it is in the fund currency, so its value must equal its amount"
        case .zeroPosting(let index):
            "posting \(index + 1): amount and value are both zero (an empty line)"
        case .overflow(let currency):
            "postings in \(currency.code) sum beyond the largest amount "
                + "(\(Amount(minorUnits: .max, currency: currency).decimalString)); "
                + "they cannot balance"
        }
    }
}
