import CanonicalJSON
import LedgerCore
import LedgerJournal
import LedgerStore

extension LedgerSchema {
    /// Lines (account, currency, Σ amount, Σ value) as trial balance rows, zero lines left out.
    private func rows(_ rows: [SQLRow], offset: Int = 2, _ settings: LedgerSettings) throws -> [TrialBalanceRow] {
        try rows.compactMap { row in
            let amount = try row.int(offset)
            let value = try row.int(offset + 1)
            guard amount != 0 || value != 0 else { return nil }
            let currency = try Currency(code: try row.text(1))
            return TrialBalanceRow(
                account: try AccountCode(try row.text(0)), amount: Amount(minorUnits: amount, currency: currency),
                value: Amount(minorUnits: value, currency: settings.currency))
        }
    }

    /// Whether most postings are dated on or before `date`, by the server's statistics of
    /// postings.date (the histogram ANALYZE keeps: a guess, which only chooses how a balance is
    /// summed); false when there are none.
    func mostPostings(onOrBefore date: LedgerDate) throws -> Bool {
        guard let text = try session.row("""
            SELECT histogram_bounds::text FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'postings' AND attname = 'date'
            """)?.optionalText(0)
        else { return false }
        let bounds = text.filter { $0 != "{" && $0 != "}" && $0 != "\"" }.split(separator: ",")
        let key = Substring(date.description)
        return bounds.filter { $0 > key }.count * 2 < bounds.count
    }

    /// The postings summed per account and currency as of `date` from the running balances less
    /// the postings dated after it: fewer rows to read than the postings up to it when most of
    /// the journal is on or before `date` (a report as of last year's end).
    func balancesLessLater(_ date: LedgerDate, _ settings: LedgerSettings) throws -> [TrialBalanceRow] {
        try rows(try session.rows("""
            SELECT account, currency, SUM(amount)::BIGINT, SUM(value)::BIGINT FROM (
                SELECT account, currency, amount, value FROM balances
                UNION ALL
                SELECT account, currency, -amount, -value FROM postings WHERE date > $1) AS lines
            GROUP BY account, currency ORDER BY account, currency
            """, [.text(date.description)]), settings)
    }

    func trialBalance(asOf date: LedgerDate?) throws -> [TrialBalanceRow] {
        try read {
            guard let settings = try settings() else { return [] }
            if let date, try mostPostings(onOrBefore: date) { return try balancesLessLater(date, settings) }
            if let date {
                return try rows(try session.rows("""
                    SELECT account, currency, SUM(amount)::BIGINT, SUM(value)::BIGINT FROM postings
                    WHERE date <= $1 GROUP BY account, currency ORDER BY account, currency
                    """, [.text(date.description)]), settings)
            }
            return try rows(try session.rows("SELECT account, currency, amount, value FROM balances ORDER BY account, currency"), settings)
        }
    }

    func trialBalances(asOf first: LedgerDate, _ second: LedgerDate) throws -> (first: [TrialBalanceRow], second: [TrialBalanceRow]) {
        precondition(first <= second, "the first date comes first")
        return try read {
            guard let settings = try settings() else { return ([], []) }
            if try mostPostings(onOrBefore: first) {
                return (try balancesLessLater(first, settings), try balancesLessLater(second, settings))
            }
            let found = try session.rows("""
                SELECT account, currency,
                       SUM(CASE WHEN date <= $1 THEN amount ELSE 0 END)::BIGINT, SUM(CASE WHEN date <= $1 THEN value ELSE 0 END)::BIGINT,
                       SUM(amount)::BIGINT, SUM(value)::BIGINT
                FROM postings WHERE date <= $2 GROUP BY account, currency ORDER BY account, currency
                """, [.text(first.description), .text(second.description)])
            return (try rows(found, settings), try rows(found, offset: 4, settings))
        }
    }

    func postingTotals(from: LedgerDate?, through: LedgerDate?, excluding: [EntryKind]) throws -> [TrialBalanceRow] {
        try read {
            guard let settings = try settings() else { return [] }
            var conditions = ["TRUE"]
            var values: [SQLValue] = []
            if let from {
                values.append(.text(from.description))
                conditions.append("p.date >= $\(values.count)")
            }
            if let through {
                values.append(.text(through.description))
                conditions.append("p.date <= $\(values.count)")
            }
            // The excluded entries (year-end closes: few) are subtracted, read through the index
            // on kind, rather than each posting of the window looking its entry's kind up.
            var excluded = ""
            if !excluding.isEmpty {
                excluded = """
                    UNION ALL
                    SELECT p.account, p.currency, -p.amount, -p.value FROM journal j JOIN postings p ON p.seq = j.seq
                    WHERE \(conditions.joined(separator: " AND ")) AND j.kind IN (\(Self.placeholders(excluding.count, from: values.count + 1)))
                    """
                values += excluding.map { .text($0.rawValue) }
            }
            return try rows(try session.rows("""
                SELECT account, currency, SUM(amount)::BIGINT, SUM(value)::BIGINT FROM (
                    SELECT p.account, p.currency, p.amount, p.value FROM postings p WHERE \(conditions.joined(separator: " AND "))
                    \(excluded)) AS lines
                GROUP BY account, currency ORDER BY account, currency
                """, values), settings)
        }
    }

    func kindTotals(_ kinds: [EntryKind], from: LedgerDate, through: LedgerDate) throws -> [TrialBalanceRow] {
        try read {
            guard let settings = try settings(), !kinds.isEmpty else { return [] }
            return try rows(try session.rows("""
                SELECT p.account, p.currency, SUM(p.amount)::BIGINT, SUM(p.value)::BIGINT FROM journal j JOIN postings p ON p.seq = j.seq
                WHERE p.date >= $1 AND p.date <= $2 AND j.kind IN (\(Self.placeholders(kinds.count, from: 3)))
                GROUP BY p.account, p.currency ORDER BY p.account, p.currency
                """, [.text(from.description), .text(through.description)] + kinds.map { .text($0.rawValue) }), settings)
        }
    }

    func lastSeqWithPostings(through date: LedgerDate) throws -> UInt64? {
        try read { try session.row("SELECT MAX(seq) FROM postings WHERE date <= $1", [.text(date.description)])?.optionalNatural(0) }
    }

    func accountPostings(_ account: AccountCode, currency: Currency, from: LedgerDate, through: LedgerDate) throws -> [AccountPosting] {
        try read {
            guard let settings = try settings() else { return [] }
            return try session.rows("""
                SELECT p.seq, p.line, p.date, p.amount, j.kind, j.ref, j.body FROM postings p JOIN journal j ON j.seq = p.seq
                WHERE p.account = $1 AND p.currency = $2 AND p.date >= $3 AND p.date <= $4 ORDER BY p.seq, p.line
                """, [.text(account.rawValue), .text(currency.code), .text(from.description), .text(through.description)]
            ).map { row in
                let kind = try row.text(4)
                let body = try EntryBody(json: try JSONParser.parse(try row.bytes(6)), fundCurrency: settings.currency)
                return AccountPosting(
                    seq: try row.natural(0), line: Int(try row.int(1)), date: try LedgerDate(parsing: try row.text(2)),
                    amount: Amount(minorUnits: try row.int(3), currency: currency), kind: kind, ref: try row.optionalText(5), memo: body.memo,
                    data: kind == EntryKind.voucher.rawValue ? [:] : body.data)
            }
        }
    }

    func accountBalance(_ account: AccountCode, currency: Currency, asOf date: LedgerDate) throws -> Amount {
        try read {
            let sum = try session.row("""
                SELECT COALESCE(SUM(amount), 0)::BIGINT FROM postings WHERE account = $1 AND currency = $2 AND date <= $3
                """, [.text(account.rawValue), .text(currency.code), .text(date.description)])?.int(0) ?? 0
            return Amount(minorUnits: sum, currency: currency)
        }
    }

    func accountCurrencies(_ account: AccountCode) throws -> Set<Currency> {
        try read {
            Set(try session.rows("SELECT DISTINCT currency FROM postings WHERE account = $1", [.text(account.rawValue)]).map {
                try Currency(code: try $0.text(0))
            })
        }
    }
}
