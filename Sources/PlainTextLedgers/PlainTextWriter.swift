import LedgerCore
import LedgerJournal

/// Writes ``PlainTextBooks`` in one ``PlainTextFormat``.
struct PlainTextWriter {
    let books: PlainTextBooks
    let format: PlainTextFormat
    /// Each account's type, which names its root.
    private let types: [AccountCode: AccountType]
    private var text = ""

    init(books: PlainTextBooks, format: PlainTextFormat) {
        self.books = books
        self.format = format
        types = Dictionary(books.accounts.map { ($0.code, $0.type) }, uniquingKeysWith: { first, _ in first })
    }

    /// The whole journal.
    mutating func render() throws -> String {
        header()
        for entry in books.entries { try transaction(entry) }
        return text
    }

    private var fund: String { books.fundCurrency.code }

    private mutating func header() {
        text += "; The books of \(books.origin), exported by vtf from its journal of \(books.size) entries (root \(books.root)).\n"
        text += "; Amounts are in their own currencies; values in \(fund), "
        switch format {
        case .hledger, .beancount:
            text += "as total costs (@@): report values with \(format == .hledger ? "hledger bal -B" : "bean-query's weight").\n"
            text += "; A value with no amount (a revaluation, an exchange difference) is a \(fund) posting tagged revalues: CUR.\n"
        case .ledger:
            text += "in each posting's FundValue tag: report them with ledger bal --amount 'tag(\"FundValue\")'.\n"
            text += "; Where a transaction's amounts do not balance in a currency, a posting to \(AccountNames.conversion) balances it.\n"
        }
        text += "\n"
        let currencies = Set(books.entries.flatMap { $0.postings.map(\.amount.currency) } + [books.fundCurrency])
        for currency in currencies.sorted(by: { $0.code < $1.code }) {
            let sample = Amount(minorUnits: 0, currency: currency).decimalString
            switch format {
            // hledger wants a decimal mark in the directive, also for a currency without minor units.
            case .hledger: text += "commodity \(sample.contains(".") ? sample : sample + ".") \(currency.code)\n"
            case .ledger: text += "commodity \(currency.code)\n    format \(sample) \(currency.code)\n"
            case .beancount: break
            }
        }
        if format == .beancount {
            text += "option \"title\" \"\(AccountNames.quoted(books.origin))\"\noption \"operating_currency\" \"\(fund)\"\n"
            let opened = (books.entries.map(\.date).min()).map { $0.description } ?? "1970-01-01"
            for account in books.accounts {
                text += "\(opened) open \(AccountNames.name(account.code, account.type, format))\n  name: \"\(AccountNames.quoted(account.name))\"\n"
            }
        } else {
            for account in books.accounts {
                text += "account \(AccountNames.name(account.code, account.type, format))  ; \(AccountNames.oneLine(account.name))\n"
            }
            if format == .ledger { text += "account \(AccountNames.conversion)  ; balances each currency of a transaction\n" }
        }
        text += "\n"
    }

    private mutating func transaction(_ entry: EntryBody) throws {
        let description = AccountNames.oneLine(entry.memo ?? entry.kind.rawValue)
        switch format {
        case .beancount:
            text += "\(entry.date) * \"\(AccountNames.quoted(description))\"\n  seq: \(entry.seq)\n  kind: \"\(entry.kind.rawValue)\"\n"
            if let ref = entry.ref { text += "  ref: \"\(AccountNames.quoted(ref))\"\n" }
        case .hledger, .ledger:
            let code = entry.ref.map { " (\(AccountNames.oneLine($0).replacingOccurrences(of: ")", with: "]")))" } ?? ""
            text += "\(entry.date) *\(code) \(description)\n    ; seq: \(entry.seq), kind: \(entry.kind.rawValue)\n"
        }
        var unbalanced: [Currency: Int64] = [:]
        for posting in entry.postings {
            let name = AccountNames.name(posting.account, types[posting.account] ?? .memo, format)
            if format == .ledger {
                text += "    \(name)  \(posting.amount.decimalString) \(posting.amount.currency.code)\n"
                text += "    ; FundValue:: \(posting.value.decimalString) \(fund)\n"
                let (sum, overflow) = unbalanced[posting.amount.currency, default: 0].addingReportingOverflow(posting.amount.minorUnits)
                guard !overflow else { throw PlainTextError("entry \(entry.seq): the amounts in \(posting.amount.currency.code) overflow when added") }
                unbalanced[posting.amount.currency] = sum
            } else {
                costPosting(name, posting)
            }
        }
        for (currency, sum) in unbalanced.sorted(by: { $0.key.code < $1.key.code }) where sum != 0 {
            guard sum != Int64.min else { throw PlainTextError("entry \(entry.seq): the amounts in \(currency.code) overflow when added") }
            text += "    \(AccountNames.conversion)  \(Amount(minorUnits: -sum, currency: currency).decimalString) \(currency.code)\n"
        }
        text += "\n"
    }

    /// A posting as hledger and beancount read it: the amount at its value as total cost; a value
    /// without an amount, or of the other sign, as a fund-currency posting tagged `revalues`.
    private mutating func costPosting(_ name: String, _ posting: Posting) {
        let amount = posting.amount
        let value = posting.value
        if amount.currency == books.fundCurrency, amount.minorUnits == value.minorUnits {
            text += "    \(name)  \(amount.decimalString) \(fund)\n"
            return
        }
        let sameSign = value.isZero || amount.isNegative == value.isNegative
        if !amount.isZero {
            let cost = sameSign ? String(value.decimalString.drop { $0 == "-" }) : Amount(minorUnits: 0, currency: value.currency).decimalString
            text += "    \(name)  \(amount.decimalString) \(amount.currency.code) @@ \(cost) \(fund)\n"
            if sameSign { return }
        }
        text += "    \(name)  \(value.decimalString) \(fund)\n"
        text += format == .beancount ? "      revalues: \"\(amount.currency.code)\"\n" : "    ; revalues: \(amount.currency.code)\n"
    }
}
