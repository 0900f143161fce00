import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

/// The statement of changes in net assets for a period, per component (3100 accumulated
/// surplus – unearmarked, 3200 – earmarked, 3300 operating cash reserve): the opening balance
/// (at the day before the period), the surplus or deficit of the period, transfers to and from
/// the operating reserve, other movements, and the closing balance. Surplus not yet closed
/// into 3100 by a year-end close counts in 3100, so the close itself moves nothing but the
/// restricted part of the year's result, which it moves from 3100 to 3200 (`EarmarkRules`
/// in the fund rules): shown as transfers to (from) earmarked net assets, and per earmark.
public struct NetAssetsReport {
    /// One line of the statement: a value per component (credit-positive) and their total.
    public struct Row: Sendable, Equatable {
        /// Stable name of the row in JSON: `opening`, `surplus`, `reserve_transfers`,
        /// `earmark_transfers`, `other_movements` or `closing`.
        public let key: String
        /// The row's label, e.g. "Surplus (deficit) for the period".
        public let label: String
        /// One value per component, in the order of ``components``, in the fund currency.
        public let values: [Amount]
        /// Σ ``values``.
        public let total: Amount
    }

    /// The fund and the period.
    public let heading: ReportHeading
    /// The components, in column order.
    public let components: [AccountCode]
    /// The components' account names, in column order.
    public let componentNames: [String]
    /// Net assets the day before the period.
    public let opening: Row
    /// The period's surplus or deficit, all in 3100.
    public let surplus: Row
    /// Transfers to (from) the operating reserve (3300) in the period.
    public let reserveTransfers: Row
    /// What year-end closes in the period moved into (out of) restricted net assets (3200).
    public let earmarkTransfers: Row
    /// Other postings to net assets in the period (not reserve transfers or year closes).
    public let otherMovements: Row
    /// Net assets on the period's last day.
    public let closing: Row
    /// Restricted net assets by earmark at both ends of the period.
    public let earmarks: [(name: String, opening: Amount, closing: Amount)]

    /// Whether opening + movements = closing in every component.
    public var reconciles: Bool {
        components.indices.allSatisfy { index in
            let moved = [opening, surplus, reserveTransfers, earmarkTransfers, otherMovements].reduce(Int64(0)) { $0 + $1.values[index].minorUnits }
            return moved == closing.values[index].minorUnits
        }
    }

    /// Reads the balances at both ends of the period and the movements within it.
    public init(_ basis: ReportBasis) throws {
        heading = basis.heading
        components = basis.netAssetComponents()
        componentNames = components.map { basis.name(of: $0) }
        let ledger = basis.ledger
        guard let before = basis.from.addingChecked(days: -1) else {
            throw RuleViolation(.badInput, "the net assets report opens on the day before its first day; \(basis.from) has none (the calendar starts at 1900-01-01): give a later --from")
        }
        // One pass gives both ends; the period is their difference less the year-end closes,
        // and the other movements that less the reserve transfers (both read by kind: few).
        let (start, end) = try ledger.trialBalances(asOf: before, basis.asOf)
        opening = try Self.row("opening", "Opening net assets (\(before))", try Self.positions(start, basis), basis)
        let closes = try ledger.kindTotals([.yearClose], from: basis.from, through: basis.asOf)
        let period = try Self.difference(end, minus: start + closes)
        let result = try BalanceSet(rows: period, currency: basis.currency).debit { [.revenue, .expense].contains(basis.type(of: $0)) }.negated()
        surplus = try Self.row("surplus", "Surplus (deficit) for the period", components.map { $0 == FundChart.surplus ? result : basis.zero }, basis)
        let transfers = try ledger.entries(ofKinds: [.reserveAdjust], from: basis.from, through: basis.asOf)
        let transferRows = transfers.flatMap(\.postings).map { ValueLine(account: $0.account, value: $0.value) }
        reserveTransfers = try Self.row("reserve_transfers", "Transfers to (from) the operating reserve", try Self.credits(transferRows, basis), basis)
        let others = try Self.difference(period, minus: try ledger.kindTotals([.reserveAdjust], from: basis.from, through: basis.asOf))
        let restricted = try Money.sum(closes.filter { $0.account.isWithin(FundChart.earmarked) }.map(\.value), basis.currency).negated()
        earmarkTransfers = try Self.row("earmark_transfers", "Transfers to (from) earmarked net assets", try components.map { code in
            code == FundChart.earmarked ? restricted : code == FundChart.surplus ? try restricted.negated() : basis.zero
        }, basis)
        let records = try basis.records("earmark")
        let atStart = try EarmarkBalance.all(records, asOf: before, basis.currency)
        let atEnd = try EarmarkBalance.all(records, asOf: basis.asOf, basis.currency)
        earmarks = zip(atStart, atEnd).map { ($0.name, $0.value, $1.value) }
        otherMovements = try Self.row("other_movements", "Other movements", try Self.credits(others.map { ValueLine(account: $0.account, value: $0.value) }, basis), basis)
        closing = try Self.row("closing", "Closing net assets (\(basis.asOf))", try Self.positions(end, basis), basis)
    }

    /// `rows` less `others`, line by line (account and currency); zero lines left out.
    static func difference(_ rows: [TrialBalanceRow], minus others: [TrialBalanceRow]) throws -> [TrialBalanceRow] {
        var sums: [String: (row: TrialBalanceRow, amount: Int64, value: Int64)] = [:]
        for (sign, list) in [(Int64(1), rows), (Int64(-1), others)] {
            for row in list {
                let key = row.account.rawValue + " " + row.amount.currency.code
                let (amount, amountOverflow) = (sums[key]?.amount ?? 0).addingReportingOverflow(sign * row.amount.minorUnits)
                let (value, valueOverflow) = (sums[key]?.value ?? 0).addingReportingOverflow(sign * row.value.minorUnits)
                guard !amountOverflow, !valueOverflow else { throw ReportError("the movements of \(row.account) overflow") }
                sums[key] = (sums[key]?.row ?? row, amount, value)
            }
        }
        return sums.keys.sorted().compactMap { key in
            guard let sum = sums[key], sum.amount != 0 || sum.value != 0 else { return nil }
            return TrialBalanceRow(
                account: sum.row.account, amount: Amount(minorUnits: sum.amount, currency: sum.row.amount.currency),
                value: Amount(minorUnits: sum.value, currency: sum.row.value.currency))
        }
    }

    /// A posting's account and value, whether from a balance line or an entry.
    struct ValueLine {
        let account: AccountCode
        let value: Amount
    }

    /// Each component's credit balance, the surplus not yet closed counted in 3100.
    static func positions(_ rows: [TrialBalanceRow], _ basis: ReportBasis) throws -> [Amount] {
        let open = try BalanceSet(rows: rows, currency: basis.currency).debit { [.revenue, .expense].contains(basis.type(of: $0)) }.negated()
        let values = try credits(rows.map { ValueLine(account: $0.account, value: $0.value) }, basis)
        return try zip(basis.netAssetComponents(), values).map { code, value in
            code == FundChart.surplus ? try value.adding(open) : value
        }
    }

    /// Σ value per component, credit-positive.
    static func credits(_ rows: [ValueLine], _ basis: ReportBasis) throws -> [Amount] {
        try basis.netAssetComponents().map { code in
            try Money.sum(rows.filter { $0.account.isWithin(code) }.map(\.value), basis.currency).negated()
        }
    }

    static func row(_ key: String, _ label: String, _ values: [Amount], _ basis: ReportBasis) throws -> Row {
        Row(key: key, label: label, values: values, total: try Money.sum(values, basis.currency))
    }

    /// The report in the three output formats.
    public var document: ReportDocument {
        let code = heading.currency.code
        let columns = [ReportColumn("LINE")] + components.map { ReportColumn("\($0) \(code)", amount: true) } + [ReportColumn("TOTAL \(code)", amount: true)]
        var table = ReportTable(columns)
        let rows = [opening, surplus, reserveTransfers, earmarkTransfers, otherMovements, closing]
        for row in rows { table.add([row.label] + row.values.map(\.decimalString) + [row.total.decimalString]) }
        let legend = zip(components, componentNames).map { "\($0) \($1)" }.joined(separator: "; ")
        let check = reconciles
            ? "Opening balance plus movements equals the closing balance in every component."
            : "Opening balance plus movements DOES NOT equal the closing balance: run vtf verify."
        let json: [JSONValue] = rows.map { row in
            .object(JSONObject([
                ("key", .string(row.key)), ("label", .string(row.label)),
                ("values", .array(zip(components, row.values).map { code, value in
                    .object(JSONObject([("account", .string(code.rawValue)), ("value", .amount(value))]))
                })),
                ("total", .amount(row.total)),
            ]))
        }
        var byEarmark = ReportTable(title: "Earmarked net assets (3200) by earmark", [
            ReportColumn("EARMARK"), ReportColumn("OPENING \(code)", amount: true), ReportColumn("CLOSING \(code)", amount: true),
        ])
        for earmark in earmarks { byEarmark.add([earmark.name, earmark.opening.decimalString, earmark.closing.decimalString]) }
        return heading.document("Statement of changes in net assets", tables: earmarks.isEmpty ? [table] : [table, byEarmark], notes: [legend, check], csv: table, json: [
            ("components", .array(zip(components, componentNames).map { code, name in
                .object(JSONObject([("account", .string(code.rawValue)), ("name", .string(name))]))
            })),
            ("rows", .array(json)),
            ("earmarks", .array(earmarks.map { earmark in
                .object(JSONObject([("earmark", .string(earmark.name)), ("opening", .amount(earmark.opening)), ("closing", .amount(earmark.closing))]))
            })),
            ("reconciles", .bool(reconciles)),
        ])
    }
}

extension ReportBasis {
    /// The net-asset components: the chart's 3xxx accounts and any other of that type, by code.
    func netAssetComponents() -> [AccountCode] {
        var codes = Set(FundChart.accounts.filter { $0.type == .netAssets }.compactMap { try? AccountCode($0.code) })
        for code in accounts.keys where type(of: code) == .netAssets { codes.insert(Self.top(code)) }
        return codes.sorted { $0.rawValue < $1.rawValue }
    }
}
