import CanonicalJSON
public import LedgerCore
import LedgerLog
import LedgerStore

/// Foreign-exchange gains and losses netted on the face of the statement of financial
/// performance (IPSAS 1 ¶48): one line, "Net foreign exchange gains (losses)" = 4900 − 5900,
/// shown as revenue when a net gain and as an expense when a net loss; the note splits it into
/// unrealised (the postings of `fx.revalue` entries) and realised (every other posting).
public struct ForeignExchangeNote: Sendable, Equatable {
    public static let label = "Net foreign exchange gains (losses)"

    /// Gains less losses of the period (negative: a net loss).
    public let net: Amount
    /// The part from period-end revaluations of balances still held (`fx.revalue`).
    public let unrealised: Amount
    /// The part from receipts, conversions, refunds and write-offs: net − unrealised.
    public let realised: Amount

    /// Whether the net goes on the face as an expense (a net loss) rather than as revenue.
    public var isLoss: Bool { net.isNegative }

    /// The line on the face: 4900 with the gain under revenue, or 5900 with the loss
    /// (debit-positive) under expenses.
    var line: FinancialPerformanceReport.Line {
        isLoss
            ? FinancialPerformanceReport.Line(account: FundChart.fxLosses, name: Self.label, value: (try? net.negated()) ?? net)
            : FinancialPerformanceReport.Line(account: FundChart.fxGains, name: Self.label, value: net)
    }

    init(_ balances: BalanceSet, _ basis: ReportBasis) throws {
        net = try Self.gain(balances)
        let revalued = try basis.ledger.kindTotals([.fxRevalue], from: basis.from, through: basis.asOf)
        unrealised = try Self.gain(BalanceSet(rows: revalued, currency: basis.currency))
        realised = try net.subtracting(unrealised)
    }

    /// Credits of 4900 and 5900 (gains positive).
    static func gain(_ balances: BalanceSet) throws -> Amount {
        try balances.credit(under: FundChart.fxGains).adding(try balances.credit(under: FundChart.fxLosses))
    }

    /// The note as a table: realised, unrealised, net.
    func table(_ currency: Currency) -> ReportTable {
        var table = ReportTable(title: "Note: foreign exchange gains (losses)", [ReportColumn("LINE"), ReportColumn(currency.code, amount: true)])
        table.add(["Realised (receipts, conversions, refunds, write-offs)", realised.decimalString])
        table.add(["Unrealised (period-end revaluation, fx.revalue)", unrealised.decimalString])
        table.add([Self.label, net.decimalString])
        return table
    }

    var json: JSONValue {
        .object(JSONObject([
            ("net", .amount(net)), ("presented_as", .string(isLoss ? "expense" : "revenue")),
            ("realised", .amount(realised)), ("unrealised", .amount(unrealised)),
        ]))
    }
}
