import LedgerCore
import Testing

/// A posting of `amount` minor units of `code` on `account`, worth `value` cents of USD.
private func line(_ account: String, _ amount: Int64, _ code: String, value: Int64) throws
    -> Posting
{
    Posting(
        account: try AccountCode(account),
        amount: Amount(minorUnits: amount, currency: try Currency(code: code)),
        value: Amount(minorUnits: value, currency: .usd))
}

/// A posting in USD, whose value is its amount.
private func dollars(_ account: String, _ cents: Int64) throws -> Posting {
    try line(account, cents, "USD", value: cents)
}

private func refusal(_ postings: [Posting]) -> BalanceError? {
    #expect(throws: BalanceError.self) { try BalanceRule.check(postings, fundCurrency: .usd) }
}

@Suite("BalanceRule: every entry balances per currency and in value")
struct BalanceRuleTests {
    @Test("a USD receipt balances")
    func usdReceipt() throws {
        try BalanceRule.check(
            [dollars("1100", 150_000), dollars("4100", -150_000)], fundCurrency: .usd)
    }

    @Test("a EUR receipt balances in EUR and in USD value")
    func eurReceipt() throws {
        // EUR 1000.00 at 0.92 EUR per USD: 1086.96 USD.
        try BalanceRule.check(
            [
                line("1100", 100_000, "EUR", value: 108_696),
                line("4100", -100_000, "EUR", value: -108_696),
            ],
            fundCurrency: .usd)
    }

    @Test("an FX difference is a line with zero amount and a value")
    func fxDifference() throws {
        // Receivable booked at 1086.96 USD, received at 1090.00 USD: a 3.04 USD gain.
        try BalanceRule.check(
            [
                line("1100", 100_000, "EUR", value: 109_000),
                line("1200", -100_000, "EUR", value: -108_696),
                line("4900", 0, "EUR", value: -304),
            ],
            fundCurrency: .usd)
    }

    @Test("several currencies in one entry each balance")
    func multiCurrency() throws {
        try BalanceRule.check(
            [
                line("1100.EUR", 50_000, "EUR", value: 54_348),
                line("1100.JPY", -7_500, "JPY", value: -5_000),
                line("4100", -50_000, "EUR", value: -54_348),
                line("5400", 7_500, "JPY", value: 5_000),
            ],
            fundCurrency: .usd)
    }

    @Test("exactly the limit of postings is allowed")
    func atLimit() throws {
        var postings: [Posting] = []
        for _ in 0..<(Limits.postingsPerEntryMax / 2) {
            postings.append(try dollars("1100", 1))
            postings.append(try dollars("4100", -1))
        }
        #expect(postings.count == 1000)
        try BalanceRule.check(postings, fundCurrency: .usd)
    }

    @Test("huge postings that balance do not overflow, in any order")
    func hugeButBalanced() throws {
        let up = try dollars("1100", .max)
        let down = try dollars("4100", -.max)
        try BalanceRule.check([up, up, down, down], fundCurrency: .usd)
        try BalanceRule.check([down, down, up, up], fundCurrency: .usd)
        let min = try dollars("1100", .min)
        let one = try dollars("4100", 1)
        try BalanceRule.check([min, up, one], fundCurrency: .usd)
    }

    @Test("fewer than 2 postings", arguments: [0, 1])
    func tooFew(count: Int) throws {
        let postings = try Array(repeating: dollars("1100", 100), count: count)
        let error = refusal(postings)
        #expect(error == .tooFewPostings(count: count))
        #expect(error?.description.contains("at least 2") == true)
    }

    @Test("more than the limit of postings")
    func tooMany() throws {
        var postings = try Array(repeating: dollars("1100", 1), count: 1001)
        postings[0] = try dollars("4100", -1000)
        let error = refusal(postings)
        #expect(error == .tooManyPostings(count: 1001))
        #expect(error?.description.contains("at most 1000") == true)
    }

    @Test("a value in another currency than the fund's")
    func valueCurrency() throws {
        let euro = try Currency(code: "EUR")
        let bad = Posting(
            account: try AccountCode("4100"),
            amount: Amount(minorUnits: -100, currency: euro),
            value: Amount(minorUnits: -100, currency: euro))
        let error = refusal([try line("1100", 100, "EUR", value: 100), bad])
        #expect(error == .valueCurrency(index: 1, currency: euro))
        #expect(error?.description.contains("posting 2") == true)
        #expect(error?.description.contains("EUR") == true)
    }

    @Test("a fund-currency posting whose value differs from its amount")
    func fundCurrencyMismatch() throws {
        let error = refusal([
            try line("1100", 1000, "USD", value: 1001),
            try dollars("4100", -1000),
        ])
        #expect(error == .fundCurrencyValueMismatch(index: 0))
        #expect(error?.description.contains("posting 1") == true)
        #expect(error?.description.contains("must equal its amount") == true)
    }

    @Test("an empty line: amount and value both zero")
    func zeroPosting() throws {
        let error = refusal([
            try dollars("1100", 1000),
            try dollars("4100", -1000),
            try line("4900", 0, "EUR", value: 0),
        ])
        #expect(error == .zeroPosting(index: 2))
        #expect(error?.description.contains("posting 3") == true)
    }

    @Test("amounts that do not balance in a currency")
    func unbalancedCurrency() throws {
        let euro = try Currency(code: "EUR")
        let error = refusal([
            try line("1100", 100_000, "EUR", value: 108_696),
            try line("4100", -98_750, "EUR", value: -108_696),
        ])
        #expect(error == .unbalancedCurrency(euro, Amount(minorUnits: 1250, currency: euro)))
        #expect(
            error?.description
                == "postings do not balance in EUR: they sum to 12.50 (debits must equal credits)")
    }

    @Test("the first unbalanced currency in code order is reported")
    func currencyOrder() throws {
        // Eight unbalanced currencies, listed out of order; CHF comes first by code.
        let codes = ["ZAR", "SEK", "JPY", "EUR", "NOK", "GBP", "CHF", "KWD"]
        let postings =
            try codes.map { try line("1100", 7, $0, value: 0) }
            + [try dollars("4100", -1)] + [try dollars("1100", 1)]
        let franc = try Currency(code: "CHF")
        let error = refusal(postings)
        #expect(error == .unbalancedCurrency(franc, Amount(minorUnits: 7, currency: franc)))
    }

    @Test("unbalanced fund-currency postings are reported as a currency")
    func unbalancedDollars() throws {
        let error = refusal([try dollars("1100", 1000), try dollars("4100", -999)])
        #expect(error == .unbalancedCurrency(.usd, Amount(minorUnits: 1, currency: .usd)))
    }

    @Test("values that do not balance")
    func unbalancedValue() throws {
        let error = refusal([
            try line("1100", 100_000, "EUR", value: 108_696),
            try line("4100", -100_000, "EUR", value: -108_695),
        ])
        #expect(error == .unbalancedValue(Amount(minorUnits: 1, currency: .usd)))
        #expect(error?.description.contains("they sum to 0.01 USD") == true)
    }

    @Test("sums beyond Int64 are an error, not a trap")
    func overflow() throws {
        let up = try dollars("1100", .max)
        let error = refusal([up, up])
        #expect(error == .overflow(.usd))
        #expect(error?.description.contains("cannot balance") == true)
    }

    @Test("value sums beyond Int64 are an error, not a trap")
    func valueOverflow() throws {
        let error = refusal([
            try line("1100", 1, "EUR", value: .max),
            try line("4100", -1, "EUR", value: .max),
        ])
        #expect(error == .overflow(.usd))
    }

    @Test("the first bad line is reported before sums")
    func lineChecksFirst() throws {
        let error = refusal([
            try dollars("1100", 5),
            try line("4100", 0, "USD", value: 0),
            try line("4100", 1, "USD", value: 2),
        ])
        #expect(error == .zeroPosting(index: 1))
    }
}
