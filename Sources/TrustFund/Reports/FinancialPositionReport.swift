import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

/// The statement of financial position (IPSAS 1) as of a date, in the fund currency: current
/// and non-current assets (`ReceivableTerms`), liabilities and net assets (restricted by
/// earmark, 3200, apart from unrestricted, 3100, and the reserve, 3300), the last including the surplus or deficit of the period
/// not yet closed into accumulated surplus; assets = liabilities + net assets. The memo
/// accounts (pledges not yet binding, open grant commitments) are shown apart.
public struct FinancialPositionReport {
    /// One line of the statement: assets and memo lines debit-positive, liabilities and net
    /// assets credit-positive.
    public struct Line: Sendable, Equatable {
        /// Stable name of the line in JSON, e.g. `cash`.
        public let key: String
        /// The line's label, e.g. "Cash and cash equivalents".
        public let label: String
        /// The accounts it sums, e.g. "1100, 1110".
        public let accounts: String
        /// The line's value in the fund currency (assets and memo debit-positive, liabilities and net
        /// assets credit-positive).
        public let value: Amount
        /// Whether an asset is current (due or realised within 12 months); liabilities, net
        /// assets and memo lines are all `true`.
        public var current = true
    }

    /// The fund and the date.
    public let heading: ReportHeading
    /// The asset lines, debit-positive.
    public let assets: [Line]
    /// The liability lines, credit-positive.
    public let liabilities: [Line]
    /// The net asset lines, credit-positive, the period's surplus or deficit not yet closed included.
    public let netAssets: [Line]
    /// The memo lines (pledges not yet binding, open grant commitments), outside the totals.
    public let memo: [Line]
    /// Σ assets.
    public let totalAssets: Amount
    /// The non-current part of the assets (the rest is current).
    public let totalNonCurrentAssets: Amount
    /// Restricted net assets (3200) by earmark, as the last year close left them.
    public let earmarks: [EarmarkBalance]
    /// Σ liabilities.
    public let totalLiabilities: Amount
    /// Σ net assets.
    public let totalNetAssets: Amount
    /// The currencies other than the fund's that assets or liabilities are held in, and the day of
    /// the latest revaluation (`fx.revalue`) on or before the report's date (nil: none yet).
    public let foreignHoldings: (currencies: [String], revalued: LedgerDate?)

    /// Whether assets = liabilities + net assets.
    public var balances: Bool { (try? totalLiabilities.adding(totalNetAssets)) == totalAssets }

    typealias Spec = (key: String, label: String, accounts: [String])

    static let assetLines: [Spec] = [
        ("cash", "Cash and cash equivalents", ["1100", "1110"]),
        ("contributions_receivable", "Contributions receivable, net of allowance – current", ["1200", "1210"]),
        ("advances", "Advances to implementing partners – current", ["1300"]),
        ("accrued_interest", "Accrued interest receivable", ["1400"]),
    ]
    static let liabilityLines: [Spec] = [
        ("payables", "Payables and grant instalments due", ["2100"]),
        ("deferred_revenue", "Deferred revenue – conditional contributions", ["2200"]),
        ("refunds_payable", "Refunds payable to donors", ["2300"]),
        ("unidentified_receipts", "Unidentified receipts", ["2400"]),
    ]
    static let netAssetLines: [Spec] = [
        ("accumulated_surplus_unearmarked", "Accumulated surplus – unearmarked", ["3100"]),
        ("accumulated_surplus_earmarked", "Accumulated surplus – earmarked", ["3200"]),
        ("operating_reserve", "Operating cash reserve", ["3300"]),
    ]
    static let memoLines: [Spec] = [
        ("pledges", "Pledges not yet binding", ["9100"]),
        ("commitments", "Open grant commitments", ["9200"]),
    ]

    /// Reads every balance as of the basis's date.
    public init(_ basis: ReportBasis) throws {
        heading = basis.heading
        let balances = BalanceSet(rows: try basis.ledger.trialBalance(asOf: basis.asOf), currency: basis.currency)
        let terms = try ReceivableTerms(basis, balances)
        assets = try Self.section(Self.assetLines, .asset, credit: false, balances, basis).map { line in
            guard line.key == "contributions_receivable" else { return line }
            return Line(key: line.key, label: line.label, accounts: line.accounts, value: try line.value.subtracting(terms.nonCurrent))
        } + [Line(key: "contributions_receivable_non_current", label: "Contributions receivable, net of allowance – non-current",
                  accounts: "1200, 1210", value: terms.nonCurrent, current: false)]
        totalNonCurrentAssets = terms.nonCurrent
        earmarks = try EarmarkBalance.all(basis)
        liabilities = try Self.section(Self.liabilityLines, .liability, credit: true, balances, basis)
        let open = try balances.debit { [.revenue, .expense].contains(basis.type(of: $0)) }.negated()
        netAssets = try Self.section(Self.netAssetLines, .netAssets, credit: true, balances, basis)
            + [Line(key: "surplus_not_closed", label: "Surplus (deficit) of the period not yet closed", accounts: "revenue − expenses", value: open)]
        memo = try Self.memoLines.map { spec in
            Line(key: spec.key, label: spec.label, accounts: spec.accounts.joined(separator: ", "),
                 value: try Money.sum(try spec.accounts.map { try balances.debit(under: try AccountCode($0)) }, basis.currency))
        }
        foreignHoldings = try Self.foreignHoldings(balances, basis)
        totalAssets = try Money.sum(assets.map(\.value), basis.currency)
        totalLiabilities = try Money.sum(liabilities.map(\.value), basis.currency)
        totalNetAssets = try Money.sum(netAssets.map(\.value), basis.currency)
    }

    /// The foreign currencies of asset and liability balances, and the latest revaluation.
    static func foreignHoldings(_ balances: BalanceSet, _ basis: ReportBasis) throws -> (currencies: [String], revalued: LedgerDate?) {
        let currencies = Set(balances.rows.filter { row in
            row.amount.currency != basis.currency && !row.amount.isZero && [.asset, .liability].contains(basis.type(of: row.account))
        }.map(\.amount.currency.code)).sorted()
        let revalued = try basis.ledger.entries(ofKinds: [FundKind.fxRevalue.entryKind]).map(\.date).filter { $0 <= basis.asOf }.max()
        return (currencies, revalued)
    }

    /// The note on foreign-currency balances when the report's date is not a revaluation's: they
    /// are carried at their entries' rates and the last revaluation's (IPSAS 4 translates them at
    /// the closing rate at each reporting date; the fund revalues when it closes a period).
    var foreignNote: String? {
        guard !foreignHoldings.currencies.isEmpty, foreignHoldings.revalued != heading.asOf else { return nil }
        let since = foreignHoldings.revalued.map { "the last revaluation (fx.revalue dated \($0))" } ?? "no revaluation yet"
        return "Balances held in \(foreignHoldings.currencies.joined(separator: ", ")) are carried at the rates of their entries, with \(since); "
            + "they are not revalued at the rates of \(heading.asOf) (vtf fx revalue --date \(heading.asOf) does, before an interim report)."
    }

    /// The lines of `specs`, then "other" for any account of `type` none of them covers.
    static func section(_ specs: [Spec], _ type: AccountType, credit: Bool, _ balances: BalanceSet, _ basis: ReportBasis) throws -> [Line] {
        var lines: [Line] = []
        var covered: [AccountCode] = []
        for spec in specs {
            let codes = try spec.accounts.map { try AccountCode($0) }
            covered += codes
            let debit = try Money.sum(try codes.map { try balances.debit(under: $0) }, basis.currency)
            lines.append(Line(key: spec.key, label: spec.label, accounts: spec.accounts.joined(separator: ", "),
                              value: credit ? try debit.negated() : debit))
        }
        let other = try balances.debit { account in
            basis.type(of: account) == type && !covered.contains { account.isWithin($0) }
        }
        if !other.isZero {
            lines.append(Line(key: "other", label: "Other", accounts: "", value: credit ? try other.negated() : other))
        }
        return lines
    }

    /// The report in the three output formats.
    public var document: ReportDocument {
        let code = heading.currency.code
        let columns = [ReportColumn("SECTION"), ReportColumn("LINE"), ReportColumn("ACCOUNTS"), ReportColumn(code, amount: true)]
        var table = ReportTable(columns)
        var csv = ReportTable(columns)
        let current = assets.filter(\.current)
        let currentTotal = (try? totalAssets.subtracting(totalNonCurrentAssets)) ?? totalAssets
        let sections: [(String, [Line], String, Amount)] = [
            ("Current assets", current, "Total current assets", currentTotal),
            ("Non-current assets", assets.filter { !$0.current }, "Total non-current assets", totalNonCurrentAssets),
            ("Liabilities", liabilities, "Total liabilities", totalLiabilities),
            ("Net assets", netAssets, "Total net assets", totalNetAssets),
        ]
        for (name, lines, totalLabel, total) in sections {
            for (index, line) in lines.enumerated() {
                table.add([index == 0 ? name : "", line.label, line.accounts, line.value.decimalString])
                csv.add([name, line.label, line.accounts, line.value.decimalString])
            }
            table.add(["", totalLabel, "", total.decimalString])
            csv.add([name, totalLabel, "", total.decimalString])
            if name == "Non-current assets" {
                table.add(["", "Total assets", "", totalAssets.decimalString])
                csv.add(["Assets", "Total assets", "", totalAssets.decimalString])
            }
            if name == "Net assets" {
                for earmark in earmarks {
                    table.add(["", "  of which earmarked: \(earmark.name)", "3200", earmark.value.decimalString])
                    csv.add(["Net assets", "of which earmarked: \(earmark.name)", "3200", earmark.value.decimalString])
                }
            }
        }
        let liabilitiesAndNet = (try? totalLiabilities.adding(totalNetAssets)) ?? totalLiabilities
        table.add(["", "Total liabilities and net assets", "", liabilitiesAndNet.decimalString])
        var memoTable = ReportTable(title: "Memo (off the statement)", [ReportColumn("LINE"), ReportColumn("ACCOUNTS"), ReportColumn(code, amount: true)])
        for line in memo {
            memoTable.add([line.label, line.accounts, line.value.decimalString])
            csv.add(["Memo", line.label, line.accounts, line.value.decimalString])
        }
        let note = balances
            ? "Assets (\(totalAssets.decimalString)) equal liabilities plus net assets (\(liabilitiesAndNet.decimalString))."
            : "Assets (\(totalAssets.decimalString)) DO NOT equal liabilities plus net assets (\(liabilitiesAndNet.decimalString)): run vtf verify."
        return heading.document("Statement of financial position", tables: [table, memoTable], notes: [note] + [foreignNote].compactMap { $0 }, csv: csv, json: [
            ("assets", .object(JSONObject([
                ("lines", .array(assets.map { line in
                    guard case .object(var fields) = Self.json(line) else { return Self.json(line) }
                    fields["term"] = .string(line.current ? "current" : "non_current")
                    return .object(fields)
                })),
                ("current_total", .amount(currentTotal)), ("non_current_total", .amount(totalNonCurrentAssets)), ("total", .amount(totalAssets)),
            ]))),
            ("liabilities", Self.json(liabilities, total: totalLiabilities)),
            ("net_assets", Self.json(netAssets, total: totalNetAssets)),
            ("earmarks", .array(earmarks.map(\.json))),
            ("memo", .array(memo.map(Self.json))),
            ("balanced", .bool(balances)),
        ])
    }

    static func json(_ line: Line) -> JSONValue {
        .object(JSONObject([
            ("key", .string(line.key)), ("label", .string(line.label)), ("accounts", .string(line.accounts)),
            ("value", .amount(line.value)),
        ]))
    }

    static func json(_ lines: [Line], total: Amount) -> JSONValue {
        .object(JSONObject([("lines", .array(lines.map(json))), ("total", .amount(total))]))
    }
}
