import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

/// Foreign-exchange gains and losses netted on the face of the statement of financial
/// performance (IPSAS 1 ¶48): one line, "Net foreign exchange gains (losses)" = 4900 − 5900,
/// shown as revenue when a net gain and as an expense when a net loss; the note splits it into
/// unrealised (the postings of `fx.revalue` entries) and realised (every other posting).
public struct ForeignExchangeNote: Sendable, Equatable {
    /// The label of the net FX line on the face of the statement.
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

    init(_ basis: ReportBasis) throws {
        let split = try ForeignExchangeSplit(basis.ledger, from: basis.from, through: basis.asOf, currency: basis.currency)
        net = try split.gains.subtracting(split.losses)
        unrealised = try split.unrealisedGains.subtracting(split.unrealisedLosses)
        realised = try net.subtracting(unrealised)
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

/// The FX gains (4900) and losses (5900) of a period, each split into unrealised (the postings
/// of `fx.revalue` entries) and realised (all other postings), the year-end close left out:
/// the one computation behind the statement's net line and the annual report's FX note.
struct ForeignExchangeSplit: Sendable, Equatable {
    /// Credits to 4900, and the part of them from revaluations.
    let gains, unrealisedGains: Amount
    /// Debits to 5900, and the part of them from revaluations.
    let losses, unrealisedLosses: Amount

    init(_ ledger: any StoreSnapshot, from: LedgerDate, through: LedgerDate, currency: Currency) throws {
        let all = BalanceSet(rows: try ledger.postingTotals(from: from, through: through, excluding: [.yearClose]), currency: currency)
        let revalued = BalanceSet(rows: try ledger.kindTotals([.fxRevalue], from: from, through: through), currency: currency)
        gains = try all.credit(under: FundChart.fxGains)
        losses = try all.debit(under: FundChart.fxLosses)
        unrealisedGains = try revalued.credit(under: FundChart.fxGains)
        unrealisedLosses = try revalued.debit(under: FundChart.fxLosses)
    }

    var realisedGains: Amount { get throws { try gains.subtracting(unrealisedGains) } }
    var realisedLosses: Amount { get throws { try losses.subtracting(unrealisedLosses) } }
}
